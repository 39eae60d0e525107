import { useDocumentTitle } from '../shared/hooks';
import { PageHeading } from '../shared/ui';
import { CurrencyCard } from './settings-account/currency-card';
import { SettingsNav } from './settings-nav';
import { useWorkspace } from './workspace';

/** `/settings/workspace`: defaults that apply to everyone in the workspace. */
export function SettingsWorkspacePage() {
  useDocumentTitle('Workspace settings');
  const { me, canManageUsers } = useWorkspace();
  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Workspace</PageHeading>
          <p className="page-sub">
            <span>Defaults for everyone in {me.tenant.name}.</span>
          </p>
        </div>
      </div>
      <SettingsNav />
      <div className="settings-grid">
        <CurrencyCard canEdit={canManageUsers} />
      </div>
    </>
  );
}
