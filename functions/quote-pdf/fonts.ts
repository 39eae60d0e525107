import { create, type Font } from 'fontkit';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * DejaVu Sans from npm (`dejavu-fonts-ttf`): full Latin, Greek and Cyrillic, so "Łódź", "Zoë" and
 * "€" render, which pdfkit's 14 standard fonts cannot. pdfkit embeds only the glyphs used.
 */
export const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/** The npm package the font files come from, and their folder in it. */
export const FONT_PACKAGE_DIR = 'dejavu-fonts-ttf/ttf';

/** The folder beside a bundle the files are copied to (lib/cloud/bundling.ts). */
export const BUNDLED_FONT_DIR = 'fonts';

export type FontName = keyof typeof FONT_FILES;

/** Where a font file is: in `fonts/` beside the bundle in a Lambda, in node_modules when run from source. */
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
