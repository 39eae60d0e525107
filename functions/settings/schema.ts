import * as z from 'zod';
import { moneyInput } from '../shared/money.js';
import { KEY_PROVIDERS } from '../shared/enums.js';
import { currencyCode, optionalText, text } from '../shared/validation.js';

/** Provider keys are opaque; we only check they look like a key and not like a sentence. */
export const apiKeySchema = z.strictObject({
  apiKey: z
    .string()
    .trim()
    .min(16, 'That is too short to be an API key')
    .max(512, 'At most 512 characters')
    .regex(/^\S+$/, 'An API key has no spaces'),
});

export const aiSettingsPatchSchema = z.strictObject({
  monthlyBudget: z.strictObject({
    amount: z.number().int('Whole cents').min(0, 'Cannot be negative').max(100_000_000, 'At most $1,000,000'),
    currency: z.literal('USD', 'Budgets are in US dollars, like the providers’ prices'),
  }),
  /** The settings' version, when not sent as If-Match. */
  version: z.number().int().positive().optional(),
});
export type AiSettingsPatch = z.infer<typeof aiSettingsPatchSchema>;

export const providerParam = z.strictObject({ provider: z.enum(KEY_PROVIDERS, `One of: ${KEY_PROVIDERS.join(', ')}`) });

export const usageQuerySchema = z.strictObject({ months: z.coerce.number().int().min(1).max(24).default(6) });

export const adminUsageQuerySchema = z.strictObject({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month like 2026-11')
    .optional(),
});

export const securitySettingsPatchSchema = z.strictObject({
  mfaRequired: z.boolean('true or false'),
});
export type SecuritySettingsPatch = z.infer<typeof securitySettingsPatchSchema>;

/** `PATCH /v1/settings/workspace`: the workspace's defaults. */
export const workspaceSettingsPatchSchema = z.strictObject({
  currency: currencyCode,
  /** The workspace's version, when not sent as If-Match. */
  version: z.number().int().positive().optional(),
});
export type WorkspaceSettingsPatch = z.infer<typeof workspaceSettingsPatchSchema>;

/** The image types a logo may be: what pdfkit draws and every browser shows. */
export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];
/** A logo's largest size: it is drawn on every page of every quote PDF. */
export const MAX_LOGO_BYTES = 512 * 1024;
/** The accent colour until a workspace picks its own. */
export const DEFAULT_ACCENT_COLOUR = '#0B6E4F';

/** WCAG contrast of `#RRGGBB` against white (1 to 21). */
export function contrastOnWhite(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (luminance + 0.05);
}

/** Headings and rules in the accent colour sit on white paper: 3:1 (WCAG for large text) at least. */
export const accentColour = z
  .string('A colour like #0B6E4F')
  .regex(/^#[0-9A-Fa-f]{6}$/, 'A colour like #0B6E4F')
  .refine((c) => contrastOnWhite(c) >= 3, {
    error: (issue) =>
      `Too light to read on white (contrast ${contrastOnWhite(String(issue.input)).toFixed(1)}:1; at least 3:1)`,
  })
  .transform((c) => c.toUpperCase());

/** `PUT /v1/settings/branding`: the whole branding; `logo` omitted keeps the current one, `null` removes it. */
export const brandingPutSchema = z.strictObject({
  accentColour,
  addressLines: z.array(text(120)).max(6, 'At most 6 lines'),
  /** Printed at the foot of every page; empty or omitted for none. */
  footerTerms: optionalText(1000),
  /** A logo uploaded through `POST /v1/settings/branding/logo-uploads`, checked when saved. */
  logo: z
    .strictObject({ uploadKey: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Not an upload key') })
    .nullable()
    .optional(),
  /** The workspace's version, when not sent as If-Match. */
  version: z.number().int().positive().optional(),
});
export type BrandingPut = z.output<typeof brandingPutSchema>;

/** `POST /v1/settings/branding/logo-uploads`: the type of the image about to be uploaded. */
export const logoUploadSchema = z.strictObject({
  contentType: z.enum(LOGO_TYPES, 'A PNG (image/png) or JPEG (image/jpeg)'),
});

/**
 * `PUT /v1/settings/quote-approval`: a quote needs an owner or admin to approve it when a line is
 * discounted by more than `maxLineDiscountBps`, or its total is over its currency's `maxTotal`
 * (a currency not listed always needs approval).
 */
export const quoteApprovalPutSchema = z.strictObject({
  maxLineDiscountBps: z.number().int().min(0, 'At least 0%').max(10_000, 'At most 100%'),
  maxTotal: z
    .array(moneyInput)
    .max(20, 'At most 20 currencies')
    .superRefine((limits, ctx) =>
      limits.forEach((m, i) => {
        if (limits.findIndex((o) => o.currency === m.currency) !== i)
          ctx.addIssue({ code: 'custom', path: [i, 'currency'], message: 'Another limit has this currency' });
      }),
    ),
  version: z.number().int().positive().optional(),
});
export type QuoteApprovalPut = z.output<typeof quoteApprovalPutSchema>;
