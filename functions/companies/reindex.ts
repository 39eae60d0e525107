import type { Company } from '../data/company.js';
import { isConditionFailure } from '../data/transaction.js';
import type { Deps } from '../shared/deps.js';

/** Companies read per query page; their puts go 10 at a time. */
const PAGE = 100;
const PUTS_IN_FLIGHT = 10;

/**
 * Writes every owned company again as it is, so an index added after it was stored (`byOwner`,
 * gsi3) gets its keys: ElectroDB computes every index's keys on a put. Each put is conditioned on
 * the version it read, so a company changed meanwhile is left alone (that write set its keys).
 * Run once after deploying a new company index over existing data (the local cloud does it when
 * it adds the index to a kept table). Returns how many were rewritten.
 */
export async function rewriteOwnedCompanies(
  deps: Pick<Deps, 'db'>,
  options: { tenantIds?: string[] } = {},
): Promise<number> {
  const tenantIds =
    options.tenantIds ??
    (await deps.db.entities.tenant.query.all({}).go({ pages: 'all', attributes: ['tenantId'] })).data.map(
      (t) => t.tenantId!,
    );
  let rewritten = 0;
  for (const tenantId of tenantIds) {
    let cursor: string | null = null;
    do {
      const page: { data: Company[]; cursor: string | null } = await deps.db.entities.company.query
        .byId({ tenantId })
        .go({ count: PAGE, cursor });
      const owned = page.data.filter((company) => !!company.ownerId);
      for (let i = 0; i < owned.length; i += PUTS_IN_FLIGHT) {
        const results = await Promise.all(
          owned.slice(i, i + PUTS_IN_FLIGHT).map((company) =>
            deps.db.entities.company
              .put(company)
              .where((attr, op) => op.eq(attr.version, company.version))
              .go()
              .then(
                () => 1,
                (error: unknown) => {
                  if (isConditionFailure(error)) return 0;
                  throw error;
                },
              ),
          ),
        );
        rewritten += results.reduce((a: number, b: number) => a + b, 0);
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return rewritten;
}
