import { useState } from 'react';
import { pipelinesApi, type PipelineView } from '../../../../functions/pipelines/contract';
import { updatePipelineSchema } from '../../../../functions/pipelines/schema';
import { DEAL_STATUSES, type DealStatus } from '../../../../functions/shared/enums';
import { errorMessage } from '../../shared/api';
import { useApiMutation } from '../../shared/query';
import { Alert, Button, useToast } from '../../shared/ui';

interface Row {
  stageId?: string;
  name: string;
  probability: string;
  rottingDays: string;
  kind: DealStatus;
}

const KIND_LABELS: Record<DealStatus, string> = { open: 'Open', won: 'Won', lost: 'Lost' };
const rowsOf = (p: PipelineView): Row[] =>
  p.stages.map((s) => ({
    stageId: s.stageId,
    name: s.name,
    probability: String(s.probabilityBps / 100),
    rottingDays: s.rottingDays ? String(s.rottingDays) : '',
    kind: s.kind,
  }));

const toBody = (name: string, rows: Row[]) => ({
  name,
  stages: rows.map((r, order) => ({
    ...(r.stageId ? { stageId: r.stageId } : {}),
    name: r.name,
    order,
    probabilityBps: r.kind === 'won' ? 10_000 : r.kind === 'lost' ? 0 : Math.round(Number(r.probability) * 100),
    ...(r.rottingDays.trim() && r.kind === 'open' ? { rottingDays: Number(r.rottingDays) } : {}),
    kind: r.kind,
  })),
});

/** Edits one pipeline: rename, reorder (↑/↓), probability, rotting days, add and remove stages. */
export function PipelineEditor({ pipeline, canEdit }: { pipeline: PipelineView; canEdit: boolean }) {
  const toast = useToast();
  const [name, setName] = useState(pipeline.name);
  const [rows, setRows] = useState(() => rowsOf(pipeline));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const save = useApiMutation(
    pipelinesApi.update,
    (body: ReturnType<typeof toBody>) => ({
      params: { pipelineId: pipeline.pipelineId },
      body,
      version: pipeline.version,
    }),
    {
      invalidates: [pipelinesApi],
    },
  );
  const change = (i: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  const swap = (i: number, j: number) =>
    setRows((rs) => {
      const next = [...rs];
      [next[i], next[j]] = [next[j]!, next[i]!];
      return next;
    });
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const body = toBody(name, rows);
    const checked = updatePipelineSchema.safeParse(body);
    if (!checked.success) {
      const found: Record<string, string> = {};
      const loose: string[] = [];
      for (const issue of checked.error.issues) {
        const path = issue.path.join('.');
        if (path) found[path.replace(/\.order$/, '.name')] ??= issue.message;
        else loose.push(issue.message);
      }
      setErrors(found);
      if (loose.length) setGeneral(loose.join('. '));
      return;
    }
    setErrors({});
    try {
      await save.mutateAsync(body);
      toast('The pipeline was saved');
    } catch (error) {
      setGeneral(errorMessage(error));
    }
  };
  const err = (i: number, field: string) => errors[`stages.${i}.${field}`];
  return (
    <form className="card card-pad stack" onSubmit={submit} noValidate aria-label={`Pipeline ${pipeline.name}`}>
      {general && <Alert tone="error">{general}</Alert>}
      <label className="field">
        <span className="field-label">Pipeline name</span>
        <input
          className="input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          disabled={!canEdit}
          maxLength={100}
        />
      </label>
      <div className="table-wrap">
        <table className="data-table stage-table">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Stage</th>
              <th scope="col">Kind</th>
              <th scope="col">Probability (%)</th>
              <th scope="col">Rotting after (days)</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.stageId ?? `new-${i}`}>
                <td className="cell-nowrap">
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={!canEdit || i === 0}
                    onClick={() => swap(i, i - 1)}
                    aria-label={`Move ${r.name || 'stage'} up`}
                  >
                    ↑
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={!canEdit || i === rows.length - 1}
                    onClick={() => swap(i, i + 1)}
                    aria-label={`Move ${r.name || 'stage'} down`}
                  >
                    ↓
                  </Button>
                </td>
                <td>
                  <input
                    className="input"
                    aria-label={`Stage ${i + 1} name`}
                    value={r.name}
                    disabled={!canEdit}
                    maxLength={60}
                    onChange={(e) => change(i, { name: e.target.value })}
                    aria-invalid={err(i, 'name') ? true : undefined}
                  />
                  {err(i, 'name') && <p className="field-error">{err(i, 'name')}</p>}
                </td>
                <td>
                  <select
                    className="input select"
                    aria-label={`Stage ${i + 1} kind`}
                    value={r.kind}
                    disabled={!canEdit || Boolean(r.stageId)}
                    onChange={(e) => change(i, { kind: e.target.value as DealStatus })}
                  >
                    {DEAL_STATUSES.map((k) => (
                      <option key={k} value={k}>
                        {KIND_LABELS[k]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    className="input input-num"
                    aria-label={`Stage ${i + 1} probability`}
                    inputMode="decimal"
                    value={r.kind === 'open' ? r.probability : r.kind === 'won' ? '100' : '0'}
                    disabled={!canEdit || r.kind !== 'open'}
                    onChange={(e) => change(i, { probability: e.target.value })}
                  />
                  {err(i, 'probabilityBps') && <p className="field-error">{err(i, 'probabilityBps')}</p>}
                </td>
                <td>
                  <input
                    className="input input-num"
                    aria-label={`Stage ${i + 1} rotting days`}
                    inputMode="numeric"
                    value={r.rottingDays}
                    disabled={!canEdit || r.kind !== 'open'}
                    onChange={(e) => change(i, { rottingDays: e.target.value })}
                  />
                  {err(i, 'rottingDays') && <p className="field-error">{err(i, 'rottingDays')}</p>}
                </td>
                <td>
                  {canEdit && (
                    <Button
                      size="sm"
                      variant="ghost"
                      className="btn-danger-text"
                      onClick={() => setRows((rs) => rs.filter((_, n) => n !== i))}
                    >
                      Remove
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canEdit && (
        <div className="row">
          <Button
            onClick={() => setRows((rs) => [...rs, { name: '', probability: '50', rottingDays: '', kind: 'open' }])}
          >
            Add stage
          </Button>
          <Button type="submit" variant="primary" busy={save.isPending}>
            Save pipeline
          </Button>
        </div>
      )}
    </form>
  );
}
