// No imports: the CDK app reads this file too (lib/cloud/tenant-data-role.ts).

/** The ElectroDB service of every entity (the first part of every key). */
export const SERVICE = 'quoteflow';

/** The scope of platform-wide items (system prompts, platform keys), beside tenant ids. */
export const PLATFORM_SCOPE = 'platform';

/**
 * The one place that knows what a tenant's partition keys look like, so the IAM policy of the
 * tenant data role (lib/cloud/tenant-data-role.ts), the local key check (tenant-scope.ts) and the
 * entities agree. ElectroDB builds a partition key as `$<service>#<attribute>_<value>[#...]`,
 * lower-cased; tenant items lead with either `tenantId` (domain entities) or `scope` (items that
 * a tenant or the platform may own: API keys, prompts, idempotency records, rate-limit windows).
 * test/unit/tenant-keys.test.ts checks every entity's keys against this.
 */
export const TENANT_KEY_ATTRIBUTES = ['tenantid', 'scope'] as const;

/** The tenant id as it appears in keys (and in the `tenantId` session tag): ElectroDB lower-cases keys. */
export const tenantKeyId = (tenantId: string): string => tenantId.toLowerCase();

/** The partition-key prefixes of one scope's items; `id` may also be an IAM policy variable. */
export const keyPrefixesOf = (id: string): string[] =>
  TENANT_KEY_ATTRIBUTES.map((attribute) => `$${SERVICE}#${attribute}_${id}`);

/** The prefixes of a tenant's items. */
export const tenantKeyPrefixes = (tenantId: string): string[] => keyPrefixesOf(tenantKeyId(tenantId));

/** The prefixes of platform-wide items (system prompts, platform API keys, signing keys). */
export const platformKeyPrefixes = (): string[] => [`$${SERVICE}#scope_${PLATFORM_SCOPE}`];

/**
 * Whether a partition key belongs to one of the prefixes: exactly the prefix, or the prefix
 * followed by `#` (the next composite). A bare prefix match would let tenant `01ab` reach `01abc`.
 */
export const keyIsUnder = (prefixes: readonly string[], key: string): boolean =>
  prefixes.some((prefix) => key === prefix || key.startsWith(`${prefix}#`));

/** `dynamodb:LeadingKeys` patterns for `ForAllValues:StringLike`: each prefix, alone or followed by `#`. */
export const leadingKeyPatterns = (prefixes: readonly string[]): string[] =>
  prefixes.flatMap((prefix) => [prefix, `${prefix}#*`]);

/** The IAM policy variable holding the tenant of the assumed session. */
export const TENANT_TAG = 'tenantId';
export const TENANT_TAG_VARIABLE = `\${aws:PrincipalTag/${TENANT_TAG}}`;
