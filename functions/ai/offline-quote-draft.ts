import { roleReference } from '../catalog/facts.js';
import { words } from '../search/normalise.js';
import type { CatalogFacts, CompanyFacts } from './facts.js';
import type { QuoteDraft } from './schemas.js';

/**
 * The offline quote drafter: matches the requirements' words against the workspace's catalog
 * and rate card. Like the model, it names products and roles and never prices anything; what it
 * cannot match becomes a custom line for the seller to price.
 */

type Line = QuoteDraft['tiers'][number]['lines'][number];
type Product = CatalogFacts['products'][number];
type Role = CatalogFacts['roles'][number];

const STOP_WORDS = new Set(
  'a an and any are as at be by for from have in is it of on or our per plus please quote so some the their them this to up us we with would want need needs new also all each every like about into'.split(
    ' ',
  ),
);

/** Words that count people: the number before one is the user count. */
const PEOPLE = new Set(['user', 'staff', 'people', 'seat', 'employee', 'person', 'desk', 'mailbox', 'starter']);

/** Words that measure rather than name something ("3 days", "2 sites"): never a line of their own. */
const MEASURES = new Set(['day', 'hour', 'week', 'month', 'year', 'site', 'office', 'floor', 'building', 'location']);

/** Words customers use for what catalogs call otherwise. */
const SYNONYMS: Record<string, string[]> = {
  wireless: ['wifi', 'access', 'point'],
  wifi: ['wifi', 'access', 'point'],
  notebook: ['laptop'],
  email: ['microsoft', '365'],
  m365: ['microsoft', '365'],
  o365: ['microsoft', '365'],
  office365: ['microsoft', '365'],
  helpdesk: ['support'],
  onboarding: ['starter'],
  cyber: ['cyber', 'essentials', 'security'],
  security: ['security', 'cyber'],
};

const singular = (w: string) =>
  w.length > 4 && w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.length > 3 && /[^s]s$/.test(w) ? w.slice(0, -1) : w;

/** Folded, singular words without stop words; "Wi-Fi" is one word. */
const termsOf = (text: string): string[] =>
  words(text.replace(/wi-fi/gi, 'wifi').replace(/office 365/gi, 'office365'))
    .map(singular)
    .filter((w) => !STOP_WORDS.has(w));

const expand = (terms: string[]) => new Set(terms.flatMap((t) => SYNONYMS[t] ?? [t]));

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A number as written and the word after it: "25 laptops", "2.5 days", "30 staff". */
interface Figure {
  text: string;
  value: number;
  /** The next word, folded and singular: what the number counts. */
  of: string;
}

interface Clause {
  text: string;
  terms: string[];
  figures: Figure[];
}

/** The most of anything a drafted line asks for (the draft schema's own bound). */
const MAX_QUANTITY = 100_000;

/** A quantity a line can take: more than 0 (else 1), at most MAX_QUANTITY, four decimal places. */
const quantityOf = (n: number) =>
  !(n > 0) ? 1 : Math.min(MAX_QUANTITY, Math.max(0.0001, Math.round(n * 10_000) / 10_000));

/** The requirements split into the things asked for: by line, comma, semicolon, colon, full stop and "and". */
function clausesOf(requirements: string): Clause[] {
  return requirements
    .split(/[\n,;:]+|\.(?!\d)|\band\b|\bplus\b/i)
    .map((text) => text.trim())
    .filter(Boolean)
    .map((text) => ({
      text,
      terms: termsOf(text),
      figures: [...text.matchAll(/(\d+(?:\.\d+)?)\s*([\p{L}-]+)?/gu)].map((m) => ({
        text: m[1]!,
        value: Number(m[1]),
        of: singular(termsOf(m[2] ?? '')[0] ?? ''),
      })),
    }));
}

/** The number in a clause that counts the thing itself: not people, days or sites, nor part of a name. */
const countIn = (clause: Clause, names: Set<string> = new Set()) =>
  clause.figures.find((f) => !PEOPLE.has(f.of) && !MEASURES.has(f.of) && !names.has(f.text));

/** How well a clause names a product: two per name or code word, one per description or category word. */
function score(product: Product, asked: Set<string>): number {
  const named = new Set([...termsOf(product.name), ...termsOf(product.code)]);
  const described = new Set([...termsOf(product.description ?? ''), ...termsOf(product.category ?? '')]);
  let points = 0;
  for (const term of asked) {
    if (named.has(term)) points += 2;
    else if (described.has(term)) points += 1;
  }
  // A name word is needed: a description mentioning "support" does not make a product asked for.
  return [...asked].some((t) => named.has(t)) ? points : 0;
}

interface Pick {
  /** Alternatives answering the same request, cheapest first: Good, Better and Best take one each. */
  options: Product[];
  quantity: number;
  why: string;
}

const isPerUser = (p: Product) => p.unit === 'month' || /per user|licen[cs]e/i.test(`${p.name} ${p.category ?? ''}`);

export function draftQuoteOffline(facts: CompanyFacts): QuoteDraft {
  const requirements = facts.requirements?.trim() ?? '';
  const catalog = facts.catalog ?? { currency: 'GBP', products: [], roles: [], truncated: false };
  const clauses = clausesOf(requirements);
  const headcount = clauses.flatMap((c) => c.figures).find((f) => PEOPLE.has(f.of));
  const users = headcount ? quantityOf(headcount.value) : Math.max(5, facts.contacts.length * 5);

  const picks: Pick[] = [];
  const roles: { role: Role; days: number; why: string }[] = [];
  const custom: Line[] = [];
  const taken = new Set<string>();
  for (const clause of clauses) {
    // "2 sites" says where, not what: measures never pick a product.
    const asked = expand(clause.terms.filter((t) => !MEASURES.has(t)));
    const role = catalog.roles.find((r) => termsOf(r.role).every((t) => asked.has(t)));
    if (role) {
      const days = quantityOf(clause.figures.find((f) => f.of === 'day')?.value ?? 1);
      roles.push({ role, days, why: `Requirements ask for ${quoted(clause.text)}` });
      continue;
    }
    const scored = catalog.products
      .map((product) => ({ product, points: score(product, asked) }))
      .filter((s) => s.points > 0 && !taken.has(s.product.code));
    const best = Math.max(0, ...scored.map((s) => s.points));
    const options = scored
      .filter((s) => s.points === best)
      .map((s) => s.product)
      .sort((a, b) => a.unitPrice - b.unitPrice);
    if (options.length > 0) {
      options.forEach((p) => taken.add(p.code));
      // "Microsoft 365" is a name, not a quantity.
      const named = new Set(options.flatMap((p) => termsOf(p.name)));
      const count = countIn(clause, named);
      const quantity = count ? quantityOf(count.value) : options.every(isPerUser) ? users : 1;
      picks.push({ options, quantity, why: `Requirements ask for ${quoted(clause.text)}` });
      continue;
    }
    const content = clause.terms.filter((t) => !PEOPLE.has(t) && !MEASURES.has(t) && !/^\d/.test(t));
    // A short clause naming nothing we sell is a thing asked for; a long one is context.
    if (content.length > 0 && clause.text.split(/\s+/).length <= 6 && !clause.figures.some((f) => PEOPLE.has(f.of))) {
      custom.push({
        kind: 'custom',
        reference: '',
        description: sentence(
          clause.text.replace(/^(a|an|the|some)?\s*\d+(?:\.\d+)?\s*(x\s+)?/i, '').trim() || clause.text,
        ),
        quantity: quantityOf(countIn(clause)?.value ?? 1),
        section: '',
        rationale: `Requirements ask for ${quoted(clause.text)}; nothing in the catalog matches it`,
      });
    }
  }
  if (picks.length === 0 && roles.length === 0 && custom.length === 0) {
    custom.push({
      kind: 'custom',
      reference: '',
      description: requirements ? sentence(clip(requirements, 200)) : 'Work to be agreed',
      quantity: 1,
      section: '',
      rationale: 'Nothing in the requirements matches the catalog or the rate card',
    });
  }

  const productLine = (p: Pick, which: 'cheapest' | 'middle' | 'dearest'): Line => {
    const last = p.options.length - 1;
    const index = which === 'cheapest' ? 0 : which === 'dearest' ? last : Math.floor(last / 2);
    const product = p.options[index]!;
    const label = index === 0 ? 'the cheapest' : index === last ? 'the dearest' : 'in the middle';
    return {
      kind: 'product',
      reference: product.code,
      description: product.name,
      quantity: p.quantity,
      section: product.category ?? '',
      rationale: p.options.length > 1 ? `${p.why}; ${p.options.length} catalog items fit, this is ${label}` : p.why,
    };
  };
  const roleLine = (role: Role, days: number, why: string): Line => ({
    kind: 'day_rate',
    reference: roleReference(role),
    description: `${role.role} (${days === 1 ? '1 day' : `${days} days`})`,
    quantity: days,
    section: 'Services',
    rationale: why,
  });
  const hardwareUnits = picks.filter((p) => !p.options.every(isPerUser)).reduce((n, p) => n + p.quantity, 0);
  const engineer = catalog.roles.find((r) => /engineer/i.test(r.role));
  const manager = catalog.roles.find((r) => /project manager/i.test(r.role));
  const installDays = Math.max(1, Math.ceil(hardwareUnits / 10));
  const asked = roles.map((r) => roleLine(r.role, r.days, r.why));
  const installation =
    asked.length === 0 && engineer && hardwareUnits > 0
      ? [
          roleLine(
            engineer,
            installDays,
            `${hardwareUnits === 1 ? '1 item' : `${hardwareUnits} items`} to install, about 10 a day`,
          ),
        ]
      : [];
  const labourDays = [...asked, ...installation].reduce((n, l) => n + l.quantity, 0);
  const management =
    manager && !roles.some((r) => r.role === manager) && labourDays > 0
      ? [roleLine(manager, Math.max(1, Math.ceil(labourDays / 3)), `${labourDays} days of work to plan and run`)]
      : [];

  const good = [...picks.map((p) => productLine(p, 'cheapest')), ...asked, ...custom];
  const better = [...picks.map((p) => productLine(p, 'middle')), ...asked, ...installation, ...custom];
  const best = [...picks.map((p) => productLine(p, 'dearest')), ...asked, ...installation, ...management, ...custom];
  const three =
    facts.tiers === 3 || (facts.tiers === undefined && (picks.length + roles.length > 1 || installation.length > 0));
  const tiers: QuoteDraft['tiers'] = three
    ? [
        { name: 'Good', summary: 'What was asked for, at the lowest cost', lines: good },
        { name: 'Better', summary: 'As Good, installed and set up by our engineers', lines: better },
        { name: 'Best', summary: 'The complete option, project-managed from start to finish', lines: best },
      ]
    : [{ name: 'Proposal', summary: 'What was asked for, installed and set up', lines: better }];

  const named = [...picks.map((p) => p.options[0]!.name), ...roles.map((r) => r.role.role)];
  const kinds = [
    ...new Set([
      ...picks.map((p) => (p.options[0]!.category ?? p.options[0]!.name).toLowerCase()),
      ...(roles.length + installation.length > 0 ? ['services'] : []),
    ]),
  ];
  const perUser = picks.some((p) => p.quantity === users && p.options.every(isPerUser));
  const assumptions = [
    ...(perUser
      ? [
          headcount
            ? `Quantities assume ${users} users, as stated.`
            : `Quantities assume ${users} users; the requirements did not say how many.`,
        ]
      : []),
    'Work is done on site during business hours (08:00–18:00, Monday to Friday).',
    'Prices are the catalog’s at the date of the quote, before any discount the seller adds.',
  ];
  const risks: QuoteDraft['risks'] = [];
  if (custom.length > 0)
    risks.push({
      risk:
        custom.length === 1
          ? 'One line is not in the catalog and has no price yet'
          : `${custom.length} lines are not in the catalog and have no price yet`,
      mitigation: 'The seller prices them before the quote is sent',
    });
  if (hardwareUnits > 0)
    risks.push({
      risk: 'Hardware prices and lead times can change before the order',
      mitigation: 'Hardware is ordered on acceptance; the validity date bounds the prices',
    });
  if (catalog.truncated)
    risks.push({
      risk: 'The catalog is larger than the draft could consider',
      mitigation: 'Check the catalog for a closer match before sending',
    });
  return {
    title: `${facts.company.name}: ${kinds.length ? listOf(kinds) : 'proposal'}`,
    scope: `Supply${roles.length + installation.length ? ', installation' : ''} and set-up for ${facts.company.name} of ${named.length ? listOf(named) : 'the work described'}${custom.length ? `, plus ${custom.length} item${custom.length === 1 ? '' : 's'} to be priced` : ''}. Anything not listed is out of scope.`,
    tiers,
    assumptions,
    risks,
  };
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const quoted = (s: string) => `“${clip(s, 80)}”`;
const listOf = (items: string[]) =>
  items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
