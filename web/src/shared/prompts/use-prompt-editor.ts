import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { promptsApi, type PromptCategoryView } from '../../../../functions/prompts/contract';
import type { UpdatePromptInput } from '../../../../functions/prompts/schema';
import { ApiError, errorMessage } from '../api';
import { useContractForm } from '../form';
import { contractKey, useApiMutation } from '../query';
import { useApi } from '../services';
import { useToast } from '../ui';
import {
  draftOf,
  draftProblem,
  fieldsOf,
  promptFormSchema,
  sameContent,
  versionBodyOf,
  type PromptFields,
  type TemplateField,
} from './prompt-fields';
import { PROMPT_ROUTES, type PromptMode, type SavedPrompt } from './routes';
import { variablesIn } from './variables';

/**
 * The editor of an existing prompt: its fields checked with the API's schema, save (PUT with
 * If-Match, a new version), the 409 when someone else saved first, and `{{variable}}` inserts at
 * the cursor of the template that last had focus.
 */
export function usePromptEditor({
  mode,
  view,
  head,
  focusOnMount,
}: {
  mode: PromptMode;
  view: PromptCategoryView;
  head: SavedPrompt;
  focusOnMount?: boolean;
}) {
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const routes = PROMPT_ROUTES[mode];
  const idBase = useId();
  const fieldId = (f: keyof PromptFields) => `${idBase}-${f}`;
  const declared = useMemo(() => view.variables.map((v) => v.name), [view.variables]);
  const schema = useMemo(() => promptFormSchema(declared), [declared]);

  /** The version the fields were loaded from: a save is based on it, whatever the list shows since. */
  const [saved, setSaved] = useState<SavedPrompt>(head);
  const contract = useContractForm({ schema, defaultValues: fieldsOf(head), toBody: versionBodyOf });
  const { form, setGeneral, bodyOf, showApiError } = contract;
  const fields = form.watch();
  const dirty = !sameContent(fields, saved);
  /** The version a save was based on when it hit a 409; the warning shows until a newer one is loaded. */
  const [conflict, setConflict] = useState<number | null>(null);
  const stale = conflict !== null && conflict === saved.version;
  const [reloading, setReloading] = useState(false);
  const [target, setTarget] = useState<TemplateField>('userTemplate');
  /** Templates the user has put the cursor in; an insert into an untouched one goes at its end. */
  const touched = useRef(new Set<TemplateField>());
  const caret = useRef<number | null>(null);

  const save = useApiMutation(
    routes.update,
    (v: { prompt: SavedPrompt; body: UpdatePromptInput }) => ({
      params: { promptId: v.prompt.promptId },
      body: v.body,
      version: v.prompt.version,
    }),
    { invalidates: [promptsApi] },
  );

  /** Shows `prompt` as saved, its content in the fields. */
  const load = (prompt: SavedPrompt) => {
    setSaved(prompt);
    form.reset(fieldsOf(prompt));
  };

  const submitValid = form.handleSubmit(async (values) => {
    if (!dirty) {
      toast('No changes to save', 'info');
      return;
    }
    try {
      const updated = (await save.mutateAsync({ prompt: saved, body: bodyOf(values) })) as SavedPrompt;
      load(updated);
      toast(`Saved as version ${updated.version}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) setConflict(saved.version);
      else showApiError(error);
    }
  });
  const submit = (event: FormEvent) => {
    setGeneral(null);
    setConflict(null);
    void submitValid(event);
  };

  const reloadLatest = async () => {
    setReloading(true);
    try {
      const latest = (await api.call(routes.get, { params: { promptId: saved.promptId } })) as SavedPrompt;
      load(latest);
      void client.invalidateQueries({ queryKey: contractKey(promptsApi) });
      toast(`Loaded version ${latest.version}, the latest`, 'info');
      document.getElementById(fieldId('name'))?.focus();
    } catch (error) {
      toast(`The latest version could not be loaded: ${errorMessage(error)}`, 'error');
    } finally {
      setReloading(false);
    }
  };

  const insert = (name: string) => {
    const el = document.getElementById(fieldId(target)) as HTMLTextAreaElement | null;
    const value = form.getValues(target);
    const known = el && touched.current.has(target);
    const start = known ? el.selectionStart : value.length;
    const end = known ? el.selectionEnd : value.length;
    const token = `{{${name}}}`;
    caret.current = start + token.length;
    form.setValue(target, value.slice(0, start) + token + value.slice(end), {
      shouldDirty: true,
      shouldValidate: form.formState.isSubmitted,
    });
  };

  useEffect(() => {
    if (focusOnMount) document.getElementById(fieldId('name'))?.focus();
    // Only when it first renders.
  }, []);

  // Keeps the caret after an inserted variable once the textarea has the new text.
  useEffect(() => {
    if (caret.current === null) return;
    const el = document.getElementById(fieldId(target)) as HTMLTextAreaElement | null;
    const at = caret.current;
    caret.current = null;
    if (!el) return;
    el.focus();
    el.setSelectionRange(at, at);
  });

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return {
    ...contract,
    idBase,
    fieldId,
    view,
    saved,
    fields,
    dirty,
    stale,
    reloading,
    saving: form.formState.isSubmitting,
    target,
    submit,
    load,
    reloadLatest,
    discard: () => form.reset(fieldsOf(saved)),
    insert,
    /** A template got the cursor: inserts go there now. */
    focusTemplate: (key: TemplateField) => {
      touched.current.add(key);
      setTarget(key);
    },
    /** The templates were rendered afresh, without the old cursor positions. */
    forgetCursor: () => touched.current.clear(),
    used: new Set([...variablesIn(fields.systemTemplate), ...variablesIn(fields.userTemplate)]),
    draft: draftOf(fields),
    draftProblem: draftProblem(fields, declared),
  };
}

export type PromptEditorState = ReturnType<typeof usePromptEditor>;
