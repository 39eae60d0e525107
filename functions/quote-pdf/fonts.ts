import { create, type Font } from 'fontkit';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { BUNDLED_FONT_DIR, FONT_FILES, FONT_PACKAGE_DIR } from './assets.js';

export type FontName = keyof typeof FONT_FILES;

/** Where a font file is: in `fonts/` beside the bundle in a Lambda (its assets), in node_modules when run from source. */
export function fontPath(name: FontName): string {
  const file = FONT_FILES[name];
  const beside = fileURLToPath(new URL(`./${BUNDLED_FONT_DIR}/${file}`, import.meta.url));
  if (existsSync(beside)) return beside;
  return createRequire(import.meta.url).resolve(`${FONT_PACKAGE_DIR}/${file}`);
}

let parsed: Record<FontName, Font> | undefined;

/**
 * The fonts, read and parsed once per process: fontkit decodes a table (metrics, kerning) the
 * first time it is used and keeps it, so later renders in a warm Lambda skip that work.
 */
export function loadFonts(): Record<FontName, Font> {
  parsed ??= { regular: parse('regular'), bold: parse('bold') };
  return parsed;
}

function parse(name: FontName): Font {
  const font = create(readFileSync(fontPath(name)));
  if (!('layout' in font)) throw new Error(`${FONT_FILES[name]} is a font collection, not a font`);
  return font;
}
