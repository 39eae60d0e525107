import type { CompanyFacts } from './facts.js';
import type { PromptCategory } from '../shared/enums.js';
import type { AiAnswer, AiProvider, AiTask } from './provider.js';
import { AiOutputInvalidError } from './provider.js';
import type { CompanyAnalysis, LeadScoring, OutputOf, ScoreFactor } from './schemas.js';
import { withArticle } from '../shared/wording.js';
import { draftQuoteOffline } from './offline-quote-draft.js';

export const OFFLINE_MODEL = 'offline-rules-1';

const DAY = 86_400_000;
const ageInDays = (iso: string, asOf: string) => Math.max(0, Math.floor((Date.parse(asOf) - Date.parse(iso)) / DAY));
const quote = (s: string, n = 90) => `“${s.length > n ? `${s.slice(0, n - 1)}…` : s}”`;

/** Phrases in facts and activities that suggest a reason to buy, with what to offer. */
const BUYING_SIGNALS: { pattern: RegExp; title: string; offer: string }[] = [
  {
    pattern: /windows 10|end of (life|support)|eol|legacy|old (servers?|laptops?|kit|hardware)/i,
    title: 'Ageing estate to replace',
    offer: 'a device refresh or migration project',
  },
  {
    pattern: /office move|new office|relocat|moving (premises|office)/i,
    title: 'Office move',
    offer: 'cabling, Wi-Fi and a move plan',
  },
  {
    pattern: /hiring|grow(ing|th)|expan|new site|opening|headcount|recruit/i,
    title: 'Growth',
    offer: 'onboarding, licences and devices for new starters',
  },
  {
    pattern: /backup|ransomware|breach|phishing|cyber|security|incident|essentials/i,
    title: 'Security concern',
    offer: 'a security review and Cyber Essentials',
  },
  {
    pattern: /cloud|microsoft 365|m365|office 365|azure|migrat/i,
    title: 'Cloud move',
    offer: 'a Microsoft 365 / cloud migration',
  },
  {
    pattern: /renewal|contract (ends|expires|up)|tender|rfp|review (of )?(their|the) (it|supplier)/i,
    title: 'Contract window',
    offer: 'a proposal timed to their renewal',
  },
  {
    pattern: /budget|approved|sign[- ]?off|purchase order|\bpo\b/i,
    title: 'Budget in play',
    offer: 'a costed proposal while budget is open',
  },
  {
    pattern: /unhappy|frustrat|complain|slow (support|response)|poor service/i,
    title: 'Unhappy with current supplier',
    offer: 'a service comparison and a trial of our support',
  },
];

const RISK_SIGNALS: { pattern: RegExp; title: string }[] = [
  { pattern: /cancel|terminate|leaving|churn|switch(ing)? supplier/i, title: 'Talk of leaving' },
  { pattern: /complain|unhappy|escalat|outage|downtime/i, title: 'Service complaints' },
  { pattern: /late pay|overdue invoice|credit hold|cash ?flow/i, title: 'Payment concerns' },
  { pattern: /freeze|no budget|cut(ting)? costs|redundanc/i, title: 'Budget pressure' },
];

/** Names mentioned as suppliers: "current provider is X", "incumbent: X", "uses X for IT", "competitor X". */
const COMPETITOR_PATTERNS = [
  /(?:[Ii]ncumbent|[Cc]urrent (?:(?:IT|it) )?(?:provider|supplier|MSP|msp)|[Cc]ompetitor|[Cc]ompeting with|against)\s*(?:is|:|-)?\s*([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})/,
  /(?:uses|with|from|quote from)\s+([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})\s+(?:for (?:their )?(?:it|support|backup|security|hardware)|as (?:their )?(?:msp|supplier|provider))/,
];

interface Signal {
  text: string;
  source: string;
}

/** Every piece of free text we know, labelled with where it came from (used as evidence). */
function textsOf(facts: CompanyFacts): Signal[] {
  return [
    ...facts.company.knownFacts.map((f) => ({ text: f, source: `Known fact ${quote(f)}` })),
    ...facts.activities.map((a) => ({
      text: `${a.subject} ${a.body ?? ''}`,
      source: `${a.type} on ${a.occurredAt.slice(0, 10)}: ${quote(a.subject, 60)}`,
    })),
  ];
}

function contactsSummary(facts: CompanyFacts) {
  const deciders = facts.contacts.filter((c) => c.role === 'decision_maker');
  const reachable = facts.contacts.filter((c) => c.hasEmail || c.hasPhone);
  return { deciders, reachable };
}

function recency(facts: CompanyFacts) {
  const last = facts.activities[0];
  const days = last ? ageInDays(last.occurredAt, facts.asOf) : undefined;
  const recent30 = facts.activities.filter((a) => ageInDays(a.occurredAt, facts.asOf) <= 30);
  const meetings = facts.activities.filter((a) => a.type === 'meeting');
  return { last, days, recent30, meetings };
}

const lastActivityEvidence = (facts: CompanyFacts) => {
  const { last, days } = recency(facts);
  return last
    ? `Last activity ${days} days ago: ${last.type} ${quote(last.subject, 60)}`
    : 'No activity has been logged';
};

function competitorsOf(facts: CompanyFacts): CompanyAnalysis['competitors'] {
  const found = new Map<string, CompanyAnalysis['competitors'][number]>();
  for (const { text, source } of textsOf(facts)) {
    for (const pattern of COMPETITOR_PATTERNS) {
      const name = pattern.exec(text)?.[1]?.trim();
      if (name && name.length > 1 && !found.has(name.toLowerCase()) && name !== facts.company.name) {
        found.set(name.toLowerCase(), { name, detail: `Named as a current or competing supplier.`, evidence: source });
      }
    }
  }
  return [...found.values()].slice(0, 6);
}

function companiesHouseFindings(facts: CompanyFacts) {
  const ch = facts.companiesHouse;
  const risks: CompanyAnalysis['risks'] = [];
  const opportunities: CompanyAnalysis['opportunities'] = [];
  if (!ch) return { risks, opportunities };
  const status = `Companies House status: ${ch.status}`;
  if (ch.status !== 'active')
    risks.push({
      title: `Company is ${ch.status}`,
      detail: 'The company is not trading as an active company; do not extend credit.',
      evidence: status,
    });
  if (ch.hasInsolvencyHistory)
    risks.push({
      title: 'Insolvency history',
      detail: 'Check credit before quoting on account terms.',
      evidence: 'Companies House: has insolvency history',
    });
  if (ch.accountsOverdue)
    risks.push({
      title: 'Accounts overdue',
      detail: 'Late filing can signal financial or administrative strain; ask for payment up front or a deposit.',
      evidence: 'Companies House: accounts overdue',
    });
  if (ch.confirmationStatementOverdue)
    risks.push({
      title: 'Confirmation statement overdue',
      detail: 'Minor on its own, but worth noting with other signals.',
      evidence: 'Companies House: confirmation statement overdue',
    });
  const newOfficers = ch.officers.filter(
    (o) => !o.resignedOn && o.appointedOn && ageInDays(o.appointedOn, facts.asOf) <= 365,
  );
  for (const o of newOfficers.slice(0, 2)) {
    opportunities.push({
      title: `New ${o.role.replace(/-/g, ' ')}: ${o.name}`,
      detail: 'New leaders often review suppliers in their first year; introduce yourself.',
      evidence: `Companies House: ${o.name} appointed ${o.appointedOn}`,
    });
  }
  return { risks, opportunities };
}

/** Summary, opportunities, risks, competitors and next actions from the facts alone. */
export function analyseCompany(facts: CompanyFacts): CompanyAnalysis {
  const { company } = facts;
  const texts = textsOf(facts);
  const { deciders, reachable } = contactsSummary(facts);
  const { last, days, recent30, meetings } = recency(facts);
  const ch = companiesHouseFindings(facts);

  const opportunities: CompanyAnalysis['opportunities'] = [];
  for (const signal of BUYING_SIGNALS) {
    const hit = texts.find((t) => signal.pattern.test(t.text));
    if (hit) opportunities.push({ title: signal.title, detail: `Offer ${signal.offer}.`, evidence: hit.source });
  }
  opportunities.push(...ch.opportunities);
  if (company.stage === 'customer' && facts.contacts.length > 0 && !texts.some((t) => /review|qbr/i.test(t.text))) {
    opportunities.push({
      title: 'Account review',
      detail: 'No service review is on record; one often uncovers add-on work.',
      evidence: `Stage is customer; no activity mentions a review`,
    });
  }

  const risks: CompanyAnalysis['risks'] = [];
  for (const signal of RISK_SIGNALS) {
    const hit = texts.find((t) => signal.pattern.test(t.text));
    if (hit) risks.push({ title: signal.title, detail: 'Raise it directly on the next call.', evidence: hit.source });
  }
  risks.push(...ch.risks);
  if (deciders.length === 0) {
    risks.push({
      title: 'No decision maker known',
      detail: 'Nobody on record can sign off a purchase.',
      evidence: facts.contacts.length
        ? `${facts.contacts.length} contact(s), none marked decision maker`
        : 'No contacts recorded',
    });
  }
  if (days === undefined || days > 60) {
    risks.push({
      title: 'Gone quiet',
      detail: 'Interest cools without contact; re-engage with something useful.',
      evidence: lastActivityEvidence(facts),
    });
  }
  if (facts.contacts.length === 1)
    risks.push({
      title: 'Single point of contact',
      detail: 'If this person leaves, the relationship goes with them.',
      evidence: `Only contact: ${facts.contacts[0]!.name}`,
    });

  const competitors = competitorsOf(facts);

  const nextActions: CompanyAnalysis['nextActions'] = [];
  if (deciders.length === 0) {
    nextActions.push({
      action: 'Find and add the decision maker',
      reason: 'Quotes stall without someone who can sign.',
      evidence: risks.find((r) => r.title === 'No decision maker known')!.evidence,
    });
  }
  if (days === undefined || days > 30) {
    nextActions.push({
      action: opportunities[0]
        ? `Call about ${opportunities[0].title.toLowerCase()}`
        : 'Call to re-open the conversation',
      reason:
        days === undefined ? 'There has been no contact yet.' : `It has been ${days} days since the last contact.`,
      evidence: opportunities[0]?.evidence ?? lastActivityEvidence(facts),
    });
  }
  if ((company.stage === 'opportunity' || company.stage === 'prospect') && opportunities.length > 0) {
    nextActions.push({
      action: `Send a proposal: ${opportunities[0]!.detail.replace(/^Offer /, '').replace(/\.$/, '')}`,
      reason: `The company is ${withArticle(company.stage)} with a clear need.`,
      evidence: opportunities[0]!.evidence,
    });
  }
  if (competitors.length === 0 && company.stage !== 'customer') {
    nextActions.push({
      action: 'Ask who supports them today',
      reason: 'Knowing the incumbent shapes the pitch and the price.',
      evidence: 'No fact or activity names a current supplier',
    });
  }
  if (!company.companyNumber && company.stage !== 'discovery') {
    nextActions.push({
      action: 'Add the Companies House number',
      reason: 'It unlocks directors, filings and financial checks.',
      evidence: 'The company has no company number on record',
    });
  }
  if (nextActions.length === 0) {
    nextActions.push({
      action: 'Book the next check-in',
      reason: 'Keep the momentum of recent contact.',
      evidence: lastActivityEvidence(facts),
    });
  }

  const parts = [
    `${company.name} is ${withArticle(company.stage)}${company.industry ? ` in ${company.industry}` : ''}${facts.companiesHouse ? ` (${facts.companiesHouse.status} at Companies House${facts.companiesHouse.incorporatedOn ? `, incorporated ${facts.companiesHouse.incorporatedOn.slice(0, 4)}` : ''})` : ''}.`,
    facts.contacts.length
      ? `We know ${facts.contacts.length} contact${facts.contacts.length > 1 ? 's' : ''}${deciders.length ? `, including ${deciders.map((d) => d.name).join(' and ')} who can decide` : ', none of them a decision maker'}; ${reachable.length} reachable by email or phone.`
      : 'We have no contacts there yet.',
    last
      ? `The last contact was ${days} days ago (${last.type}: ${quote(last.subject, 60)}), with ${recent30.length} activit${recent30.length === 1 ? 'y' : 'ies'} in the last 30 days and ${meetings.length} meeting${meetings.length === 1 ? '' : 's'} overall.`
      : 'Nothing has been logged yet.',
    opportunities.length
      ? `Strongest opening: ${opportunities[0]!.title.toLowerCase()}.`
      : 'No buying signal is recorded yet.',
    risks.length ? `Main risk: ${risks[0]!.title.toLowerCase()}.` : '',
  ];
  return {
    summary: parts.filter(Boolean).join(' '),
    opportunities: opportunities.slice(0, 6),
    risks: risks.slice(0, 6),
    competitors,
    nextActions: nextActions.slice(0, 6).map(({ action, reason, evidence }) => ({ action, reason, evidence })),
  };
}

const STAGE_BASE: Record<CompanyFacts['company']['stage'], number> = {
  discovery: 20,
  lead: 30,
  prospect: 40,
  opportunity: 55,
  customer: 50,
  lost: 10,
};

const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)));

function total(base: { label: string; value: number; evidence: string }, factors: ScoreFactor[]) {
  const all = [
    { label: base.label, impact: Math.max(-50, Math.min(50, base.value)), evidence: base.evidence },
    ...factors,
  ].slice(0, 10);
  return { score: clamp(base.value + factors.reduce((s, f) => s + f.impact, 0)), factors: all };
}

/** Lead score (likelihood to buy soon) and health score, each with the factors that moved it. */
export function scoreCompany(facts: CompanyFacts): LeadScoring {
  const { company } = facts;
  const texts = textsOf(facts);
  const { deciders, reachable } = contactsSummary(facts);
  const { days, recent30, meetings } = recency(facts);
  const ch = facts.companiesHouse;

  const lead: ScoreFactor[] = [];
  if (deciders.length)
    lead.push({
      label: 'Decision maker known',
      impact: 10,
      evidence: `${deciders[0]!.name}${deciders[0]!.jobTitle ? `, ${deciders[0]!.jobTitle}` : ''}`,
    });
  else
    lead.push({
      label: 'No decision maker',
      impact: -10,
      evidence: facts.contacts.length ? 'No contact is marked decision maker' : 'No contacts recorded',
    });
  if (days !== undefined && days <= 14)
    lead.push({ label: 'Recent contact', impact: 10, evidence: lastActivityEvidence(facts) });
  else if (days !== undefined && days <= 45)
    lead.push({ label: 'Contact this quarter', impact: 4, evidence: lastActivityEvidence(facts) });
  else lead.push({ label: 'No recent contact', impact: -10, evidence: lastActivityEvidence(facts) });
  if (meetings.length)
    lead.push({
      label: 'Meetings held',
      impact: Math.min(10, meetings.length * 4),
      evidence: `${meetings.length} meeting(s), latest ${quote(meetings[0]!.subject, 60)}`,
    });
  const signals = BUYING_SIGNALS.map((s) => ({ s, hit: texts.find((t) => s.pattern.test(t.text)) })).filter(
    (x) => x.hit,
  );
  for (const { s, hit } of signals.slice(0, 3))
    lead.push({ label: `Buying signal: ${s.title.toLowerCase()}`, impact: 6, evidence: hit!.source });
  if (ch && ch.status !== 'active')
    lead.push({ label: `Company ${ch.status}`, impact: -40, evidence: `Companies House status: ${ch.status}` });
  const leadScore = total(
    {
      label: `Stage: ${company.stage}`,
      value: STAGE_BASE[company.stage],
      evidence: `Company stage is ${company.stage}`,
    },
    lead,
  );

  const health: ScoreFactor[] = [];
  if (recent30.length >= 2)
    health.push({
      label: 'Active relationship',
      impact: 12,
      evidence: `${recent30.length} activities in the last 30 days`,
    });
  else if (recent30.length === 1)
    health.push({ label: 'In touch this month', impact: 5, evidence: lastActivityEvidence(facts) });
  else if (days === undefined || days > 90)
    health.push({ label: 'Relationship cold', impact: -15, evidence: lastActivityEvidence(facts) });
  else health.push({ label: 'Quiet lately', impact: -5, evidence: lastActivityEvidence(facts) });
  if (deciders.length)
    health.push({ label: 'Decision maker on record', impact: 5, evidence: deciders.map((d) => d.name).join(', ') });
  else if (facts.contacts.length)
    health.push({
      label: 'No decision maker on record',
      impact: -5,
      evidence: `${facts.contacts.length} contact(s), none marked decision maker`,
    });
  if (facts.contacts.length >= 3)
    health.push({
      label: 'Several contacts',
      impact: 8,
      evidence: `${facts.contacts.length} contacts, ${reachable.length} reachable`,
    });
  else if (facts.contacts.length <= 1)
    health.push({
      label: 'Thin contact coverage',
      impact: -8,
      evidence: facts.contacts.length ? `Only ${facts.contacts[0]!.name}` : 'No contacts recorded',
    });
  const risk = RISK_SIGNALS.map((s) => ({ s, hit: texts.find((t) => s.pattern.test(t.text)) })).filter((x) => x.hit);
  for (const { s, hit } of risk.slice(0, 3)) health.push({ label: s.title, impact: -10, evidence: hit!.source });
  if (ch) {
    if (ch.status !== 'active')
      health.push({ label: `Company ${ch.status}`, impact: -40, evidence: `Companies House status: ${ch.status}` });
    if (ch.accountsOverdue)
      health.push({ label: 'Accounts overdue', impact: -10, evidence: 'Companies House: accounts overdue' });
    if (ch.hasInsolvencyHistory)
      health.push({ label: 'Insolvency history', impact: -15, evidence: 'Companies House: has insolvency history' });
    if (ch.status === 'active' && !ch.accountsOverdue && !ch.hasInsolvencyHistory)
      health.push({
        label: 'Filings in order',
        impact: 5,
        evidence: `Companies House: active${ch.lastAccountsMadeUpTo ? `, accounts made up to ${ch.lastAccountsMadeUpTo}` : ''}`,
      });
  }
  const healthBase = company.stage === 'lost' ? 25 : 50;
  const healthScore = total(
    {
      label: 'Baseline',
      value: healthBase,
      evidence: company.stage === 'lost' ? 'The company is marked lost' : 'Every company starts at 50',
    },
    health,
  );
  return { leadScore, healthScore };
}

function emailCopy(facts: CompanyFacts): OutputOf<'email_copy'> {
  const analysis = analyseCompany(facts);
  const contact = facts.contacts.find((c) => c.role === 'decision_maker') ?? facts.contacts[0];
  const hook = analysis.opportunities[0];
  const first = contact?.name.split(' ')[0] ?? 'there';
  return {
    subject: hook ? `${hook.title} at ${facts.company.name}` : `Quick question for ${facts.company.name}`,
    body: [
      `Hi ${first},`,
      '',
      hook
        ? `You mentioned ${hook.title.toLowerCase()} — ${hook.detail.charAt(0).toLowerCase()}${hook.detail.slice(1)}`
        : `I'd like to understand how IT is working for ${facts.company.name} today.`,
      facts.requirements ? `I'm writing about: ${facts.requirements}.` : '',
      'Would a 20-minute call next week be useful?',
      '',
      'Best regards',
    ]
      .filter((l, i, all) => l !== '' || all[i - 1] !== '')
      .join('\n'),
    rationale: hook
      ? `Leads with the strongest opening (${hook.evidence}).`
      : 'No buying signal on record, so the email asks an open question.',
  };
}

function financialAnalysis(facts: CompanyFacts): OutputOf<'financial_analysis'> {
  const ch = facts.companiesHouse;
  if (!ch) {
    return {
      summary:
        'No Companies House data is available: add the company number (and a Companies House key in the admin console) to assess financial standing.',
      indicators: [],
    };
  }
  const indicators: OutputOf<'financial_analysis'>['indicators'] = [
    {
      label: 'Status',
      assessment: ch.status === 'active' ? 'good' : 'concern',
      evidence: `Companies House status: ${ch.status}`,
    },
    {
      label: 'Accounts',
      assessment: ch.accountsOverdue ? 'concern' : 'good',
      evidence: ch.accountsOverdue
        ? 'Accounts overdue'
        : `Accounts up to date${ch.lastAccountsMadeUpTo ? ` (made up to ${ch.lastAccountsMadeUpTo})` : ''}`,
    },
    {
      label: 'Insolvency',
      assessment: ch.hasInsolvencyHistory ? 'concern' : 'good',
      evidence: ch.hasInsolvencyHistory ? 'Has insolvency history' : 'No insolvency history',
    },
    {
      label: 'Charges',
      assessment: ch.hasCharges ? 'watch' : 'good',
      evidence: ch.hasCharges ? 'Has registered charges (secured lending)' : 'No charges registered',
    },
  ];
  if (ch.incorporatedOn) {
    const years = Math.floor(ageInDays(ch.incorporatedOn, facts.asOf) / 365);
    indicators.push({
      label: 'Trading history',
      assessment: years >= 3 ? 'good' : 'watch',
      evidence: `Incorporated ${ch.incorporatedOn} (${years} years)`,
    });
  }
  const concerns = indicators.filter((i) => i.assessment === 'concern').length;
  return {
    summary: concerns
      ? `${concerns} concern(s) on the public record; agree payment terms before work starts.`
      : 'The public record shows no financial warning signs.',
    indicators,
  };
}

const OFFLINE: { [C in PromptCategory]: (facts: CompanyFacts) => OutputOf<C> } = {
  company_analysis: analyseCompany,
  lead_scoring: scoreCompany,
  competitor_analysis: (facts) => {
    const competitors = competitorsOf(facts);
    return {
      competitors,
      positioning: competitors.length
        ? `Ask what works and what does not with ${competitors.map((c) => c.name).join(' and ')}; compete on response times and a named engineer, not on price alone.`
        : 'No competitor is named in the record; ask who supports them today before pitching.',
    };
  },
  financial_analysis: financialAnalysis,
  quote_draft: draftQuoteOffline,
  email_copy: emailCopy,
};

/**
 * The default provider when no OpenAI key is configured: deterministic rules over the facts,
 * free, instant, and every finding cites the fact it came from. It ignores the prompt text.
 */
export const offlineProvider: AiProvider = {
  name: 'offline',
  async generate<T>(task: AiTask<T>): Promise<AiAnswer<T>> {
    const raw = OFFLINE[task.category](task.facts);
    const parsed = task.schema.safeParse(raw);
    if (!parsed.success) {
      throw new AiOutputInvalidError(
        'The offline analysis produced an unexpected shape',
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    return {
      output: parsed.data,
      usage: { inputTokens: 0, outputTokens: 0 },
      provider: 'offline',
      model: OFFLINE_MODEL,
    };
  },
};
