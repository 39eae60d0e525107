import { useEffect, useRef } from 'react';
import { cx, formatDateTime } from '../format';
import { Alert, Button, TextAreaField, TextField } from '../ui';
import { messageFor, TEMPLATE_KEYS, type TemplateField } from './prompt-fields';
import { MODEL_SUGGESTIONS } from './source';
import type { PromptEditorState } from './use-prompt-editor';
import { unknownVariablesMessage } from './variables';
import { VariablePanel } from './variable-panel';

/** The two templates, edited alike: monospace, variable hints insert into whichever had focus last. */
const TEMPLATES: Record<TemplateField, { label: string; rows: number; hint: string }> = {
  systemTemplate: {
    label: 'System template',
    rows: 6,
    hint: 'Standing instructions: who the model is and how it should answer.',
  },
  userTemplate: {
    label: 'User template',
    rows: 14,
    hint: 'The request for one company; {{variables}} are filled in with its data.',
  },
};

/** The form that saves a prompt's next version, beside the category's variables. */
export function PromptEditor({ editor }: { editor: PromptEditorState }) {
  const { form, general, idBase, fieldId, view, saved, fields, dirty, stale, saving } = editor;
  const { errors } = form.formState;
  const formRef = useRef<HTMLFormElement>(null);
  const declared = view.variables.map((v) => v.name);
  // Unknown variables are flagged as they are typed; other problems only once Save is pressed.
  const templateError = (key: TemplateField) =>
    messageFor(key, errors[key]) ?? unknownVariablesMessage(fields[key], declared);

  // A 409 or a problem not tied to a field is shown at the top of the form: bring it into view,
  // and after a 409 put focus on "Reload latest version".
  useEffect(() => {
    if (!stale && !general) return;
    formRef.current?.querySelector<HTMLElement>('.alert')?.scrollIntoView({ block: 'nearest' });
    if (stale) document.getElementById(`${idBase}-reload`)?.focus();
  }, [stale, general, idBase]);

  return (
    <div className="prompt-layout">
      <form
        ref={formRef}
        onSubmit={editor.submit}
        noValidate
        className="card card-pad stack prompt-form"
        aria-label="Edit prompt"
      >
        {stale && (
          <Alert
            tone="warning"
            title="Someone else saved this prompt"
            actions={
              <Button id={`${idBase}-reload`} onClick={editor.reloadLatest} busy={editor.reloading}>
                Reload latest version
              </Button>
            }
          >
            Your changes were not saved: a newer version was saved while you were editing. Reload to see it; reloading
            replaces your edits, so copy anything you want to keep first.
          </Alert>
        )}
        {general && (
          <Alert tone="error" title="The prompt could not be saved">
            {general}
          </Alert>
        )}
        <div className="prompt-meta-grid">
          <TextField
            id={fieldId('name')}
            label="Name"
            {...form.register('name')}
            error={messageFor('name', errors.name)}
            maxLength={120}
            autoComplete="off"
            aria-required="true"
          />
          <TextField
            id={fieldId('model')}
            label="Model"
            {...form.register('model')}
            error={messageFor('model', errors.model)}
            list={`${idBase}-models`}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            aria-required="true"
          />
          <TextField
            id={fieldId('temperature')}
            label="Temperature"
            type="number"
            min={0}
            max={2}
            step={0.1}
            inputMode="decimal"
            {...form.register('temperature')}
            error={messageFor('temperature', errors.temperature)}
            hint="0 (steady) to 2 (varied)"
            aria-required="true"
          />
          <datalist id={`${idBase}-models`}>
            {MODEL_SUGGESTIONS.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </div>
        {TEMPLATE_KEYS.map((key) => (
          <TextAreaField
            key={key}
            id={fieldId(key)}
            className="field-mono"
            label={TEMPLATES[key].label}
            rows={TEMPLATES[key].rows}
            {...form.register(key)}
            onFocus={() => editor.focusTemplate(key)}
            error={templateError(key)}
            hint={TEMPLATES[key].hint}
            spellCheck={false}
            aria-required="true"
          />
        ))}
        <TextField
          id={fieldId('note')}
          label="Note for this version"
          optional
          {...form.register('note')}
          error={messageFor('note', errors.note)}
          maxLength={500}
          hint="What you changed and why; it is shown in the history."
          autoComplete="off"
        />
        <div className="form-actions prompt-actions">
          <span className={cx('save-state', dirty && 'save-state-dirty')} role="status">
            {dirty
              ? 'Unsaved changes'
              : `Saved as version ${saved.version}${saved.updatedAt ? ` · ${formatDateTime(saved.updatedAt)}` : ''}`}
          </span>
          {dirty && (
            <Button onClick={editor.discard} disabled={saving}>
              Discard changes
            </Button>
          )}
          <Button type="submit" variant="primary" busy={saving}>
            Save changes
          </Button>
        </div>
      </form>
      <VariablePanel
        variables={view.variables}
        used={editor.used}
        target={editor.target === 'systemTemplate' ? 'system template' : 'user template'}
        onInsert={editor.insert}
      />
    </div>
  );
}
