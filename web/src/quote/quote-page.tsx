import { useEffect, useMemo, useRef, useState } from 'react';
import type { AcceptQuoteInput, PublicQuoteView } from '../../../functions/quotes/public-contract';
import { AcceptForm, DeclineForm } from './answer-forms';
import { OfferPicker, TotalsPanel } from './offers';
import { AcceptedPage, DeclinedPage, ExpiredPage, InvalidLinkPage, MessagePage, PdfLink } from './outcomes';
import { loadApiUrl, PublicQuoteApi, type Problem } from './public-api';
import { QuoteHeading, SellerBar } from './quote-header';
import { formatMoney, initialPicks, offersOf, pickedIn, withCustomerPicks } from './selection';

type State =
  | { kind: 'loading' }
  | { kind: 'invalid' }
  | { kind: 'failed'; detail: string }
  | { kind: 'quote'; view: PublicQuoteView; gone?: string };

/** While the PDF the customer signs against is being drawn, accepting answers 409: try again this often. */
const PDF_RETRY_DELAYS_MS = [1_000, 2_000, 3_000, 4_000, 5_000, 5_000];
const PREPARING = /being prepared/i;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Loads the quote a link names and shows the page its status calls for. */
export function QuotePage({ token }: { token: string }) {
  const [state, setState] = useState<State>(token ? { kind: 'loading' } : { kind: 'invalid' });
  const [api, setApi] = useState<PublicQuoteApi>();

  useEffect(() => {
    if (!token) return;
    let live = true;
    void (async () => {
      try {
        const client = new PublicQuoteApi(await loadApiUrl(), token);
        const answer = await client.get();
        if (!live) return;
        setApi(client);
        if (answer.ok) setState({ kind: 'quote', view: answer.view });
        else if (answer.problem.status === 404) setState({ kind: 'invalid' });
        else setState({ kind: 'failed', detail: answer.problem.detail });
      } catch (error) {
        if (live) setState({ kind: 'failed', detail: (error as Error).message });
      }
    })();
    return () => {
      live = false;
    };
  }, [token]);

  useEffect(() => {
    if (state.kind === 'quote') {
      document.title = `Quote ${state.view.number} from ${state.view.seller.name}`;
      // When the quote itself first shows (read by the browser test and the bench).
      if (!performance.getEntriesByName('quote-shown').length) performance.mark('quote-shown');
      // The seller's colour (checked for 3:1 against white when set) marks the chosen option.
      document.documentElement.style.setProperty('--accent', state.view.seller.accentColour);
    }
    if (state.kind === 'invalid') document.title = 'This link is not valid';
  }, [state]);

  switch (state.kind) {
    case 'loading':
      return (
        <p className="qp-loading" role="status">
          Loading your quote…
        </p>
      );
    case 'invalid':
      return <InvalidLinkPage />;
    case 'failed':
      return (
        <MessagePage title="The quote could not be loaded">
          <p>{state.detail}. Reload the page to try again.</p>
        </MessagePage>
      );
    case 'quote': {
      const { view } = state;
      if (state.gone || view.status === 'expired') return <ExpiredPage view={view} detail={state.gone} />;
      if (view.status === 'accepted') return <AcceptedPage view={view} />;
      if (view.status === 'declined') return <DeclinedPage view={view} />;
      if (view.status !== 'sent' && view.status !== 'viewed') return <ExpiredPage view={view} />;
      return (
        <OpenQuote
          view={view}
          api={api!}
          onAnswered={(next) => setState({ kind: 'quote', view: next })}
          onGone={(detail) => setState({ kind: 'quote', view, gone: detail })}
        />
      );
    }
  }
}

/** A quote the customer may still answer: pick, see the total, sign and accept, or decline. */
function OpenQuote({
  view,
  api,
  onAnswered,
  onGone,
}: {
  view: PublicQuoteView;
  api: PublicQuoteApi;
  onAnswered: (view: PublicQuoteView) => void;
  onGone: (detail: string) => void;
}) {
  const offers = useMemo(() => offersOf(view), [view]);
  const tiered = Boolean(view.tiers?.length);
  const [chosen, setChosen] = useState<number | undefined>(tiered ? undefined : 0);
  const [picked, setPicked] = useState(() => initialPicks(view));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const priced = useMemo(() => offers.map((o) => withCustomerPicks(o, picked, view.currency)), [offers, picked, view]);
  const offer = chosen === undefined ? undefined : priced[chosen];
  const summary = `${view.number}${offer?.name ? ` (${offer.name})` : ''}${offer ? ` for ${formatMoney(offer.totals.total)}` : ''}`;

  const handleProblem = async (problem: Problem, attempt: number): Promise<'retry' | 'done'> => {
    if (problem.status === 400) {
      setErrors(Object.fromEntries(problem.errors.map((e) => [e.path, e.message])));
      setFailure(problem.errors.length ? undefined : problem.detail);
      return 'done';
    }
    if (problem.status === 410) {
      onGone(problem.detail);
      return 'done';
    }
    if (problem.status === 409) {
      if (PREPARING.test(problem.detail) && attempt < PDF_RETRY_DELAYS_MS.length) {
        setNotice('Your quote’s PDF is still being prepared. Trying again in a moment…');
        await wait(PDF_RETRY_DELAYS_MS[attempt]!);
        return 'retry';
      }
      // Answered meanwhile (another tab, another person): show what it is now.
      const fresh = await api.get();
      if (fresh.ok && fresh.view.status !== 'sent' && fresh.view.status !== 'viewed') {
        onAnswered(fresh.view);
        return 'done';
      }
    }
    setFailure(problem.detail);
    return 'done';
  };

  const accept = async (name: string, signature: AcceptQuoteInput['signature'] | undefined) => {
    const problems: Record<string, string> = {};
    if (!name) problems['name'] = 'Enter your full name';
    if (!signature) problems['signature'] = 'Type or draw your signature';
    if (!offer) problems['tierName'] = 'Choose one of the options above';
    setErrors(problems);
    setFailure(undefined);
    if (!offer || !signature || !name) return;
    setBusy(true);
    const input = {
      name,
      signature,
      ...(offer.name !== undefined ? { tierName: offer.name } : {}),
      optionalLineIds: pickedIn(offer, picked),
    };
    for (let attempt = 0; alive.current; attempt++) {
      const answer = await api.accept(input);
      if (answer.ok) return onAnswered(answer.view);
      if ((await handleProblem(answer.problem, attempt)) === 'done') break;
    }
    setNotice(undefined);
    setBusy(false);
  };

  const decline = async (reason: string) => {
    setBusy(true);
    setFailure(undefined);
    const answer = await api.decline(reason);
    if (answer.ok) return onAnswered(answer.view);
    await handleProblem(answer.problem, PDF_RETRY_DELAYS_MS.length);
    setBusy(false);
  };

  return (
    <>
      <SellerBar seller={view.seller} />
      <main className="qp-wrap">
        <QuoteHeading view={view} />
        <OfferPicker
          offers={priced}
          chosen={chosen}
          onChoose={(i) => {
            setChosen(i);
            setErrors(({ tierName: _t, ...rest }) => rest);
          }}
          picked={picked}
          onPick={(lineId, on) =>
            setPicked((before) => {
              const next = new Set(before);
              if (on) next.add(lineId);
              else next.delete(lineId);
              return next;
            })
          }
          error={errors['tierName']}
        />
        <div className="qp-columns">
          <div className="qp-details">
            {view.terms && (
              <section aria-labelledby="qp-terms">
                <h2 id="qp-terms">Terms</h2>
                <p className="qp-prose">{view.terms}</p>
              </section>
            )}
            {view.notes && (
              <section aria-labelledby="qp-notes">
                <h2 id="qp-notes">Notes</h2>
                <p className="qp-prose">{view.notes}</p>
              </section>
            )}
            <PdfLink view={view} />
          </div>
          <div className="qp-answer">
            <TotalsPanel totals={offer?.totals} title={offer?.name ? `Your total: ${offer.name}` : 'Your total'} />
            <AcceptForm
              summary={summary}
              sellerName={view.seller.name}
              busy={busy}
              errors={errors}
              onAccept={(name, signature) => void accept(name, signature)}
              onEdit={(path) =>
                setErrors((before) =>
                  Object.fromEntries(Object.entries(before).filter(([key]) => key.split('.')[0] !== path)),
                )
              }
            />
            <div aria-live="polite" className="qp-status">
              {notice && <p className="qp-notice">{notice}</p>}
            </div>
            <div aria-live="assertive">{failure && <p className="qp-alert">{failure}</p>}</div>
            <DeclineForm busy={busy} onDecline={(reason) => void decline(reason)} />
          </div>
        </div>
      </main>
    </>
  );
}
