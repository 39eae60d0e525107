/**
 * The fonts a quote PDF is set in: DejaVu Sans from npm (`dejavu-fonts-ttf`), with full Latin,
 * Greek and Cyrillic, so "Łódź", "Zoë" and "€" render, which pdfkit's 14 standard fonts cannot.
 * Plain data (no imports), so lib/manifest.ts can name them as the PDF function's bundle assets.
 */
export const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/** The package folder the font files come from. */
export const FONT_PACKAGE_DIR = 'dejavu-fonts-ttf/ttf';

/** The folder beside a bundle the font files are copied to. */
export const BUNDLED_FONT_DIR = 'fonts';

/** What a PDF function's bundle must carry beside its code (lib/cloud/bundling.ts copies them). */
export const QUOTE_PDF_ASSETS = Object.values(FONT_FILES).map((file) => ({
  from: `${FONT_PACKAGE_DIR}/${file}`,
  to: `${BUNDLED_FONT_DIR}/${file}`,
}));
