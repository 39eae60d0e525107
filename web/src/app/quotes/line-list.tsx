import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors } from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { KeyboardEvent } from 'react';
import type { ProductView } from '../../../../functions/catalog/contract';
import type { PricedLine } from '../../../../functions/quotes/pricing';
import { cx } from '../../shared/format';
import { Button } from '../../shared/ui';
import { formatMoney, toMajorText } from '../deals/money';
import { ProductPicker } from './product-picker';
import { blankLine, groupBySection, moveLine, newKey, type EditorLine } from './lines';

interface LineListProps {
  /** "Good", or "Lines" for an untiered quote: names the controls. */
  label: string;
  lines: EditorLine[];
  /** `lines` or `tiers.1.lines`: where this scope's problems are reported. */
  path: string;
  errors: Record<string, string>;
  currency: string;
  readOnly: boolean;
  /** The live pricing of each line, by index, when it prices. */
  priced: (PricedLine | undefined)[];
  onChange: (lines: EditorLine[]) => void;
  onProduct: (p: ProductView) => void;
  /** Columns (tiers side by side): fields wrap into a compact card. */
  compact?: boolean;
}

function Cell({
  label,
  error,
  children,
  className,
}: {
  label: string;
  error?: string | undefined;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={cx('line-cell', className, error && 'line-cell-error')}>
      <span className="line-cell-label">{label}</span>
      {children}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function LineRow({
  line,
  index,
  count,
  props,
}: {
  line: EditorLine;
  index: number;
  count: number;
  props: LineListProps;
}) {
  const { lines, path, errors, readOnly, priced, onChange, label } = props;
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: line.key,
    disabled: readOnly,
  });
  const set = (patch: Partial<EditorLine>) => onChange(lines.map((l, i) => (i === index ? { ...l, ...patch } : l)));
  const move = (to: number) => onChange(moveLine(lines, index, to));
  const err = (field: string) => errors[`${path}.${index}.${field}`];
  const name = line.description || `line ${index + 1}`;
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.altKey || readOnly) return;
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      move(index + (e.key === 'ArrowUp' ? -1 : 1));
      // Keep the focus in the moved row's same field.
      const target = e.target as HTMLElement;
      requestAnimationFrame(() => target.focus());
    }
  };
  const p = priced[index];
  const input = (field: keyof EditorLine, extra: { inputMode?: 'decimal'; placeholder?: string } = {}) => (
    <input
      className="input input-sm"
      value={line[field] as string}
      readOnly={readOnly}
      aria-label={`${cap(String(field))} of ${name}`}
      aria-invalid={err(String(field)) ? true : undefined}
      onChange={(e) => set({ [field]: e.target.value })}
      {...extra}
    />
  );
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={cx('quote-line', isDragging && 'quote-line-dragging', line.optional && 'quote-line-optional')}
      onKeyDown={onKeyDown}
      data-testid={`line-${label}-${index}`}
    >
      {!readOnly && (
        <div className="line-handle">
          <button
            type="button"
            className="drag-handle"
            aria-label={`Drag ${name} (in ${label})`}
            {...attributes}
            {...listeners}
          >
            ⠿
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={`Move ${name} up`}
            disabled={index === 0}
            onClick={() => move(index - 1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={`Move ${name} down`}
            disabled={index === count - 1}
            onClick={() => move(index + 1)}
          >
            ↓
          </button>
        </div>
      )}
      <div className="line-fields">
        <Cell label="Description" error={err('description')} className="line-description">
          <input
            className="input input-sm"
            value={line.description}
            readOnly={readOnly}
            aria-label={`Description of line ${index + 1} in ${label}`}
            aria-invalid={err('description') ? true : undefined}
            onChange={(e) => set({ description: e.target.value })}
          />
          {line.productLabel && <span className="muted line-product">{line.productLabel}</span>}
        </Cell>
        <Cell label="Qty" error={err('quantity')}>
          {input('quantity', { inputMode: 'decimal' })}
        </Cell>
        <Cell label={`Unit price`} error={err('unitPrice')}>
          {input('unitPrice', {
            inputMode: 'decimal',
            placeholder: line.productId && p ? toMajorText(p.unitPrice) : undefined,
          })}
        </Cell>
        <Cell label="Discount" error={err('discount')}>
          <span className="line-discount">
            {input('discount', { inputMode: 'decimal' })}
            <select
              className="input input-sm"
              value={line.discountMode}
              disabled={readOnly}
              aria-label={`Discount kind of ${name}`}
              onChange={(e) => set({ discountMode: e.target.value as EditorLine['discountMode'] })}
            >
              <option value="percent">%</option>
              <option value="amount">{props.currency}</option>
            </select>
          </span>
        </Cell>
        <Cell label="Tax %" error={err('taxRate')}>
          {input('taxRate', { inputMode: 'decimal', placeholder: p ? String(p.taxRateBps / 100) : undefined })}
        </Cell>
        <Cell label="Section" error={err('section')}>
          {input('section')}
        </Cell>
        <Cell label="Optional">
          <span className="line-optional">
            <input
              type="checkbox"
              checked={line.optional}
              disabled={readOnly}
              aria-label={`${name} is optional`}
              onChange={(e) => set({ optional: e.target.checked })}
            />
            {line.optional && (
              <label className="muted">
                <input
                  type="checkbox"
                  checked={line.selected}
                  disabled={readOnly}
                  onChange={(e) => set({ selected: e.target.checked })}
                />{' '}
                in totals
              </label>
            )}
          </span>
        </Cell>
        <Cell label="Net" className="line-net">
          <span className="num" data-testid="line-net">
            {p ? formatMoney(p.net) : '—'}
          </span>
        </Cell>
      </div>
      {!readOnly && (
        <button
          type="button"
          className="icon-button line-remove"
          aria-label={`Remove ${name}`}
          onClick={() => onChange(lines.filter((_, i) => i !== index))}
        >
          ×
        </button>
      )}
    </li>
  );
}

const cap = (s: string) =>
  s.charAt(0).toUpperCase() +
  s
    .slice(1)
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase();

/** One scope's lines (an untiered quote, or one tier): grouped under section headers, reorderable by keyboard and drag. */
export function LineList(props: LineListProps) {
  const { lines, onChange, readOnly, label, onProduct } = props;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const lastSection = lines[lines.length - 1]?.section ?? '';
  const addProduct = (p: ProductView) => {
    onProduct(p);
    onChange([
      ...lines,
      {
        ...blankLine(lastSection),
        key: newKey(),
        productId: p.productId,
        productLabel: `${p.code} · ${p.unit}`,
        description: p.name,
        taxRate: '',
      },
    ]);
  };
  return (
    <div className={cx('line-list', props.compact && 'line-list-compact')}>
      {lines.length === 0 && <p className="muted line-empty">No lines yet: add from the catalog or type a line.</p>}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={({ active, over }) => {
          if (!over || active.id === over.id) return;
          const from = lines.findIndex((l) => l.key === active.id);
          const to = lines.findIndex((l) => l.key === over.id);
          onChange(moveLine(lines, from, to));
        }}
      >
        <SortableContext items={lines.map((l) => l.key)} strategy={verticalListSortingStrategy}>
          {groupBySection(lines).map((group, g) => (
            <div key={`${g}-${group.section}`} className="line-group">
              {group.section && <h4 className="line-section">{group.section}</h4>}
              <ol className="quote-lines" aria-label={`${label}${group.section ? `: ${group.section}` : ''}`}>
                {group.rows.map(({ line, index }) => (
                  <LineRow key={line.key} line={line} index={index} count={lines.length} props={props} />
                ))}
              </ol>
            </div>
          ))}
        </SortableContext>
      </DndContext>
      {!readOnly && (
        <div className="line-actions">
          <ProductPicker label={label} onPick={addProduct} />
          <Button
            size="sm"
            aria-label={`Add a free line to ${label}`}
            onClick={() => onChange([...lines, blankLine(lastSection)])}
          >
            + Free line
          </Button>
        </div>
      )}
    </div>
  );
}
