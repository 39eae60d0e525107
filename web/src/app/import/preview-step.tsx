import type { DryRunView } from '../../../../functions/imports/contract';
import { DEALS_ALWAYS_CREATE, IMPORT_FIELDS, type ImportKind } from '../../../../functions/imports/schema';
import { Alert } from '../../shared/ui';
import { formatMoney } from '../deals/money';

const MAX_LISTED = 200;

const shown = (v: unknown) =>
  v === undefined || v === null
    ? ''
    : Array.isArray(v)
      ? v.map((x) => (typeof x === 'object' ? Object.values(x as object).join(' ') : String(x))).join('; ')
      : String(v);

/** Step 3: what the dry run found: counts, each problem by row and column, the first rows as they will be saved. */
export function PreviewStep({ kind, result }: { kind: ImportKind; result: DryRunView }) {
  const { counts, errors, warnings, preview } = result;
  const value = (values: Record<string, unknown>, field: string) => {
    if (field.startsWith('address.'))
      return shown((values.addresses as Record<string, unknown>[] | undefined)?.[0]?.[field.slice(8)]);
    if (field === 'email') return shown((values.emails as { address: string }[] | undefined)?.[0]?.address);
    if (field === 'phone') return shown((values.phones as { number: string }[] | undefined)?.[0]?.number);
    // A deal's value is money in minor units: shown as it will read on the deal.
    const money = values.value as { amount: number; currency: string } | undefined;
    if (field === 'amount') return money ? formatMoney(money) : '';
    if (field === 'currency') return shown(money?.currency);
    if (field === 'probability')
      return typeof values.probabilityBps === 'number' ? `${values.probabilityBps / 100}%` : '';
    return shown(values[field]);
  };
  // A deal's currency shows in its value.
  const fields = IMPORT_FIELDS[kind].filter(
    (f) => f.field !== (kind === 'deals' ? 'currency' : '') && preview.some((p) => value(p.values, f.field) !== ''),
  );
  return (
    <div className="stack">
      <dl className="import-counts">
        <div>
          <dt>Rows</dt>
          <dd>{counts.rows}</dd>
        </div>
        <div>
          <dt>New</dt>
          <dd>{counts.create}</dd>
        </div>
        <div>
          <dt>Updates</dt>
          <dd>{counts.update}</dd>
        </div>
        <div>
          <dt>Skipped</dt>
          <dd>{counts.skip}</dd>
        </div>
        <div className={counts.invalid ? 'import-count-bad' : undefined}>
          <dt>With errors</dt>
          <dd>{counts.invalid}</dd>
        </div>
      </dl>
      {kind === 'deals' && <Alert tone="info">{DEALS_ALWAYS_CREATE}</Alert>}
      {errors.length === 0 ? (
        <Alert tone="success">No errors: every row can be imported.</Alert>
      ) : (
        <section aria-labelledby="import-errors">
          <h2 id="import-errors" className="section-title">
            {errors.length} {errors.length === 1 ? 'problem' : 'problems'} — these rows will not be imported
          </h2>
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {errors.slice(0, MAX_LISTED).map((e, i) => (
                  <tr key={`${e.row}-${i}`}>
                    <td className="num">{e.row}</td>
                    <td className="cell-nowrap">{e.column ?? '—'}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {errors.length > MAX_LISTED && (
            <p className="muted">
              And {errors.length - MAX_LISTED} more: the error report after the import lists them all.
            </p>
          )}
        </section>
      )}
      {warnings.length > 0 && (
        <Alert tone="warning" title="Worth a look">
          <ul>
            {warnings.slice(0, 20).map((w, i) => (
              <li key={i}>
                Row {w.row}: {w.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <section aria-labelledby="import-preview">
        <h2 id="import-preview" className="section-title">
          The first {preview.length} rows as they will be saved
        </h2>
        <div className="table-wrap">
          <table className="data-table import-preview">
            <thead>
              <tr>
                <th scope="col">Row</th>
                {fields.map((f) => (
                  <th key={f.field} scope="col">
                    {f.label.replace(/ \(.*\)$/, '')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.map((p) => (
                <tr key={p.row}>
                  <td className="num">{p.row}</td>
                  {fields.map((f) => (
                    <td key={f.field} className={f.field === 'amount' ? 'num import-money' : undefined}>
                      {value(p.values, f.field)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
