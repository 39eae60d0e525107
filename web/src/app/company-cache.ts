import { useQueryClient } from '@tanstack/react-query';
import { activitiesApi } from '../../../functions/activities/contract';
import { companiesApi, type CompanyView } from '../../../functions/companies/contract';
import { enrichmentApi } from '../../../functions/enrichment/contract';
import { queryKeyOf } from '../shared/query';

const companyKey = (companyId: string) => queryKeyOf(companiesApi.get, { params: { companyId } });
const directorsKey = (companyId: string) => queryKeyOf(enrichmentApi.directors, { params: { companyId } });

/**
 * What a company write changes in the cache. The saved record goes in as it is (the page that
 * follows shows it without asking again); the lists and the timeline are marked stale, so the page
 * being left does not refetch them; the directors are dropped, as they may be another number's.
 */
export function useCompanyCache() {
  const client = useQueryClient();
  const stale = () =>
    Promise.all(
      [
        [companiesApi.list.fn, companiesApi.list.name],
        [activitiesApi.timeline.fn, activitiesApi.timeline.name],
      ].map((queryKey) => client.invalidateQueries({ queryKey })),
    );
  return {
    saved: (company: CompanyView) => {
      client.setQueryData(companyKey(company.companyId), company);
      client.removeQueries({ queryKey: directorsKey(company.companyId) });
      void stale();
    },
    deleted: (companyId: string) => {
      client.removeQueries({ queryKey: companyKey(companyId) });
      client.removeQueries({ queryKey: directorsKey(companyId) });
      void stale();
    },
  };
}
