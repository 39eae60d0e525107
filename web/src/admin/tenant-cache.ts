import { useQueryClient } from '@tanstack/react-query';
import { adminApi, type TenantView } from '../../../functions/admin/contract';
import { queryKeyOf } from '../shared/query';

export const tenantKey = (tenantId: string) => queryKeyOf(adminApi.getTenant, { params: { tenantId } });

/**
 * A saved tenant goes straight into the cache (its page shows it without asking again); the
 * tenant lists, which show it too, are refetched when next shown.
 */
export function useTenantCache() {
  const client = useQueryClient();
  return {
    put: (tenant: TenantView) => {
      client.setQueryData(tenantKey(tenant.tenantId), tenant);
      void client.invalidateQueries({ queryKey: queryKeyOf(adminApi.listTenants) });
    },
    /** Loads the tenant again (after a 409), keeping what is shown until the answer arrives. */
    refresh: (tenantId: string) => void client.invalidateQueries({ queryKey: tenantKey(tenantId) }),
  };
}
