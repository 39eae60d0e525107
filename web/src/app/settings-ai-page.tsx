import { Link } from 'react-router-dom';
import { settingsApi, type AiSettingsView } from '../../../functions/settings/contract';
import { cx } from '../shared/format';
import { useDocumentTitle } from '../shared/hooks';
import { useApiQuery } from '../shared/query';
import { Alert, ErrorState, PageHeading, Skeleton } from '../shared/ui';
import { BudgetCard } from './settings-ai/budget-card';
import { KeyCard } from './settings-ai/key-card';
import { SettingsNav } from './settings-nav';
import { ThisMonth } from './settings-ai/this-month';
import { UsageHistory } from './settings-ai/usage-history';
import { useWorkspace } from './workspace';

/** Which provider runs the workspace's analyses now, and with whose key. */
function ProviderSummary({ settings }: { settings: AiSettingsView }) {
  const { provider, activeKey } = settings;
  let title: string;
  let detail: string;
  if (provider === 'offline' || !activeKey) {
    title = 'Offline analysis';
    detail =
      'No OpenAI key is set for your workspace or the platform, so analyses use Quoteflow’s built-in rules: no AI model, and no cost. Add your own OpenAI key to use OpenAI.';
  } else if (activeKey.source === 'tenant') {
    title = 'OpenAI, with your key';
    detail = `Analyses go to OpenAI with your workspace’s key (ending ${activeKey.last4}). OpenAI bills you for them; the estimated cost also counts towards your monthly budget here.`;
  } else {
    title = 'OpenAI, with the Quoteflow platform key';
    detail =
      'Analyses go to OpenAI with the key Quoteflow provides. Their estimated cost counts towards your monthly budget. You can use your own key instead.';
  }
  return (
    <section
      className={cx('card card-pad provider-card', provider === 'offline' ? 'provider-offline' : 'provider-openai')}
      aria-labelledby="provider-title"
    >
      <p className="provider-eyebrow" id="provider-title">
        Analyses run on
      </p>
      <p className="provider-name" data-testid="ai-provider">
        {title}
      </p>
      <p className="muted">{detail}</p>
    </section>
  );
}

/** `/settings/ai`: the AI provider in use, the workspace's OpenAI key, the monthly budget and usage. */
export function SettingsAiPage() {
  useDocumentTitle('AI settings');
  const { canManageUsers } = useWorkspace();
  const settings = useApiQuery(settingsApi.getAi, {});

  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>AI settings</PageHeading>
          <p className="page-sub">
            <span>
              What runs your workspace’s analyses, the key it uses, and what it costs. The instructions the AI gets are
              on the <Link to="/prompts">Prompts</Link> page.
            </span>
          </p>
        </div>
      </div>
      <SettingsNav />
      {!canManageUsers && (
        <div className="page-note">
          <Alert tone="info">Only owners and admins can change these settings.</Alert>
        </div>
      )}
      {settings.error && !settings.data ? (
        <div className="card">
          <ErrorState
            title="The AI settings could not be loaded"
            error={settings.error}
            onRetry={() => void settings.refetch()}
          />
        </div>
      ) : !settings.data ? (
        <div className="settings-grid" aria-busy="true">
          {Array.from({ length: 4 }, (_, i) => (
            <div key={i} className="card card-pad stack">
              <Skeleton width="40%" height="1.2em" />
              <Skeleton width="90%" />
              <Skeleton width="60%" />
            </div>
          ))}
          <span className="sr-only" role="status">
            Loading AI settings…
          </span>
        </div>
      ) : (
        <div className="settings-grid">
          <ProviderSummary settings={settings.data} />
          <KeyCard settings={settings.data} canEdit={canManageUsers} />
          <BudgetCard settings={settings.data} canEdit={canManageUsers} />
          <ThisMonth usage={settings.data.usage} />
        </div>
      )}
      <UsageHistory />
    </>
  );
}
