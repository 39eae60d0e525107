import { useDocumentTitle } from '../shared/hooks';
import { PageHeading } from '../shared/ui';
import { SettingsNav } from './settings-nav';
import { SecurityCard, TwoFactorCard } from './two-factor';
import { useWorkspace } from './workspace';

/** `/settings/security`: the user's own two-factor sign-in and, for the owner, the workspace's rule. */
export function SettingsSecurityPage() {
  useDocumentTitle('Security settings');
  const { me } = useWorkspace();
  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Security</PageHeading>
          <p className="page-sub">
            <span>How you and your workspace sign in.</span>
          </p>
        </div>
      </div>
      <SettingsNav />
      <div className="settings-grid">
        <TwoFactorCard me={me} />
        {me.role === 'owner' && <SecurityCard me={me} />}
      </div>
    </>
  );
}
