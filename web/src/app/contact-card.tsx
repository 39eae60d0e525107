import type { ContactView } from '../../../functions/contacts/contract';
import { fullName } from '../shared/format';
import { CONTACT_ROLE_LABELS, EMAIL_TYPE_LABELS, PHONE_TYPE_LABELS } from '../shared/labels';
import { Badge, Button } from '../shared/ui';

const primaryFirst = <T extends { primary: boolean }>(items: T[]) =>
  [...items].sort((a, b) => Number(b.primary) - Number(a.primary));
const telHref = (n: string) => `tel:${n.replace(/[^\d+]/g, '')}`;

/** One contact: name, title, role, emails and phones (primary first), notes, and edit/delete for writers. */
export function ContactCard({
  contact: c,
  canWrite,
  onEdit,
  onDelete,
  onMerge,
}: {
  contact: ContactView;
  canWrite: boolean;
  onEdit: () => void;
  onDelete: () => void;
  /** Offered when the company has another contact to merge into this one. */
  onMerge?: () => void;
}) {
  const name = fullName(c);
  return (
    <article className="card contact-card" aria-label={name}>
      <div className="contact-head">
        <div>
          <h3 className="contact-name">{name}</h3>
          {c.jobTitle && <p className="contact-title">{c.jobTitle}</p>}
        </div>
        <Badge tone={c.role === 'decision_maker' ? 'accent' : 'neutral'}>{CONTACT_ROLE_LABELS[c.role] ?? c.role}</Badge>
      </div>
      {(c.emails.length > 0 || c.phones.length > 0) && (
        <ul className="contact-lines">
          {primaryFirst(c.emails).map((e) => (
            <li key={e.address}>
              <a href={`mailto:${e.address}`}>{e.address}</a>
              <span className="contact-line-type">
                {EMAIL_TYPE_LABELS[e.type] ?? e.type}
                {e.primary ? ' · primary' : ''}
              </span>
            </li>
          ))}
          {primaryFirst(c.phones).map((p) => (
            <li key={p.number}>
              <a href={telHref(p.number)}>{p.number}</a>
              <span className="contact-line-type">
                {PHONE_TYPE_LABELS[p.type] ?? p.type}
                {p.primary ? ' · primary' : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {c.notes && <p className="contact-notes">{c.notes}</p>}
      {canWrite && (
        <div className="contact-actions">
          <Button size="sm" onClick={onEdit}>
            Edit<span className="sr-only"> {name}</span>
          </Button>
          {onMerge && (
            <Button size="sm" variant="ghost" onClick={onMerge}>
              Merge with…<span className="sr-only"> (keep {name})</span>
            </Button>
          )}
          <Button size="sm" variant="ghost" className="btn-danger-text" onClick={onDelete}>
            Delete<span className="sr-only"> {name}</span>
          </Button>
        </div>
      )}
    </article>
  );
}
