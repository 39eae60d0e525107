import { useState } from 'react';
import { exportsApi } from '../../../functions/exports/contract';
import type { ContactFilters, StartExportInput } from '../../../functions/exports/schema';
import type { Stage } from '../../../functions/shared/enums';
import { errorMessage } from '../shared/api';
import { useApi } from '../shared/services';
import { Button, useToast } from '../shared/ui';

const POLL_MS = 1500;

/** Opens a file link as a download without leaving the page. */
function download(url: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  document.body.append(a);
  a.click();
  a.remove();
}

/** A list export's request: the list's kind and its current filters. */
type ListExport = Exclude<StartExportInput, { kind: 'tenant' }>;

/** "Export CSV": the rows a list shows (its filters), at once or, for a long list, once written. */
export function ExportButton({ request, noun }: { request: ListExport; noun: { one: string; other: string } }) {
  const api = useApi();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      let view = await api.call(exportsApi.start, { body: request });
      while (view.status === 'running' && view.exportId) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        view = await api.call(exportsApi.get, { params: { exportId: view.exportId } });
      }
      if (view.status !== 'done' || !view.url) throw new Error('The export could not be written');
      download(view.url);
      toast(`Exported ${view.rows ?? 0} ${view.rows === 1 ? noun.one : noun.other}`);
    } catch (error) {
      toast(`Export failed: ${errorMessage(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={() => void run()} busy={busy}>
      Export CSV
    </Button>
  );
}

/** The companies list's export: its stage and search. */
export const ExportCompaniesButton = ({ stage, q }: { stage: Stage | undefined; q: string }) => (
  <ExportButton
    request={{ kind: 'companies', filters: { stage, q: q || undefined } }}
    noun={{ one: 'company', other: 'companies' }}
  />
);

/** The contacts list's export: its role, company stage, company owner and search. */
export const ExportContactsButton = ({ filters }: { filters: ContactFilters }) => (
  <ExportButton request={{ kind: 'contacts', filters }} noun={{ one: 'contact', other: 'contacts' }} />
);
