import type { CompanyView } from '../../../../functions/companies/contract';
import { formatAddress } from '../../shared/format';
import { STAGE_LABELS } from '../../shared/labels';
import { listText, type FieldRow } from './merge-fields';

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** The rows of a company merge's comparison, in the order of the company form. */
export function companyRows(
  target: CompanyView,
  source: CompanyView,
  userName: (id: string | undefined) => string | undefined,
): FieldRow[] {
  const row = (field: string, label: string, of: (c: CompanyView) => string): FieldRow => ({
    field,
    label,
    target: of(target),
    source: of(source),
    same: of(target) === of(source),
  });
  return [
    row('name', 'Name', (c) => c.name),
    row('domain', 'Domain', (c) => text(c.domain)),
    row('companyNumber', 'Company number', (c) => text(c.companyNumber)),
    row('stage', 'Stage', (c) => STAGE_LABELS[c.stage]),
    row('industry', 'Industry', (c) => text(c.industry)),
    row('ownerId', 'Owner', (c) => (c.ownerId ? (userName(c.ownerId) ?? 'Former user') : '')),
    row('tags', 'Tags', (c) => listText(c.tags)),
    row('addresses', 'Addresses', (c) => c.addresses.map((a) => formatAddress(a)).join(' · ')),
    row('knownFacts', 'Known facts', (c) => listText(c.knownFacts)),
    row('leadScore', 'Lead score', (c) => text(c.leadScore)),
    row('healthScore', 'Health score', (c) => text(c.healthScore)),
  ];
}
