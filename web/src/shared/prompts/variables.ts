/** The API's `{{ name }}` placeholder syntax (functions/prompts/render.ts). */
const VARIABLE = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g;

/** The variable names a template uses, in order of first use. */
export const variablesIn = (template: string): string[] => [
  ...new Set([...template.matchAll(VARIABLE)].map((m) => m[1]!)),
];

/** The variables a template uses that the category does not declare (the API refuses these with a 400). */
const unknownVariables = (template: string, declared: readonly string[]): string[] =>
  variablesIn(template).filter((name) => !declared.includes(name));

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The declared variable an unknown one was probably meant to be (a typo), if any. */
function closestVariable(name: string, declared: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const candidate of declared) {
    const d = distance(name.toLowerCase(), candidate);
    if (!best || d < best.d) best = { name: candidate, d };
  }
  return best && best.d <= Math.max(2, Math.floor(name.length / 4)) ? best.name : undefined;
}

/** The inline message for a template's unknown variables, or undefined when every one is declared. */
export function unknownVariablesMessage(template: string, declared: readonly string[]): string | undefined {
  const unknown = unknownVariables(template, declared);
  if (unknown.length === 0) return undefined;
  const hints = unknown
    .map((name) => ({ name, suggestion: closestVariable(name, declared) }))
    .filter((u) => u.suggestion)
    .map((u) => `did you mean {{${u.suggestion}}} for {{${u.name}}}?`);
  const list = unknown.map((v) => `{{${v}}}`).join(', ');
  return `Unknown variable${unknown.length > 1 ? 's' : ''} ${list}: this category does not provide ${unknown.length > 1 ? 'them' : 'it'}. Use one from the list of variables${hints.length ? ` (${hints.join('; ')})` : ''}.`;
}
