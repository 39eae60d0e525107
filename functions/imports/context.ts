import type { ImportJob } from '../data/import-job.js';
import type { TenantContext } from '../shared/auth-context.js';

/** The importing user, as the services see them: their name goes on every timeline entry. */
export const importContext = (job: ImportJob): TenantContext => ({
  kind: 'tenant',
  tenantId: job.tenantId,
  userId: job.createdBy,
  // Roles are checked when the import is started; the services below do not read it.
  role: 'sales',
  email: '',
  name: job.createdByName,
});
