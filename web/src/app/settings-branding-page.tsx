import { useState } from 'react';
import { settingsApi, type BrandingView } from '../../../functions/settings/contract';
import { useDocumentTitle } from '../shared/hooks';
import { useApiQuery } from '../shared/query';
import { Button, EmptyState, ErrorState, PageHeading, Skeleton } from '../shared/ui';
import { BrandingForm } from './settings-branding/branding-form';
import { BrandingPreview, type PreviewValues } from './settings-branding/branding-preview';
import './settings-branding/branding.css';
import { SettingsNav } from './settings-nav';
import { useWorkspace } from './workspace';

const previewOf = (b: BrandingView): PreviewValues => ({
  name: b.name,
  accentColour: b.accentColour,
  addressLines: b.addressLines,
  footerTerms: b.footerTerms,
  logoUrl: b.logo?.url ?? null,
});

function Branding({ settings, canEdit }: { settings: BrandingView; canEdit: boolean }) {
  const [preview, setPreview] = useState(() => previewOf(settings));
  const [started, setStarted] = useState(settings.configured);
  return (
    <div className="branding-layout">
      <section className="card card-pad stack" aria-labelledby="branding-title">
        <div>
          <h2 id="branding-title" className="section-title">
            Quote PDFs
          </h2>
          <p className="muted">How {settings.name}’s quotes look to your customers.</p>
        </div>
        {!started ? (
          <EmptyState
            title="Your quotes use the default look"
            action={
              canEdit ? (
                <Button variant="primary" onClick={() => setStarted(true)}>
                  Set up branding
                </Button>
              ) : undefined
            }
          >
            <p>
              {settings.name}’s name in green, with no logo, address or footer terms.
              {canEdit ? ' Add your logo, colour, address and terms.' : ' Owners and admins can change it.'}
            </p>
          </EmptyState>
        ) : canEdit ? (
          <BrandingForm key={settings.version} settings={settings} onPreview={setPreview} />
        ) : (
          <p className="muted">Only owners and admins can change the branding.</p>
        )}
      </section>
      <BrandingPreview values={preview} />
    </div>
  );
}

/** `/settings/branding`: the logo, accent colour, address and footer terms of the workspace's quote PDFs. */
export function SettingsBrandingPage() {
  useDocumentTitle('Branding');
  const { canManageUsers } = useWorkspace();
  const settings = useApiQuery(settingsApi.getBranding, {});
  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Branding</PageHeading>
          <p className="page-sub">
            <span>Your logo, colour, address and terms on every quote.</span>
          </p>
        </div>
      </div>
      <SettingsNav />
      {settings.error && !settings.data ? (
        <ErrorState
          title="The branding could not be loaded"
          error={settings.error}
          onRetry={() => void settings.refetch()}
        />
      ) : !settings.data ? (
        <Skeleton height="18em" />
      ) : (
        <Branding key={settings.data.version} settings={settings.data} canEdit={canManageUsers} />
      )}
    </>
  );
}
