'use strict';
// Stands in for `brotli/decompress.js` in Lambda bundles (see lib/cloud/bundling.ts): fontkit needs
// it only to read WOFF2 fonts, and the quote PDF ships TrueType (functions/quote-pdf/assets.ts).
// It is 475 KB of the PDF bundle's 905 KB. Loud if a WOFF2 font ever arrives.
module.exports = function decompress() {
  throw new Error('WOFF2 fonts are not bundled: ship TrueType (lib/cloud/fontkit-brotli-stub.cjs)');
};
