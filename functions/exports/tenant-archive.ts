import { strToU8, zipSync } from 'fflate';
import { COMPANY_CHILDREN } from '../data/company-children.js';
import type { Deps } from '../shared/deps.js';

type AnyEntity = { query: Record<string, (key: object) => { go: (o: object) => Promise<{ data: object[] }> }> };

/** Every item of a query, without the key attributes nobody outside the table needs. */
async function all(entity: AnyEntity, index: string, key: object): Promise<object[]> {
  const { data } = await entity.query[index]!(key).go({ pages: 'all' });
  return data;
}

/**
 * The workspace's data for a GDPR export: the workspace, its users, companies, contacts and
 * everything kept under each company (activities, timeline, analyses), one JSON file each, zipped.
 * Nothing secret goes in: API keys stay sealed, and are not included at all.
 */
export async function tenantArchive(tenantId: string, deps: Deps): Promise<{ zip: Uint8Array; rows: number }> {
  const e = deps.db.entities;
  const [tenant, users, companies, contacts] = await Promise.all([
    e.tenant.get({ tenantId }).go(),
    all(e.user as unknown as AnyEntity, 'byTenant', { tenantId }),
    all(e.company as unknown as AnyEntity, 'byId', { tenantId }),
    all(e.contact as unknown as AnyEntity, 'byId', { tenantId }),
  ]);
  const children: Record<string, object[]> = {};
  for (const child of COMPANY_CHILDREN.filter((c) => c.entity !== 'contact')) {
    const entity = e[child.entity] as unknown as AnyEntity;
    const lists = await Promise.all(
      companies.map((c) => all(entity, child.index, { tenantId, companyId: (c as { companyId: string }).companyId })),
    );
    children[child.entity] = lists.flat();
  }
  const files: Record<string, object | object[] | null> = {
    'workspace.json': tenant.data,
    'users.json': users,
    'companies.json': companies,
    'contacts.json': contacts,
    ...Object.fromEntries(Object.entries(children).map(([name, items]) => [`${name}s.json`, items])),
  };
  const zip = zipSync(
    Object.fromEntries(Object.entries(files).map(([name, value]) => [name, strToU8(JSON.stringify(value, null, 2))])),
  );
  return { zip, rows: companies.length + contacts.length };
}
