import { useEffect, useRef, useState } from 'react';
import { quotesApi, type QuotePdfView, type QuoteView } from '../../../../functions/quotes/contract';
import { errorMessage } from '../../shared/api';
import { useApi } from '../../shared/services';
import { Alert, Button, Spinner } from '../../shared/ui';

/** The PDF route answers 202 while the file is drawn: asked again after these pauses, then given up. */
const POLL_PAUSES_MS = [1_000, 1_000, 2_000, 3_000, 5_000, 8_000];

type PdfState =
  | { step: 'idle' }
  | { step: 'rendering'; attempt: number }
  | { step: 'ready'; pdf: QuotePdfView & { url: string } }
  | { step: 'failed'; message: string };

/** What the PDF is: the signed copy once accepted, the sent revision, or a preview of this version. */
const pdfNoun = (quote: QuoteView) =>
  quote.status === 'accepted'
    ? 'signed PDF'
    : ['draft', 'pending_approval', 'approved'].includes(quote.status)
      ? 'PDF preview'
      : 'sent PDF';

/** Saves the PDF under its own name (the link's host is the documents bucket, so `download` on it would be ignored). */
async function downloadPdf(pdf: QuotePdfView & { url: string }) {
  const res = await fetch(pdf.url);
  if (!res.ok) throw new Error(`The PDF could not be downloaded (${res.status}): preview it again for a new link`);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = pdf.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/**
 * "Preview PDF" on a quote's page: asks the PDF route, shows "Preparing…" while it draws the file
 * (a few polls, then a message that says what to do), then the PDF itself and a Download button.
 * A new version of the quote is a new component (the editor is keyed by version), so a preview
 * never outlives the figures it shows.
 */
export function QuotePdfPanel({ quote }: { quote: QuoteView }) {
  const api = useApi();
  const [state, setState] = useState<PdfState>({ step: 'idle' });
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const cancelled = useRef(false);
  useEffect(
    () => () => {
      cancelled.current = true;
    },
    [],
  );
  const noun = pdfNoun(quote);

  const load = async () => {
    setDownloadError(null);
    try {
      for (let attempt = 0; ; attempt++) {
        setState({ step: 'rendering', attempt: attempt + 1 });
        const pdf = await api.call(quotesApi.pdf, { params: { quoteId: quote.quoteId } });
        if (cancelled.current) return;
        if (pdf.status === 'ready' && pdf.url) return setState({ step: 'ready', pdf: { ...pdf, url: pdf.url } });
        const pause = POLL_PAUSES_MS[attempt];
        if (pause === undefined)
          return setState({
            step: 'failed',
            message: `The ${noun} is still being drawn after ${attempt + 1} tries. Try again in a minute; if it keeps failing, tell your admin.`,
          });
        await new Promise((r) => setTimeout(r, pause));
        if (cancelled.current) return;
      }
    } catch (error) {
      if (!cancelled.current)
        setState({ step: 'failed', message: `The ${noun} could not be loaded: ${errorMessage(error)}` });
    }
  };

  const download = async (pdf: QuotePdfView & { url: string }) => {
    setDownloading(true);
    setDownloadError(null);
    try {
      await downloadPdf(pdf);
    } catch (error) {
      setDownloadError(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  };

  const title = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <section className="card card-pad quote-pdf" aria-labelledby="quote-pdf-title">
      <div className="section-head">
        <h2 id="quote-pdf-title" className="section-title">
          {title}
        </h2>
        <div className="quote-pdf-actions">
          {state.step === 'ready' && (
            <Button variant="primary" busy={downloading} onClick={() => void download(state.pdf)}>
              Download {state.pdf.fileName}
            </Button>
          )}
          <Button
            busy={state.step === 'rendering'}
            onClick={() => void load()}
            variant={state.step === 'ready' ? 'secondary' : 'primary'}
          >
            {state.step === 'ready' ? 'Refresh preview' : state.step === 'failed' ? 'Try again' : 'Preview PDF'}
          </Button>
        </div>
      </div>
      {state.step === 'idle' && (
        <p className="muted">
          {quote.status === 'accepted'
            ? 'The PDF the customer signed, with its acceptance page.'
            : noun === 'sent PDF'
              ? 'The PDF that was sent with this revision.'
              : 'How the customer will see this version, as a PDF (save your changes first to include them).'}
        </p>
      )}
      {state.step === 'rendering' && (
        <p className="quote-pdf-progress" role="status">
          <Spinner size="sm" /> Preparing the {noun}…
          {state.attempt > 1 ? ` (check ${state.attempt} of ${POLL_PAUSES_MS.length + 1})` : ''}
        </p>
      )}
      {state.step === 'failed' && <Alert tone="error">{state.message}</Alert>}
      {downloadError && <Alert tone="error">{downloadError}</Alert>}
      {state.step === 'ready' && (
        <>
          <iframe className="quote-pdf-frame" title={`${title} of ${quote.number}`} src={state.pdf.url} />
          <p className="muted quote-pdf-note">
            <a href={state.pdf.url} target="_blank" rel="noreferrer">
              Open the PDF in a new tab
            </a>{' '}
            (the link is valid for a few minutes).
          </p>
        </>
      )}
    </section>
  );
}
