// Assessment → CDS Hooks card (CDS Hooks 2.0 "CDS Service Response").
//
// Indicator rules (documented here and in the card's own words; never `critical`, because the
// service offers estimates and published evidence, not safety stops):
//   warning — at ordering time, when the evidence items describe omitting ALND for this
//             patient's situation: isolated tumour cells only, sentinel micrometastases
//             (IBCSG 23-01), or 1–2 macrometastases with every Z0011/NCCN criterion met and no
//             ASCO caution present; and in any hook when sources disagree on an input a model
//             needs (the estimate is then withheld and the inputs need review).
//   info    — everything else, including every patient-view card without such a conflict.
import { randomUUID } from 'node:crypto';
import type { Assessment } from '../models/evaluate.ts';
import type { EvidenceItem } from '../models/evidence.ts';
import type { ModelResult } from '../models/result.ts';
import type { Coding } from './config.ts';
import { neededInputs, renderDetail } from './markdown.ts';
import { prune } from './prune.ts';
import type { HookName } from './request-schema.ts';
import { percentOf } from './wording.ts';

export const SUMMARY_MAX = 140;

export interface Card {
  uuid: string;
  summary: string;
  detail: string;
  indicator: 'info' | 'warning' | 'critical';
  source: { label: string; url?: string; topic?: Coding };
  links?: { label: string; url: string; type: 'absolute' | 'smart'; appContext?: string }[];
}

export interface CardContext {
  hook: HookName;
  hookInstance: string;
  /** The ALND orders that triggered an order hook. */
  orders?: string[];
  source: { label: string; url: string; topic: Coding };
  appLaunchUrl: string;
}

const SHORT_NAMES: Record<string, string> = {
  'mskcc-nsn': 'MSKCC',
  'mskcc-nsn-nofs': 'MSKCC without frozen section',
  'dbcg-micro': 'DBCG',
  'dbcg-itc': 'DBCG',
  'sysu-pn2': 'Sun Yat-sen',
};

// What a relative-odds model counts, short enough for the summary line.
const SHORT_OUTCOMES: Record<string, string> = { 'sysu-pn2': '≥4 involved nodes' };

function shortName(m: ModelResult): string {
  // Local model titles can be long; keep the number and the "local" label inside the summary.
  const title = [...(SHORT_NAMES[m.id] ?? m.title)];
  const name = title.length > 50 ? `${title.slice(0, 49).join('').trimEnd()}…` : title.join('');
  return m.locallyConfigured ? `${name}, local model` : name;
}

/** The headline: the first computed result in registry order, a number or range first. */
export function headline(a: Assessment): string {
  const models = a.models;
  const estimate = models.find((m) => m.result === 'probability' || m.result === 'range');
  if (estimate?.result === 'probability' || estimate?.result === 'range') {
    return `Further axillary node risk ${estimate.display} (${shortName(estimate)})`;
  }
  for (const m of models) {
    if (m.result !== 'relative-odds') continue;
    const rate = m.observedRates[0];
    if (rate) return `${SHORT_OUTCOMES[m.id] ?? rate.outcome}: observed ${percentOf(rate.rate)} with ${rate.label} (${shortName(m)})`;
  }
  for (const m of models) {
    if (m.result !== 'risk-factors') continue;
    const count = (status: string) => m.factors.filter((f) => f.status === status).length;
    return `${shortName(m)}: ${count('present')} present, ${count('absent')} absent, ${count('no-cutoff')} without a published cut-off`;
  }
  if (a.evidence.some((e) => e.id === 'neoadjuvant')) return 'Nodal risk models do not apply after neoadjuvant therapy';
  const { missing, conflicts } = neededInputs(a);
  if (conflicts.length > 0) return 'Nodal risk withheld: sources disagree on inputs';
  if (missing.length > 0) return `Nodal risk not computed: ${missing.length} input${missing.length === 1 ? '' : 's'} missing`;
  return 'No nodal risk model applies to this patient';
}

function z0011AllMet(e: EvidenceItem): boolean {
  return (e.checklist ?? []).every((c) => c.status === 'met') && !(e.cautions ?? []).some((c) => c.status === 'met');
}

/** The evidence tag after the headline, most specific situation first. */
export function evidenceTag(a: Assessment): string | undefined {
  const ids = new Map(a.evidence.map((e) => [e.id, e]));
  if (ids.has('itc')) return 'ITC only: pN0(i+), ALND not indicated by staging';
  if (ids.has('ibcsg-23-01')) return 'micrometastasis: IBCSG 23-01 applies';
  const z0011 = ids.get('z0011');
  if (z0011 && z0011AllMet(z0011)) return 'Z0011 criteria met';
  if (z0011 && !(z0011.checklist ?? []).some((c) => c.status === 'not-met')) return 'Z0011 may apply: check criteria';
  if (ids.has('senomac')) return 'SENOMAC applies';
  if (ids.has('three-or-more')) return '≥3 positive sentinel nodes: outside Z0011/SENOMAC';
  return undefined;
}

/** Summary ≤ 140 characters: headline · evidence tag, dropping the tag before cutting words. */
export function summary(a: Assessment): string {
  const head = headline(a);
  const tag = evidenceTag(a);
  const full = tag ? `${head} · ${tag}` : head;
  if ([...full].length <= SUMMARY_MAX) return full;
  if ([...head].length <= SUMMARY_MAX) return head;
  return `${[...head].slice(0, SUMMARY_MAX - 1).join('')}…`;
}

export function indicator(a: Assessment, hook: HookName): Card['indicator'] {
  if (neededInputs(a).conflicts.length > 0) return 'warning';
  if (hook === 'patient-view') return 'info';
  const ids = new Map(a.evidence.map((e) => [e.id, e]));
  const z0011 = ids.get('z0011');
  const omission = ids.has('itc') || ids.has('ibcsg-23-01') || (z0011 !== undefined && z0011AllMet(z0011));
  return omission ? 'warning' : 'info';
}

/** The part of a card that depends only on the assessment and the hook (cacheable). */
export type CardContent = Pick<Card, 'summary' | 'detail' | 'indicator'>;

export function cardContent(a: Assessment, hook: HookName): CardContent {
  return { summary: summary(a), detail: renderDetail(a), indicator: indicator(a, hook) };
}

/** A card for one response: fresh uuid, source and the SMART link carrying this call's context. */
export function finishCard(content: CardContent, ctx: CardContext): Card {
  const appContext = JSON.stringify({ source: 'cds-hooks', hook: ctx.hook, hookInstance: ctx.hookInstance, orders: ctx.orders });
  return prune({
    uuid: randomUUID(),
    ...content,
    source: ctx.source,
    links: [{ label: 'Open Nodal Risk', url: ctx.appLaunchUrl, type: 'smart', appContext }],
  } satisfies Card);
}

export function renderCard(a: Assessment, ctx: CardContext): Card {
  return finishCard(cardContent(a, ctx.hook), ctx);
}
