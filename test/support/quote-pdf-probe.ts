/**
 * A stand-in for the quote PDF Lambda's entry, bundled by test/infra/quote-pdf-bundle.test.ts and
 * test/bench/pdf.ts with the stack's esbuild options and assets: the renderer plus documents to
 * render, so a bundled render can be checked and timed in a fresh process.
 */
export { renderQuotePdf } from '../../functions/quote-pdf/render.js';
export { sectionedDocument, tieredDocument } from './quote-documents.js';
