import { useEffect, useId, useState } from 'react';
import { catalogApi, type ProductView } from '../../../../functions/catalog/contract';
import { useApiQuery } from '../../shared/query';
import { Button } from '../../shared/ui';
import { formatMoney } from '../deals/money';

/** "Add from catalog": searches active products by code or name (GET /v1/products?q=) and adds the one picked. */
export function ProductPicker({ onPick, label }: { onPick: (p: ProductView) => void; label: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQ(typed.trim()), 200);
    return () => clearTimeout(t);
  }, [typed]);
  const results = useApiQuery(
    catalogApi.listProducts,
    { query: { q: q || undefined, active: 'true', limit: 8 } },
    { enabled: open },
  );
  if (!open)
    return (
      <Button size="sm" onClick={() => setOpen(true)} aria-label={`Add from catalog to ${label}`}>
        + From catalog
      </Button>
    );
  const items = results.data?.items ?? [];
  return (
    <div className="product-picker card card-pad" role="group" aria-label={`Catalog search for ${label}`}>
      <label htmlFor={`${id}-q`} className="field-label">
        Search the catalog
      </label>
      <div className="product-picker-row">
        <input
          id={`${id}-q`}
          className="input"
          autoFocus
          value={typed}
          placeholder="Code or name…"
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
            if (e.key === 'Enter') {
              // Enter adds the first match; it never submits the quote around the picker.
              e.preventDefault();
              if (items[0]) onPick(items[0]);
            }
          }}
        />
        <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
          Done
        </Button>
      </div>
      <ul className="product-results" aria-live="polite">
        {results.isLoading && <li className="muted">Searching…</li>}
        {results.data && items.length === 0 && <li className="muted">No active product matches “{q}”.</li>}
        {items.map((p) => (
          <li key={p.productId}>
            <button type="button" className="product-result" onClick={() => onPick(p)} aria-label={`Add ${p.name}`}>
              <span>
                <code>{p.code}</code> {p.name}
              </span>
              <span className="muted">
                {formatMoney(p.unitPrice)} / {p.unit}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
