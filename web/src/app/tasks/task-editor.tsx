import { useRef } from 'react';
import type { BodyIn } from '../../../../functions/shared/contract';
import { TASK_PRIORITIES, type TaskPriority } from '../../../../functions/shared/enums';
import { tasksApi, type TaskView } from '../../../../functions/tasks/contract';
import { createTaskSchema } from '../../../../functions/tasks/schema';
import { activitiesApi } from '../../../../functions/activities/contract';
import { newIdempotencyKey } from '../../shared/api';
import { fieldMessage, useContractForm } from '../../shared/form';
import { useApiMutation } from '../../shared/query';
import { Alert, FormDialogActions, SelectField, TextAreaField, TextField } from '../../shared/ui';
import { useWorkspace } from '../workspace';
import { PRIORITY_LABELS, toLocalInput } from './task-format';

type CreateBody = BodyIn<typeof tasksApi.create>;

interface TaskValues {
  title: string;
  /** As a datetime-local input holds it: local "YYYY-MM-DDTHH:mm". */
  dueAt: string;
  priority: TaskPriority;
  ownerId: string;
  notes: string;
}

/** What a new task starts with and is linked to (a company, an AI next action). */
export interface TaskDraft {
  title?: string;
  notes?: string;
  companyId?: string;
  /** A deal's task is also its company's: set both. */
  dealId?: string;
  source?: CreateBody['source'];
}

/** Tomorrow at 09:00 local: a sensible first due time for a follow-up. */
function tomorrowMorning(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return toLocalInput(d);
}

const instantOf = (local: string): string => {
  const date = new Date(local);
  return local && !Number.isNaN(date.getTime()) ? date.toISOString() : local;
};

/** New task: title, due date and time, priority, owner (admins and owners), notes; linked as the draft says. */
export function TaskEditor({
  draft = {},
  onSaved,
  onCancel,
}: {
  draft?: TaskDraft;
  onSaved: (task: TaskView) => void;
  onCancel: () => void;
}) {
  const { me, users } = useWorkspace();
  const idempotencyKey = useRef(newIdempotencyKey());
  const canAssign = me.role === 'owner' || me.role === 'admin';
  const toBody = (v: TaskValues): CreateBody => ({
    title: v.title,
    dueAt: instantOf(v.dueAt),
    priority: v.priority,
    ownerId: v.ownerId && v.ownerId !== me.userId ? v.ownerId : undefined,
    notes: v.notes.trim() || undefined,
    companyId: draft.companyId,
    dealId: draft.dealId,
    source: draft.source,
  });
  const { form, general, showApiError } = useContractForm({
    schema: createTaskSchema,
    defaultValues: {
      title: draft.title ?? '',
      dueAt: tomorrowMorning(),
      priority: 'normal',
      ownerId: me.userId,
      notes: draft.notes ?? '',
    },
    toBody,
  });
  const { errors, isSubmitting } = form.formState;
  const create = useApiMutation(
    tasksApi.create,
    (body: CreateBody) => ({ body, idempotencyKey: idempotencyKey.current }),
    // A company's task is on its timeline.
    { invalidates: [tasksApi, activitiesApi] },
  );

  const save = form.handleSubmit(async (values) => {
    try {
      onSaved(await create.mutateAsync(toBody(values)));
    } catch (error) {
      await showApiError(error);
    }
  });

  const owners = users.filter((u) => u.role !== 'viewer' && u.status === 'active');
  return (
    <form onSubmit={save} noValidate className="stack">
      {general && <Alert tone="error">{general}</Alert>}
      <div className="form-grid">
        <TextField
          label="Title"
          className="span-2"
          {...form.register('title')}
          error={fieldMessage(errors.title, 'Enter what needs doing')}
          autoComplete="off"
          aria-required="true"
          maxLength={200}
        />
        <TextField
          label="Due"
          type="datetime-local"
          {...form.register('dueAt')}
          error={errors.dueAt && 'Enter a due date and time'}
          aria-required="true"
        />
        <SelectField
          label="Priority"
          {...form.register('priority')}
          options={TASK_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))}
        />
        {canAssign && owners.length > 1 && (
          <SelectField
            label="Owner"
            className="span-2"
            {...form.register('ownerId')}
            error={errors.ownerId?.message}
            options={owners.map((u) => ({
              value: u.userId,
              label: u.userId === me.userId ? `${u.name} (you)` : u.name,
            }))}
          />
        )}
        <TextAreaField
          label="Notes"
          optional
          className="span-2"
          {...form.register('notes')}
          error={errors.notes?.message}
          maxLength={5000}
          rows={3}
        />
      </div>
      {draft.source?.evidence?.length ? (
        <p className="evidence">
          <span className="evidence-label">From the AI analysis, based on:</span> {draft.source.evidence.join(' · ')}
        </p>
      ) : null}
      <FormDialogActions submitLabel="Add task" saving={isSubmitting} onCancel={onCancel} />
    </form>
  );
}
