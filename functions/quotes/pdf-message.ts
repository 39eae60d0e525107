import * as z from 'zod';

/**
 * A quote PDF to render (the quote-pdfs queue, functions/quote-pdf/handler.ts): a sent revision
 * (`revision`), its accepted copy with the acceptance page (`accepted`), or a preview of the
 * quote as it stands (`draft`, at a record version).
 */
export const quotePdfMessage = z.strictObject({
  tenantId: z.string().min(1),
  quoteId: z.string().min(1),
  target: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('revision'), revision: z.number().int().positive() }),
    z.strictObject({ kind: z.literal('accepted'), revision: z.number().int().positive() }),
    z.strictObject({ kind: z.literal('draft'), version: z.number().int().positive() }),
  ]),
});
export type QuotePdfMessage = z.infer<typeof quotePdfMessage>;
export type QuotePdfTarget = QuotePdfMessage['target'];

/** Where each PDF of a quote lives in the documents bucket (area `quotes`). */
export function quotePdfKey(tenantId: string, quoteId: string, target: QuotePdfTarget): string {
  const base = `quotes/${tenantId}/${quoteId}`;
  if (target.kind === 'revision') return `${base}/v${target.revision}.pdf`;
  if (target.kind === 'accepted') return `${base}/v${target.revision}-accepted.pdf`;
  return `${base}/draft-${target.version}.pdf`;
}
