import { useState } from 'react';
import { catalogApi, type ProductImportView } from '../../../../functions/catalog/contract';
import { MAX_PRODUCT_ROWS } from '../../../../functions/catalog/schema';
import { errorMessage } from '../../shared/api';
import { useApi } from '../../shared/services';
import { useApiMutation } from '../../shared/query';
import { Alert, Badge, Button } from '../../shared/ui';
import { formatMoney } from '../deals/money';
import { readCsv, sourceOf, type CsvSource } from '../import/upload';

const EXAMPLE = 'code,name,category,unit,unitPrice,costPrice,taxRate,supplier,active';

/** Offers the rows' problems as a CSV file to fix the sheet against. */
function downloadReport(csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'product-import-errors.csv';
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

function Preview({ result }: { result: ProductImportView }) {
  const { counts } = result;
  return (
    <div className="stack product-import-preview" data-testid="product-import-preview">
      <p>
        {counts.rows} {counts.rows === 1 ? 'row' : 'rows'}: <strong>{counts.create}</strong> to add,{' '}
        <strong>{counts.update}</strong> to update
        {counts.invalid > 0 && (
          <>
            , <strong>{counts.invalid}</strong> with problems (not imported)
          </>
        )}
        .
      </p>
      {result.preview.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {result.preview.map((p) => (
                <tr key={p.row}>
                  <td>{p.row}</td>
                  <td className="cell-nowrap">{p.code}</td>
                  <td className="cell-truncate">{p.name}</td>
                  <td className="num cell-nowrap">{formatMoney(p.unitPrice)}</td>
                  <td>
                    <Badge tone={p.action === 'create' ? 'success' : 'accent'}>
                      {p.action === 'create' ? 'Add' : 'Update'}
                    </Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.errors.length > 0 && (
        <div className="stack">
          <ul className="import-problems" aria-label="Problems by row">
            {result.errors.slice(0, 20).map((e, i) => (
              <li key={i}>
                Row {e.row}
                {e.column ? `, ${e.column}` : ''}: {e.message}
              </li>
            ))}
          </ul>
          {result.errorReport && (
            <div>
              <Button size="sm" onClick={() => downloadReport(result.errorReport!)}>
                Download the problems as CSV
              </Button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

/** Import products from a CSV: a dry run first (what would be added, updated, refused), then the import. */
export function ProductsImport({ onDone }: { onDone: (result: ProductImportView) => void }) {
  const api = useApi();
  const [source, setSource] = useState<CsvSource | null>(null);
  const [fileName, setFileName] = useState('');
  const [checked, setChecked] = useState<ProductImportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useApiMutation(catalogApi.importProducts, (body: CsvSource & { dryRun: boolean }) => ({ body }), {
    invalidates: [catalogApi],
  });
  const choose = async (file: File | undefined) => {
    setChecked(null);
    setError(null);
    if (!file) return;
    setFileName(file.name);
    try {
      // A file larger than a request body goes up once; the dry run and the import both read it.
      const from = await sourceOf(api, await readCsv(file));
      setSource(from);
      setChecked(await run.mutateAsync({ ...from, dryRun: true }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const importNow = async () => {
    try {
      onDone(await run.mutateAsync({ ...source!, dryRun: false }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div className="stack">
      <p className="muted">
        A CSV with a header row; columns are matched by name: <code>{EXAMPLE}</code>. Rows are matched to products by
        code: a known code is updated with the cells it fills, a new one added. At most{' '}
        {MAX_PRODUCT_ROWS.toLocaleString()} rows. Nothing is written until you confirm.
      </p>
      <label className="field">
        <span className="field-label">CSV file</span>
        <input
          className="input"
          type="file"
          accept=".csv,text/csv"
          data-testid="product-import-file"
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </label>
      {error && <Alert tone="error">{error}</Alert>}
      {run.isPending && !checked && <p className="muted">Checking {fileName}…</p>}
      {checked && <Preview result={checked} />}
      <div className="dialog-actions">
        <Button
          variant="primary"
          disabled={!checked || checked.counts.valid === 0}
          busy={run.isPending && Boolean(checked)}
          onClick={() => void importNow()}
        >
          {checked ? `Import ${checked.counts.valid} ${checked.counts.valid === 1 ? 'product' : 'products'}` : 'Import'}
        </Button>
      </div>
    </div>
  );
}
