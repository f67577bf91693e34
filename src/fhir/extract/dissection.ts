// Is a pN staged on the completion axillary dissection? After an ALND the pN covers every node
// removed, so it is not the sentinel-node burden: a pN0 there does not say the sentinel nodes were
// negative, and a pN2a there is not the worst sentinel deposit. Read before the per-resource pass,
// so the pN handler can tell without waiting for the Procedure events.
import { PROCEDURE_SNOMED } from '../codes.ts';
import { codingsOf, conceptText } from './coding.ts';
import { ALND_PROCEDURE_WORDS, DONE_PROCEDURE, performedDate } from './procedure-reading.ts';
import { field, records, str, type Json } from '../../domain/json.ts';
import { isoDate, referenceOf, resourceRef } from '../fields.ts';

export interface DissectionContext {
  /** Completed ALND procedures. */
  procedures: Set<string>;
  /** Days (YYYY-MM-DD) of the ALND, when dated. */
  days: string[];
  /** Days of the sentinel node biopsy, when dated. */
  sentinelDays: string[];
  /** Specimens of the dissection: their words say so, or they were collected on an ALND day that is no sentinel day. */
  specimens: Set<string>;
}

// Specimens of a dissection are also named by their contents ("left axillary contents").
const ALND_WORDS = new RegExp(`${ALND_PROCEDURE_WORDS.source}|axillary contents|completion dissection`, 'i');
const SENTINEL_WORDS = /sentinel/i;

const day = (value: unknown): string | undefined => isoDate(value)?.slice(0, 10);

function procedureKind(p: Json): 'alnd' | 'sentinel' | undefined {
  const text = conceptText(p.code) ?? '';
  const codes = codingsOf(p.code).map((c) => (c.known === 'snomed' ? c.code : undefined));
  if (
    codes.includes(PROCEDURE_SNOMED.sentinelNodeBiopsy) ||
    codes.includes(PROCEDURE_SNOMED.sentinelNodeExcision) ||
    SENTINEL_WORDS.test(text)
  )
    return 'sentinel';
  if (codes.includes(PROCEDURE_SNOMED.axillaryDissection) || ALND_WORDS.test(text)) return 'alnd';
  return undefined;
}

function specimenWords(s: Json): string {
  return [conceptText(s.type), ...records(s.note).map((n) => str(n.text))].filter(Boolean).join(' ');
}

export function dissectionContext(resources: Json[]): DissectionContext {
  const ctx: DissectionContext = { procedures: new Set(), days: [], sentinelDays: [], specimens: new Set() };
  const specimens: Json[] = [];
  for (const r of resources) {
    if (r.resourceType === 'Specimen') specimens.push(r);
    if (r.resourceType !== 'Procedure' || !DONE_PROCEDURE.has(str(r.status) ?? '')) continue;
    const kind = procedureKind(r);
    const d = day(performedDate(r));
    if (kind === 'alnd') {
      ctx.procedures.add(resourceRef(r));
      if (d) ctx.days.push(d);
    } else if (kind === 'sentinel' && d) ctx.sentinelDays.push(d);
  }
  for (const s of specimens) {
    const words = specimenWords(s);
    if (SENTINEL_WORDS.test(words)) continue;
    const collected =
      day(field(s.collection, 'collectedDateTime')) ?? day(field(field(s.collection, 'collectedPeriod'), 'start'));
    const onAlndDay = !!collected && ctx.days.includes(collected) && !ctx.sentinelDays.includes(collected);
    if (ALND_WORDS.test(words) || onAlndDay) ctx.specimens.add(resourceRef(s));
  }
  return ctx;
}

/**
 * Why a result belongs to the dissection rather than the sentinel biopsy, or undefined when nothing
 * says so: part of an ALND procedure, on a dissection specimen, or dated after the sentinel biopsy
 * on or after the ALND day.
 */
export function stagedOnDissection(
  obs: Json,
  specimen: string | undefined,
  date: string | undefined,
  ctx: DissectionContext,
): string | undefined {
  if (ctx.procedures.size === 0) return undefined;
  const partOf = records(obs.partOf)
    .map(referenceOf)
    .find((ref) => ref && ctx.procedures.has(ref));
  if (partOf) return `part of the axillary dissection ${partOf}`;
  if (specimen && ctx.specimens.has(specimen)) return `on the dissection specimen ${specimen}`;
  const d = date?.slice(0, 10);
  if (!d || ctx.days.length === 0) return undefined;
  const alnd = [...ctx.days].sort()[0]!;
  const lastSentinel = [...ctx.sentinelDays].sort().pop();
  if (d >= alnd && (!lastSentinel || d > lastSentinel))
    return `dated ${d}, after the sentinel biopsy${lastSentinel ? ` of ${lastSentinel}` : ''} and on or after the axillary dissection of ${alnd}`;
  return undefined;
}
