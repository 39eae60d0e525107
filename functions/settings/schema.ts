import * as z from 'zod';
import { KEY_PROVIDERS } from '../shared/enums.js';
import { currencyCode } from '../shared/validation.js';

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
