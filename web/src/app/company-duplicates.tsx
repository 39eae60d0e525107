import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { companiesApi } from '../../../functions/companies/contract';
import type { DuplicateMatch } from '../../../functions/companies/schema';
import { useDebouncedValue } from '../shared/hooks';
import { useApi } from '../shared/services';

const MATCHED_ON: Record<DuplicateMatch['matchedOn'][number], string> = {
  domain: 'the same domain',
  companyNumber: 'the same company number',
  name: 'the same name',
};

const and = (parts: string[]) =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;

/**
 * "Possible duplicate" under the company form, as the user types (debounced): companies that share
 * the domain, the company number or the name. Only a warning: saving stays possible.
 */
export function DuplicateWarning({
  name,
  domain,
  companyNumber,
  excludeId,
}: {
  name: string;
  domain: string;
  companyNumber: string;
  excludeId?: string;
}) {
  // Debounced as one string: a fresh object each render would never settle.
  const typed = JSON.parse(
    useDebouncedValue(
      JSON.stringify({ name: name.trim(), domain: domain.trim(), companyNumber: companyNumber.trim() }),
      400,
    ),
  ) as { name: string; domain: string; companyNumber: string };
  const body = {
    ...(typed.name.length >= 3 ? { name: typed.name.slice(0, 200) } : {}),
    ...(typed.domain.includes('.') ? { domain: typed.domain.slice(0, 2000) } : {}),
    ...(typed.companyNumber ? { companyNumber: typed.companyNumber.slice(0, 20) } : {}),
    ...(excludeId ? { excludeId } : {}),
  };
  const asked = Boolean(body.name || body.domain || body.companyNumber);
  const api = useApi();
  // A POST read: keyed by its body, which the route-keyed useApiQuery would not tell apart.
  const check = useQuery({
    queryKey: [companiesApi.duplicates.fn, companiesApi.duplicates.name, body],
    queryFn: ({ signal }) => api.call(companiesApi.duplicates, { body, signal }),
    enabled: asked,
    staleTime: 30_000,
  });
  const matches = asked ? (check.data?.items ?? []) : [];
  return (
    <div aria-live="polite" className="duplicate-slot span-2">
      {matches.length > 0 && (
        <div className="alert alert-warning duplicate-warning" role="status">
          <div>
            <strong className="alert-title">
              Possible duplicate{matches.length > 1 ? 's' : ''}:{' '}
              {matches.map((m, i) => (
                <span key={m.companyId}>
                  {i > 0 && ', '}
                  <Link to={`/companies/${m.companyId}`} target="_blank" rel="noopener">
                    {m.name}
                    <span className="sr-only"> (opens in a new tab)</span>
                  </Link>
                </span>
              ))}
            </strong>
            <span>
              {matches.length === 1
                ? `It has ${and(matches[0]!.matchedOn.map((o) => MATCHED_ON[o]))}.`
                : 'They share the domain, number or name.'}{' '}
              You can still save this one, and merge them later from the company page.
            </span>
          </div>
        </div>
      )}
    </div>
  );
}
