import { useState } from 'react';
import { exportsApi } from '../../../functions/exports/contract';
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

/** "Export CSV": the companies the list shows (its stage and search), at once or, for a long list, once written. */
export function ExportCompaniesButton({ stage, q }: { stage: Stage | undefined; q: string }) {
  const api = useApi();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      let view = await api.call(exportsApi.start, {
        body: { kind: 'companies', filters: { stage, q: q || undefined } },
      });
      while (view.status === 'running' && view.exportId) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        view = await api.call(exportsApi.get, { params: { exportId: view.exportId } });
      }
      if (view.status !== 'done' || !view.url) throw new Error('The export could not be written');
      download(view.url);
      toast(`Exported ${view.rows ?? 0} ${view.rows === 1 ? 'company' : 'companies'}`);
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
