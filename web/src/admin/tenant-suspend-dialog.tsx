import { adminApi, type TenantView } from '../../../functions/admin/contract';
import type { TenantStatus } from '../../../functions/shared/enums';
import { ApiError, errorMessage } from '../shared/api';
import { useApiMutation } from '../shared/query';
import { ConfirmDialog, useToast } from '../shared/ui';
import { useTenantCache } from './tenant-cache';

/** Suspends an active tenant or reactivates a suspended one, after asking. */
export function SuspendTenantDialog({
  tenant: t,
  open,
  onClose,
}: {
  tenant: TenantView;
  open: boolean;
  onClose: () => void;
}) {
  const toast = useToast();
  const cache = useTenantCache();
  const suspending = t.status === 'active';
  const close = () => {
    toggle.reset();
    onClose();
  };
  const toggle = useApiMutation(
    adminApi.updateTenant,
    (tenant: TenantView) => {
      const status: TenantStatus = tenant.status === 'active' ? 'suspended' : 'active';
      return { params: { tenantId: tenant.tenantId }, body: { status }, version: tenant.version };
    },
    {
      onSuccess: (updated, before) => {
        cache.put(updated);
        close();
        toast(before.status === 'active' ? `${before.name} is suspended` : `${before.name} is active again`);
      },
      onError: (error, before) => {
        if (!(error instanceof ApiError && error.isConflict)) return;
        close();
        cache.refresh(before.tenantId);
        toast(
          'Someone else changed this tenant meanwhile. The latest version is shown now; check it and try again.',
          'error',
        );
      },
    },
  );

  return (
    <ConfirmDialog
      open={open}
      title={suspending ? `Suspend ${t.name}?` : `Reactivate ${t.name}?`}
      confirmLabel={suspending ? 'Suspend tenant' : 'Reactivate tenant'}
      tone={suspending ? 'danger' : 'primary'}
      busy={toggle.isPending}
      error={toggle.error ? errorMessage(toggle.error) : null}
      onConfirm={() => toggle.mutate(t)}
      onCancel={close}
    >
      {suspending ? (
        <p>All of its users will be locked out until you reactivate it. Their data is kept.</p>
      ) : (
        <p>Its users will be able to sign in and work again.</p>
      )}
    </ConfirmDialog>
  );
}
