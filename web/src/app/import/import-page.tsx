import { useState } from 'react';
import { importsApi, type DryRunView } from '../../../../functions/imports/contract';
import { guessMapping, type ImportKind } from '../../../../functions/imports/schema';
import { IMPORT_KINDS } from '../../../../functions/shared/enums';
import { errorMessage, ApiError } from '../../shared/api';
import { useDocumentTitle } from '../../shared/hooks';
import { useApi } from '../../shared/services';
import { Alert, Button, PageHeading } from '../../shared/ui';
import { MappingStep, mappingComplete, type OnDuplicate } from './mapping-step';
import { PreviewStep } from './preview-step';
import { ProgressStep } from './progress-step';
import { readCsv, sourceOf, type CsvFile, type CsvSource } from './upload';

type Step = 'file' | 'map' | 'preview' | 'run';

const KIND_LABELS: Record<ImportKind, string> = {
  companies: 'Companies',
  contacts: 'Contacts (each with the domain or name of their company)',
  deals: 'Deals (each with the domain or name of their company, a value and a close date)',
};
const STEPS: { id: Step; label: string }[] = [
  { id: 'file', label: 'Choose a file' },
  { id: 'map', label: 'Map columns' },
  { id: 'preview', label: 'Check' },
  { id: 'run', label: 'Import' },
];

/** `/import`: a CSV of companies, contacts or deals → columns mapped → a dry run → the import with its progress. */
export function ImportPage() {
  useDocumentTitle('Import');
  const api = useApi();
  const [step, setStep] = useState<Step>('file');
  const [kind, setKind] = useState<ImportKind>('companies');
  const [file, setFile] = useState<CsvFile>();
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [onDuplicate, setOnDuplicate] = useState<OnDuplicate>('skip');
  const [source, setSource] = useState<CsvSource>();
  const [result, setResult] = useState<DryRunView>();
  const [importId, setImportId] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const attempt = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await work();
    } catch (error) {
      const fields =
        error instanceof ApiError ? error.fieldErrors.map((e) => `${e.path}: ${e.message}`).join('; ') : '';
      setProblem(`${errorMessage(error)}${fields ? ` (${fields})` : ''}`);
    } finally {
      setBusy(false);
    }
  };

  const choose = (picked: File | undefined, forKind = kind) =>
    picked &&
    void attempt(async () => {
      const read = await readCsv(picked);
      if (read.headers.length === 0) throw new Error('The file has no header row');
      setFile(read);
      setSource(undefined);
      setMapping(guessMapping(forKind, read.headers));
      setStep('map');
    });

  const check = () =>
    void attempt(async () => {
      const from = source ?? (await sourceOf(api, file!));
      setSource(from);
      const res = await api.call(importsApi.start, {
        body: { kind, ...from, fileName: file!.name, mapping, onDuplicate, dryRun: true },
      });
      if (!('dryRun' in res)) throw new Error('Unexpected answer to a dry run');
      setResult(res);
      setStep('preview');
    });

  const run = () =>
    void attempt(async () => {
      const res = await api.call(importsApi.start, {
        body: { kind, ...source!, fileName: file!.name, mapping, onDuplicate },
      });
      if (!('importId' in res)) throw new Error('Unexpected answer to an import');
      setImportId(res.importId);
      setStep('run');
    });

  const current = STEPS.findIndex((s) => s.id === step);
  return (
    <div className="import-page">
      <div className="page-head">
        <div>
          <PageHeading>Import</PageHeading>
          <p className="page-sub">Bring companies, contacts or deals from a spreadsheet or another CRM, as CSV.</p>
        </div>
      </div>
      <ol className="steps import-steps" aria-label="Import steps">
        {STEPS.map((s, i) => (
          <li
            key={s.id}
            className={i < current ? 'step step-done' : i === current ? 'step step-current' : 'step'}
            aria-current={i === current ? 'step' : undefined}
          >
            <span className="step-marker" aria-hidden="true">
              {i < current ? '✓' : i + 1}
            </span>{' '}
            {s.label}
          </li>
        ))}
      </ol>
      {problem && <Alert tone="error">{problem}</Alert>}
      <div className="card card-pad stack">
        {step === 'file' && (
          <>
            <fieldset className="fieldset">
              <legend className="field-label">What the file holds</legend>
              {IMPORT_KINDS.map((k) => (
                <label key={k} className="radio-field">
                  <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                  {KIND_LABELS[k]}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <div className="field-label">
                <label htmlFor="import-file">CSV file</label>
              </div>
              <input
                id="import-file"
                type="file"
                accept=".csv,text/csv"
                onChange={(e) => choose(e.target.files?.[0])}
                disabled={busy}
              />
              <p className="field-hint">The first row names the columns. Up to 50,000 rows, 10 MB.</p>
            </div>
          </>
        )}
        {step === 'map' && file && (
          <>
            <MappingStep
              kind={kind}
              file={file}
              mapping={mapping}
              onMapping={setMapping}
              onDuplicate={onDuplicate}
              onDuplicateChange={setOnDuplicate}
            />
            <div className="form-actions">
              <Button onClick={() => setStep('file')}>Choose another file</Button>
              <Button variant="primary" onClick={check} busy={busy} disabled={!mappingComplete(kind, mapping)}>
                Check the file
              </Button>
            </div>
          </>
        )}
        {step === 'preview' && result && (
          <>
            <PreviewStep kind={kind} result={result} />
            <div className="form-actions">
              <Button onClick={() => setStep('map')}>Back to the mapping</Button>
              <Button variant="primary" onClick={run} busy={busy} disabled={result.counts.valid === 0}>
                Import {result.counts.valid.toLocaleString()} {result.counts.valid === 1 ? 'row' : 'rows'}
              </Button>
            </div>
          </>
        )}
        {step === 'run' && importId && <ProgressStep importId={importId} />}
      </div>
    </div>
  );
}
