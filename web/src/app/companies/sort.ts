import type { CompanyView } from '../../../../functions/companies/contract';
import { STAGES } from '../../../../functions/shared/enums';

export const SORT_COLUMNS = ['name', 'stage', 'leadScore', 'healthScore', 'updatedAt'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export interface Sort {
  column: SortColumn;
  desc: boolean;
}

export const DEFAULT_SORT: Sort = { column: 'name', desc: false };

/** The first click on a column: names and stages in reading order, scores and dates biggest/newest first. */
export const firstDirectionDesc = (column: SortColumn) => column !== 'name' && column !== 'stage';

/** `?sort=` as the page writes it: the column, `-` in front for descending. */
export function parseSort(param: string | null): Sort {
  const desc = !!param?.startsWith('-');
  const column = (desc ? param!.slice(1) : param) as SortColumn;
  return (SORT_COLUMNS as readonly string[]).includes(column) ? { column, desc } : DEFAULT_SORT;
}

export const formatSort = (s: Sort) => `${s.desc ? '-' : ''}${s.column}`;

/** Names have an index, so the API pages through them in order; the other columns are ordered here. */
export const serverSort = (s: Sort): 'name' | '-name' => (s.column === 'name' && s.desc ? '-name' : 'name');
export const sortedByServer = (s: Sort) => s.column === 'name';

const value = (c: CompanyView, column: SortColumn): number | string | undefined => {
  switch (column) {
    case 'name':
      return c.name.toLowerCase();
    case 'stage':
      return STAGES.indexOf(c.stage);
    case 'leadScore':
      return c.leadScore;
    case 'healthScore':
      return c.healthScore;
    case 'updatedAt':
      return c.updatedAt;
  }
};

/** The loaded rows in `sort` order; rows without a value (no score yet) go last either way, then by name. */
export function sortRows(items: CompanyView[], sort: Sort): CompanyView[] {
  if (sortedByServer(sort)) return items;
  const sign = sort.desc ? -1 : 1;
  return [...items].sort((a, b) => {
    const [x, y] = [value(a, sort.column), value(b, sort.column)];
    if (x === undefined || y === undefined) {
      if (x !== y) return x === undefined ? 1 : -1;
    } else if (x !== y) return sign * (x < y ? -1 : 1);
    return a.name.toLowerCase().localeCompare(b.name.toLowerCase());
  });
}
