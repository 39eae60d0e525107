import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { catalogApi } from '../../../../functions/catalog/contract';
import { companiesApi } from '../../../../functions/companies/contract';
import { dealsApi } from '../../../../functions/deals/contract';
import { quotesApi, type QuoteDraftView, type QuoteView } from '../../../../functions/quotes/contract';
import type { CatalogProduct, PricingRule } from '../../../../functions/quotes/pricing';
import { createQuoteSchema, updateQuoteSchema } from '../../../../functions/quotes/schema';
import { settingsApi } from '../../../../functions/settings/contract';
import { ApiError, errorMessage, newIdempotencyKey } from '../../shared/api';
import { fullName } from '../../shared/format';
import { queryKeyOf, useApiMutation, useApiQuery } from '../../shared/query';
import { Alert, Button, PageHeading, SelectField, TextAreaField, TextField, useToast } from '../../shared/ui';
import { useCompanyContacts } from '../company-contacts';
import { CURRENCIES, toMinorUnits } from '../deals/money';
import { useWorkspace } from '../workspace';
import { AiDraftDialog } from './ai-draft-dialog';
import { LineList } from './line-list';
import { cellOf, scopePath, scopesOf, switchMode, toLineInput, type EditorScope } from './lines';
import { catalogProductOf, priceLive, productsOfQuote } from './live-pricing';
import { QuoteHistory } from './quote-history';
import { QuotePdfPanel } from './quote-pdf';
import { isLocked } from './quote-status';
import { QuoteStatusBar } from './quote-status-bar';
import { TotalsPanel } from './quote-totals';

interface Details {
  title: string;
  companyId: string;
  dealId: string;
  contactId: string;
  currency: string;
  validUntil: string;
  terms: string;
  notes: string;
}

const DETAIL_FIELDS = ['title', 'companyId', 'dealId', 'contactId', 'currency', 'validUntil', 'terms', 'notes'];

const detailsOf = (q: QuoteView | undefined, prefill: { companyId?: string; dealId?: string }): Details => ({
  title: q?.title ?? '',
  companyId: q?.companyId ?? prefill.companyId ?? '',
  dealId: q?.dealId ?? prefill.dealId ?? '',
  contactId: q?.contactId ?? '',
  currency: q?.currency ?? '',
  validUntil: q?.validUntil ?? '',
  terms: q?.terms ?? '',
  notes: q?.notes ?? '',
});

/** Problems by editor path (`title`, `lines.2.quantity`, `tiers.0.lines.1.discount`) from zod issues or the API's field errors. */
function errorsByCell(problems: { path: string; message: string }[]) {
  const errors: Record<string, string> = {};
  const other: string[] = [];
  for (const p of problems) {
    const cell = cellOf(p.path);
    if (/lines\.\d+\./.test(cell) || DETAIL_FIELDS.includes(cell) || /^tiers\.\d+\.name$/.test(cell))
      errors[cell] ??= p.message;
    else other.push(p.path ? `${p.path}: ${p.message}` : p.message);
  }
  return { errors, other };
}

/** The builder: details, lines or Good / Better / Best tiers, live totals, save, status and history. */
export function QuoteEditor({
  quote,
  prefill = {},
}: {
  quote?: QuoteView;
  prefill?: { companyId?: string | undefined; dealId?: string | undefined };
}) {
  const { canWrite } = useWorkspace();
  const toast = useToast();
  const navigate = useNavigate();
  const client = useQueryClient();
  const workspace = useApiQuery(settingsApi.getWorkspace, {}, { enabled: !quote });
  const [details, setDetails] = useState<Details>(() => detailsOf(quote, prefill as never));
  const initial = useMemo(
    () => (quote ? scopesOf(quote) : { tiered: false, scopes: [{ name: '', lines: [] }] }),
    [quote],
  );
  const [tiered, setTiered] = useState(initial.tiered);
  const [scopes, setScopes] = useState<EditorScope[]>(initial.scopes);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [products, setProducts] = useState<Map<string, CatalogProduct>>(() => productsOfQuote(quote));
  const idempotencyKey = useRef(newIdempotencyKey());
  const [drafting, setDrafting] = useState(false);

  const currency = details.currency || workspace.data?.currency || 'GBP';
  const locked = Boolean(quote && isLocked(quote)) || !canWrite;
  const companyFixed = Boolean(quote || prefill.companyId);
  const companies = useApiQuery(companiesApi.list, { query: { limit: 100 } }, { enabled: !companyFixed });
  const company = useApiQuery(
    companiesApi.get,
    { params: { companyId: details.companyId } },
    { enabled: Boolean(details.companyId) && !quote?.companyName },
  );
  const deals = useApiQuery(
    dealsApi.forCompany,
    { params: { companyId: details.companyId }, query: { limit: 100 } },
    { enabled: Boolean(details.companyId) },
  );
  const contacts = useCompanyContacts(details.companyId, { enabled: Boolean(details.companyId) });
  const rules = useApiQuery(catalogApi.listPricingRules, { query: { limit: 100 } });

  const paths = scopes.map((_, i) => scopePath(tiered, i));
  const live = useMemo(
    () =>
      priceLive(
        scopes,
        paths,
        { currency, companyId: details.companyId },
        { products, rules: (rules.data?.items ?? []) as unknown as PricingRule[] },
      ),
    [scopes, tiered, currency, details.companyId, products, rules.data],
  );
  const shownErrors = { ...Object.assign({}, ...live.map((l) => l.errors)), ...errors } as Record<string, string>;

  // A problem shown after a save attempt stays until the seller changes something.
  const edited = () => {
    setDirty(true);
    if (Object.keys(errors).length) setErrors({});
  };
  const change = (next: Partial<Details>) => {
    setDetails((d) => ({ ...d, ...next }));
    edited();
  };
  const setScope = (i: number, patch: Partial<EditorScope>) => {
    setScopes((all) => all.map((s, k) => (k === i ? { ...s, ...patch } : s)));
    edited();
  };

  const content = () =>
    tiered
      ? { tiers: scopes.map((s) => ({ name: s.name.trim(), lines: s.lines.map((l) => toLineInput(l, currency)) })) }
      : { lines: scopes[0]!.lines.map((l) => toLineInput(l, currency)) };
  const createBody = () => ({
    companyId: details.companyId,
    ...(details.dealId ? { dealId: details.dealId } : {}),
    ...(details.contactId ? { contactId: details.contactId } : {}),
    title: details.title,
    currency,
    ...(details.validUntil ? { validUntil: details.validUntil } : {}),
    ...(details.terms.trim() ? { terms: details.terms } : {}),
    ...(details.notes.trim() ? { notes: details.notes } : {}),
    ...content(),
  });
  const updateBody = () => ({
    dealId: details.dealId || null,
    contactId: details.contactId || null,
    title: details.title,
    currency,
    validUntil: details.validUntil || null,
    terms: details.terms.trim() ? details.terms : null,
    notes: details.notes.trim() ? details.notes : null,
    ...content(),
  });

  const create = useApiMutation(
    quotesApi.create,
    (body: ReturnType<typeof createBody>) => ({ body, idempotencyKey: idempotencyKey.current }),
    { invalidates: [quotesApi] },
  );
  const update = useApiMutation(quotesApi.update, (body: ReturnType<typeof updateBody>) => ({
    params: { quoteId: quote!.quoteId },
    body,
    version: quote!.version,
  }));

  const showProblems = (problems: { path: string; message: string }[], fallback: string) => {
    const { errors: byCell, other } = errorsByCell(problems);
    setErrors(byCell);
    setGeneral(other.length ? `${fallback} (${other.join('; ')})` : Object.keys(byCell).length ? null : fallback);
  };

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setConflict(false);
    const body = quote ? updateBody() : createBody();
    const parsed = (quote ? updateQuoteSchema : createQuoteSchema).safeParse(body);
    if (!parsed.success) {
      showProblems(
        parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
        'Check the highlighted fields.',
      );
      return;
    }
    setErrors({});
    setGeneral(null);
    try {
      if (quote) {
        const saved = await update.mutateAsync(body as ReturnType<typeof updateBody>);
        client.setQueryData(queryKeyOf(quotesApi.get, { params: { quoteId: saved.quoteId } }), saved);
        void client.invalidateQueries({ queryKey: [quotesApi.list.fn], refetchType: 'none' });
        toast(
          quote.status !== 'draft' && saved.status === 'draft'
            ? `Saved ${saved.number}: it goes back to draft, submit it again`
            : `Saved ${saved.number}`,
        );
      } else {
        const saved = await create.mutateAsync(body as ReturnType<typeof createBody>);
        client.setQueryData(queryKeyOf(quotesApi.get, { params: { quoteId: saved.quoteId } }), saved);
        toast(`Created ${saved.number}`);
        navigate(`/quotes/${saved.quoteId}`, { replace: true });
      }
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) {
        setConflict(true);
        return;
      }
      if (error instanceof ApiError && error.fieldErrors.length) showProblems(error.fieldErrors, errorMessage(error));
      else setGeneral(errorMessage(error));
    }
  };

  /** An AI draft replaces the new quote's content; the lines it could not price are flagged until priced. */
  const loadDraft = (draft: QuoteDraftView) => {
    if (scopes.some((s) => s.lines.length > 0) && !window.confirm('Replace the lines you have with the draft’s?'))
      return;
    const loaded = scopesOf(draft.priced);
    const toPrice = new Set(draft.lines.filter((l) => l.needsPrice).map((l) => l.path));
    loaded.scopes.forEach((scope, i) =>
      scope.lines.forEach((line, j) => {
        if (toPrice.has(`${scopePath(loaded.tiered, i)}.${j}`)) line.needsPrice = true;
      }),
    );
    // The draft is priced in the catalog's currency; its lines would not price in another.
    setDetails((d) => ({
      ...d,
      title: draft.quote.title,
      currency: draft.quote.currency,
      notes: draft.quote.notes ?? d.notes,
    }));
    setTiered(loaded.tiered);
    setScopes(loaded.scopes);
    setProducts(productsOfQuote(draft.priced));
    setDrafting(false);
    edited();
    toast('Draft loaded: check it, price the flagged lines, then create the quote');
  };
  const unpriced = scopes
    .flatMap((s) => s.lines)
    .filter((l) => l.needsPrice && !(toMinorUnits(l.unitPrice, currency) > 0));

  const companyName = quote?.companyName ?? company.data?.name;
  const contactOptions = [
    { value: '', label: 'No contact' },
    ...(contacts.items ?? []).map((c) => ({ value: c.contactId, label: fullName(c) })),
  ];
  const dealOptions = [
    { value: '', label: 'No deal' },
    ...(deals.data?.items ?? []).map((d) => ({ value: d.dealId, label: d.name })),
  ];
  const currencyOptions = [...new Set([currency, ...CURRENCIES])].map((c) => ({ value: c, label: c }));
  const err = (f: string) => shownErrors[f];
  const saving = create.isPending || update.isPending;

  return (
    <div className="quote-builder">
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link to="/quotes">← All quotes</Link>
          </p>
          <PageHeading>{quote ? `${quote.number}: ${quote.title}` : 'New quote'}</PageHeading>
          {companyName && (
            <p className="page-sub">
              For <Link to={`/companies/${details.companyId}?tab=quotes`}>{companyName}</Link>
            </p>
          )}
        </div>
        {!locked && (
          <div className="page-actions">
            {!quote && (
              <Button
                onClick={() => setDrafting(true)}
                disabled={!details.companyId}
                title={details.companyId ? undefined : 'Choose the company first'}
              >
                Draft with AI
              </Button>
            )}
            <Button type="submit" form="quote-form" variant="primary" busy={saving}>
              {quote ? 'Save quote' : 'Create quote'}
            </Button>
          </div>
        )}
      </div>
      {conflict && (
        <Alert tone="warning">
          This quote was changed elsewhere.{' '}
          <Button size="sm" onClick={() => void client.invalidateQueries({ queryKey: [quotesApi.get.fn] })}>
            Reload
          </Button>{' '}
          to see the latest (your changes here are lost).
        </Alert>
      )}
      {general && <Alert tone="error">{general}</Alert>}
      {unpriced.length > 0 && (
        <Alert tone="warning" title="Lines to price">
          Not in the catalog, so the draft left them at zero:{' '}
          {[...new Set(unpriced.map((l) => l.description))].join('; ')}.
        </Alert>
      )}
      {!quote && (
        <AiDraftDialog
          open={drafting}
          companyId={details.companyId}
          companyName={companyName}
          onClose={() => setDrafting(false)}
          onUse={loadDraft}
        />
      )}
      {quote && <QuoteStatusBar quote={quote} dirty={dirty} />}
      {quote && isLocked(quote) && (
        <Alert tone="info">This revision was sent and is locked: revise it to make changes.</Alert>
      )}

      <form id="quote-form" onSubmit={save} noValidate className="stack">
        <fieldset className="card card-pad quote-details" disabled={locked}>
          <legend className="sr-only">Details</legend>
          <div className="form-grid">
            <TextField
              label="Title"
              value={details.title}
              onChange={(e) => change({ title: e.target.value })}
              error={err('title')}
              maxLength={200}
              aria-required="true"
            />
            {companyFixed ? (
              <TextField label="Company" value={companyName ?? '…'} readOnly />
            ) : (
              <SelectField
                label="Company"
                value={details.companyId}
                onChange={(e) => change({ companyId: e.target.value, dealId: '', contactId: '' })}
                error={err('companyId') && 'Choose the company'}
                options={[
                  { value: '', label: companies.isLoading ? 'Loading companies…' : 'Choose a company' },
                  ...(companies.data?.items ?? []).map((c) => ({ value: c.companyId, label: c.name })),
                ]}
              />
            )}
            <SelectField
              label="Deal"
              value={details.dealId}
              onChange={(e) => change({ dealId: e.target.value })}
              error={err('dealId')}
              options={dealOptions}
            />
            <SelectField
              label="Contact"
              value={details.contactId}
              onChange={(e) => change({ contactId: e.target.value })}
              error={err('contactId')}
              options={contactOptions}
            />
            <SelectField
              label="Currency"
              value={currency}
              onChange={(e) => change({ currency: e.target.value })}
              error={err('currency')}
              options={currencyOptions}
            />
            <TextField
              label="Valid until"
              type="date"
              optional
              value={details.validUntil}
              onChange={(e) => change({ validUntil: e.target.value })}
              error={err('validUntil')}
            />
          </div>
        </fieldset>

        <section className="quote-content" aria-labelledby="lines-title">
          <div className="section-head">
            <h2 id="lines-title" className="section-title">
              {tiered ? 'Options' : 'Lines'}
            </h2>
            {!locked && (
              <div className="chips" role="group" aria-label="Layout">
                <button
                  type="button"
                  className="chip"
                  aria-pressed={!tiered}
                  onClick={() => {
                    if (tiered && !window.confirm('Keep only the first option’s lines?')) return;
                    setScopes(switchMode(scopes, false));
                    setTiered(false);
                    setDirty(true);
                  }}
                >
                  One price
                </button>
                <button
                  type="button"
                  className="chip"
                  aria-pressed={tiered}
                  onClick={() => {
                    if (tiered) return;
                    setScopes(switchMode(scopes, true));
                    setTiered(true);
                    setDirty(true);
                  }}
                >
                  Good / Better / Best
                </button>
              </div>
            )}
          </div>
          <div className={tiered ? 'tier-columns' : undefined}>
            {scopes.map((scope, i) => {
              const label = tiered ? scope.name || `Option ${i + 1}` : 'Lines';
              const serverTotals = tiered ? quote?.tiers?.[i]?.totals : quote?.totals;
              return (
                <section key={i} className="card card-pad tier" aria-label={tiered ? `Option ${label}` : 'Lines'}>
                  {tiered && (
                    <TextField
                      label="Option name"
                      value={scope.name}
                      readOnly={locked}
                      maxLength={60}
                      error={err(`tiers.${i}.name`)}
                      onChange={(e) => setScope(i, { name: e.target.value })}
                    />
                  )}
                  <LineList
                    label={label}
                    lines={scope.lines}
                    path={paths[i]!}
                    errors={shownErrors}
                    currency={currency}
                    readOnly={locked}
                    compact={tiered}
                    priced={live[i]!.lines}
                    onChange={(lines) => setScope(i, { lines })}
                    onProduct={(p) => setProducts((m) => new Map(m).set(p.productId, catalogProductOf(p)))}
                  />
                  <TotalsPanel
                    label={label}
                    live={dirty || !quote}
                    totals={!dirty && serverTotals ? serverTotals : live[i]!.totals}
                  />
                </section>
              );
            })}
          </div>
        </section>

        <fieldset className="card card-pad quote-details" disabled={locked}>
          <legend className="sr-only">Terms and notes</legend>
          <div className="form-grid">
            <TextAreaField
              label="Terms"
              optional
              rows={3}
              maxLength={5000}
              value={details.terms}
              onChange={(e) => change({ terms: e.target.value })}
              error={err('terms')}
            />
            <TextAreaField
              label="Notes"
              optional
              rows={3}
              maxLength={5000}
              value={details.notes}
              onChange={(e) => change({ notes: e.target.value })}
              error={err('notes')}
              hint="For the customer, printed under the lines."
            />
          </div>
        </fieldset>
        {!locked && (
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={saving}>
              {quote ? 'Save quote' : 'Create quote'}
            </Button>
          </div>
        )}
      </form>
      {quote && <QuotePdfPanel quote={quote} />}
      {quote && <QuoteHistory quote={quote} />}
    </div>
  );
}
