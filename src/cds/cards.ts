// Assessment → CDS Hooks card (CDS Hooks 2.0 "CDS Service Response").
//
// Indicator rules (never `critical`: the service offers estimates and published evidence, not
// safety stops):
//   warning — at ordering time, when a trial relevant to the patient applies (every gating
//             criterion known and met), its results support omitting ALND or replacing it by
//             axillary radiotherapy, and its gating criteria bound both the clinical nodal status
//             and the number or burden of positive sentinel nodes (so AMAROS and OTOASOR, without
//             a published limit on positive nodes, never raise it).
//   info    — everything else, including every patient-view card.
import { randomUUID } from 'node:crypto';
import type { Assessment } from '../models/evaluate.ts';
import type { EvidenceEntry } from '../models/evidence/index.ts';
import type { ModelResult } from '../models/result.ts';
import type { Coding } from './config.ts';
import type { CdsCard } from './hooks-card.ts';
import { renderDetail } from './markdown.ts';
import { prune } from './prune.ts';
import type { HookName } from './request-schema.ts';
import { modelBottomLine, noModelReason } from './wording.ts';

/** CDS Hooks: a summary is a "<140-character" string. */
export const SUMMARY_MAX = 139;

/** The CDS Hooks card, with what this service always fills: an id and a detail. */
export type Card = CdsCard & Required<Pick<CdsCard, 'uuid' | 'detail'>>;

export interface CardContext {
  hook: HookName;
  hookInstance: string;
  /** The ALND orders that triggered an order hook. */
  orders?: string[];
  source: { label: string; url: string; topic: Coding };
  appLaunchUrl: string;
}

const HEADLINE_ORDER: ModelResult['result'][] = [
  'probability',
  'range',
  'relative-odds',
  'risk-factors',
  'not-computed',
];

/** The headline: the first model line by kind (a number or range first), else why there is none. */
export function headline(a: Assessment, opts: { short?: boolean } = {}): string {
  for (const kind of HEADLINE_ORDER) {
    const m = a.models.find((x) => x.result === kind);
    const line = m && modelBottomLine(m, opts);
    if (line) return line;
  }
  return noModelReason(a);
}

/** A trial whose applying raises the order-time warning (see the indicator rules above). */
export function canWarn(e: EvidenceEntry): boolean {
  return e.kind === 'trial' && e.boundsNodes && (e.basis === 'omission' || e.basis === 'axillary-rt');
}

function names(entries: EvidenceEntry[]): string {
  return entries.map((e) => e.short).join(', ');
}

/**
 * The evidence tag after the headline: the trials that raise the warning; else an omission trial
 * that applies; else the question that decides the trial closest to applying; else axillary RT.
 */
export function evidenceTag(a: Assessment): string | undefined {
  const trials = a.evidence.filter((e) => e.kind === 'trial');
  const warning = trials.filter((e) => canWarn(e) && e.applies === 'yes');
  if (warning.length > 0) return `${names(warning)} ${warning.length === 1 ? 'applies' : 'apply'}`;
  const omission = trials.find((e) => e.basis === 'omission' && e.applies === 'yes');
  if (omission) return `${omission.short} applies`;
  const open = trials
    .filter((e) => canWarn(e) && e.applies === 'unknown')
    .sort((x, y) => x.questions.length - y.questions.length)[0];
  if (open) {
    const more = open.questions.length > 1 ? ` (+${open.questions.length - 1} more)` : '';
    return `${open.short} unknown: ${open.questions[0] ?? ''}${more}`;
  }
  const radiotherapy = trials.find((e) => e.basis === 'axillary-rt' && e.applies === 'yes');
  if (radiotherapy) return `${radiotherapy.short} applies: axillary RT instead of ALND`;
  if (a.evidenceNotes.some((n) => n.id === 'definition-itc')) return 'ITC only: pN0(i+)';
  const outside = trials.filter((e) => e.basis === 'omission' && e.applies === 'no');
  return outside.length > 0 ? `outside ${names(outside)}` : undefined;
}

/** Summary under 140 characters: headline · evidence tag, shortening the headline, then dropping the tag, before cutting words. */
export function summary(a: Assessment): string {
  const head = headline(a);
  const tag = evidenceTag(a);
  const full = tag ? `${head} · ${tag}` : head;
  if ([...full].length <= SUMMARY_MAX) return full;
  // A range without what it depends on (the detail says it) keeps the evidence tag.
  const short = tag ? `${headline(a, { short: true })} · ${tag}` : '';
  if (short && [...short].length <= SUMMARY_MAX) return short;
  if ([...head].length <= SUMMARY_MAX) return head;
  return `${[...head].slice(0, SUMMARY_MAX - 1).join('')}…`;
}

export function indicator(a: Assessment, hook: HookName): Card['indicator'] {
  if (hook === 'patient-view') return 'info';
  return a.evidence.some((e) => canWarn(e) && e.applies === 'yes') ? 'warning' : 'info';
}

/** The part of a card that depends only on the assessment and the hook (cacheable). */
export type CardContent = Pick<Card, 'summary' | 'detail' | 'indicator'>;

export function cardContent(a: Assessment, hook: HookName): CardContent {
  return { summary: summary(a), detail: renderDetail(a), indicator: indicator(a, hook) };
}

const LINK_LABEL = 'Open Nodal Risk';

/** What the SMART link tells the app about this call. */
function appContextOf(ctx: Pick<CardContext, 'hook' | 'hookInstance' | 'orders'>): string {
  return JSON.stringify({ source: 'cds-hooks', hook: ctx.hook, hookInstance: ctx.hookInstance, orders: ctx.orders });
}

/** A card for one response: fresh uuid, source and the SMART link carrying this call's context. */
export function finishCard(content: CardContent, ctx: CardContext): Card {
  return prune({
    uuid: randomUUID(),
    ...content,
    source: ctx.source,
    links: [{ label: LINK_LABEL, url: ctx.appLaunchUrl, type: 'smart', appContext: appContextOf(ctx) }],
  } satisfies Card);
}

/**
 * A card's JSON text without the two members that differ per call (its uuid, first, and its
 * link's appContext, last): serialised once per assessment and hook instead of on every call.
 */
export interface CardText {
  content: CardContent;
  /** From the content's first member to the link's last fixed member, braces of the card and link open. */
  middle: string;
}

export function cardText(content: CardContent, ctx: Pick<CardContext, 'source' | 'appLaunchUrl'>): CardText {
  const fixed = JSON.stringify(
    prune({ ...content, source: ctx.source, links: [{ label: LINK_LABEL, url: ctx.appLaunchUrl, type: 'smart' }] }),
  );
  // `{…,"links":[{…}]}` less its opening brace and its closing `}]}`, which follow the appContext.
  return { content, middle: fixed.slice(1, -3) };
}

/** The text of JSON.stringify(finishCard(text.content, ctx)), with the uuid given or a fresh one. */
export function cardJson(
  text: CardText,
  ctx: Pick<CardContext, 'hook' | 'hookInstance' | 'orders'>,
  uuid: string = randomUUID(),
): string {
  return `{"uuid":${JSON.stringify(uuid)},${text.middle},"appContext":${JSON.stringify(appContextOf(ctx))}}]}`;
}

export function renderCard(a: Assessment, ctx: CardContext): Card {
  return finishCard(cardContent(a, ctx.hook), ctx);
}
