import { useDocumentTitle } from '../shared/hooks';
import { ErrorState, Loading, PageHeading } from '../shared/ui';
import { PipelineEditor } from './deals/pipeline-editor';
import { usePipelines } from './deals/use-deals';
import { SettingsNav } from './settings-nav';
import { useWorkspace } from './workspace';

/** `/settings/pipelines`: the workspace's pipelines and their stages (owners and admins edit). */
export function SettingsPipelinesPage() {
  useDocumentTitle('Pipelines');
  const { canManageUsers } = useWorkspace();
  const pipelines = usePipelines();
  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Pipelines</PageHeading>
          <p className="page-sub">
            <span>
              Stages deals move through, their win probability and when a deal left in one counts as rotting.
              {!canManageUsers && ' Only owners and admins can change them.'}
            </span>
          </p>
        </div>
      </div>
      <SettingsNav />
      {pipelines.error ? (
        <ErrorState
          title="The pipelines could not be loaded"
          error={pipelines.error}
          onRetry={() => void pipelines.refetch()}
        />
      ) : !pipelines.data ? (
        <Loading label="Loading pipelines…" />
      ) : (
        <div className="stack">
          {pipelines.data.map((p) => (
            <PipelineEditor key={`${p.pipelineId}-${p.version}`} pipeline={p} canEdit={canManageUsers} />
          ))}
        </div>
      )}
    </>
  );
}
