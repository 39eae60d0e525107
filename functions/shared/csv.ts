import Papa from 'papaparse';

/**
 * CSV text from a header and rows. Cells a spreadsheet would run as a formula (=, +, -, @ first)
 * are escaped, so an exported or reported value can never execute on the reader's machine.
 */
export function toCsv(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (v: unknown) =>
    v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return `${Papa.unparse({ fields: [...headers], data: rows.map((r) => r.map(cell)) }, { escapeFormulae: true, newline: '\r\n' })}\r\n`;
}
