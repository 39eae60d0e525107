import { DEALS_ALWAYS_CREATE, IMPORT_FIELDS, type ImportKind } from '../../../../functions/imports/schema';
import type { CsvFile } from './upload';

export type OnDuplicate = 'skip' | 'update' | 'create';

const DUPLICATE_CHOICES: { value: OnDuplicate; label: string }[] = [
  { value: 'skip', label: 'Skip the row' },
  { value: 'update', label: 'Update the existing record' },
  { value: 'create', label: 'Create another one' },
];

/** Step 2: each column to a field (guessed from its header), and what to do with duplicates. */
export function MappingStep({
  kind,
  file,
  mapping,
  onMapping,
  onDuplicate,
  onDuplicateChange,
}: {
  kind: ImportKind;
  file: CsvFile;
  mapping: Record<string, string>;
  onMapping: (next: Record<string, string>) => void;
  onDuplicate: OnDuplicate;
  onDuplicateChange: (value: OnDuplicate) => void;
}) {
  const fields = IMPORT_FIELDS[kind];
  const used = new Set(Object.values(mapping));
  const missing = fields.filter((f) => f.required && !used.has(f.field));
  const set = (column: string, field: string) => {
    const next = { ...mapping };
    if (field) next[column] = field;
    else delete next[column];
    onMapping(next);
  };
  const matchOn = kind === 'companies' ? 'the same domain or company number' : 'the same email';
  // Deals have no natural key, so there is no duplicate to decide about.
  return (
    <div className="stack">
      {/* On a phone each column is a card of its own (styles.css): a table this wide would be cut off. */}
      <div className="table-wrap import-mapping-wrap">
        <table className="data-table import-mapping">
          <thead>
            <tr>
              <th scope="col">Column in {file.name}</th>
              <th scope="col" className="import-sample">
                First values
              </th>
              <th scope="col">Import as</th>
            </tr>
          </thead>
          <tbody>
            {file.headers.map((column) => (
              <tr key={column}>
                <th scope="row">{column}</th>
                <td className="cell-muted import-sample">
                  {file.sample
                    .map((r) => r[column])
                    .filter(Boolean)
                    .slice(0, 2)
                    .join(' · ') || '—'}
                </td>
                <td>
                  <select
                    className="input select"
                    aria-label={`Import ${column} as`}
                    value={mapping[column] ?? ''}
                    onChange={(e) => set(column, e.target.value)}
                  >
                    <option value="">Don’t import</option>
                    {fields.map((f) => (
                      <option key={f.field} value={f.field} disabled={used.has(f.field) && mapping[column] !== f.field}>
                        {f.label}
                        {f.required ? ' (required)' : ''}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {missing.length > 0 && (
        <p className="warning-text" role="status">
          Choose a column for {missing.map((f) => f.label.toLowerCase()).join(' and ')}.
        </p>
      )}
      {kind === 'deals' ? (
        <p className="field-hint">{DEALS_ALWAYS_CREATE}</p>
      ) : (
        <fieldset className="fieldset">
          <legend className="field-label">When a row matches a record you have ({matchOn})</legend>
          {DUPLICATE_CHOICES.map((c) => (
            <label key={c.value} className="radio-field">
              <input
                type="radio"
                name="onDuplicate"
                value={c.value}
                checked={onDuplicate === c.value}
                onChange={() => onDuplicateChange(c.value)}
              />
              {c.label}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}

/** Whether the mapping names every required field. */
export const mappingComplete = (kind: ImportKind, mapping: Record<string, string>) =>
  IMPORT_FIELDS[kind].every((f) => !f.required || Object.values(mapping).includes(f.field));
