/** What the preview draws: the form's values as they stand, before they are saved. */
export interface PreviewValues {
  name: string;
  accentColour: string;
  addressLines: string[];
  footerTerms: string;
  /** A URL the browser can show: the saved logo's link, or the picked file's object URL. */
  logoUrl: string | null;
}

/**
 * The top and foot of a quote PDF page as the branding would draw it (functions/quote-pdf/render.ts):
 * logo or name, address on the right, the accent rule, headings and the total in the accent colour,
 * footer terms and the page number. Sample content, real branding.
 */
export function BrandingPreview({ values }: { values: PreviewValues }) {
  const accent = /^#[0-9A-Fa-f]{6}$/.test(values.accentColour) ? values.accentColour : '#59636E';
  return (
    <figure className="branding-preview" aria-label="Preview of a quote page with this branding">
      <div className="branding-paper" style={{ ['--brand' as string]: accent }}>
        <header className="branding-paper-head">
          {values.logoUrl ? (
            <img className="branding-paper-logo" src={values.logoUrl} alt={`${values.name} logo`} />
          ) : (
            <strong className="branding-paper-name">{values.name}</strong>
          )}
          <address className="branding-paper-address">
            {(values.logoUrl ? [values.name, ...values.addressLines] : values.addressLines).map((line, i) => (
              <span key={i}>{line}</span>
            ))}
          </address>
        </header>
        <hr className="branding-paper-rule" />
        <p className="branding-paper-title">Managed IT for Café Zoë</p>
        <p className="branding-paper-meta">Q-2026-0001 · Version 1</p>
        <div className="branding-paper-table" role="presentation">
          <span>Description</span>
          <span>Qty</span>
          <span>Net</span>
          <span className="branding-paper-cell">Support plan</span>
          <span className="branding-paper-cell">12</span>
          <span className="branding-paper-cell">£3,000.00</span>
          <span className="branding-paper-cell">Onboarding</span>
          <span className="branding-paper-cell">1</span>
          <span className="branding-paper-cell">£720.00</span>
        </div>
        <p className="branding-paper-total">
          <span>Total</span>
          <span>£4,464.00</span>
        </p>
        <footer className="branding-paper-foot">
          <span>{values.footerTerms || 'No footer terms'}</span>
          <span>Page 1 of 1</span>
        </footer>
      </div>
      <figcaption className="muted">Live preview: the top and foot of every page of your quote PDFs.</figcaption>
    </figure>
  );
}
