import { useDocumentTitle } from '../shared/hooks';
import { PageHeading } from '../shared/ui';
import { PasswordCard } from './settings-account/password-card';
import { ProfileCard } from './settings-account/profile-card';
import { SessionsCard } from './settings-account/sessions-card';
import { SettingsNav } from './settings-nav';
import { useWorkspace } from './workspace';

/** `/settings/profile`: the user's own name, time zone, password and sessions. */
export function SettingsProfilePage() {
  useDocumentTitle('Your profile');
  const { me } = useWorkspace();
  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Your profile</PageHeading>
          <p className="page-sub">
            <span>Your account in {me.tenant.name}.</span>
          </p>
        </div>
      </div>
      <SettingsNav />
      <div className="settings-grid">
        <ProfileCard key={me.version} me={me} />
        <PasswordCard />
        <SessionsCard />
      </div>
    </>
  );
}
