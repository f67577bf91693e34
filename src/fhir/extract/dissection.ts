// Is a pN (or a report) about the completion axillary dissection? After an ALND the pN covers every
// node removed, so it is not the sentinel-node burden: a pN0 there does not say the sentinel nodes
// were negative, and a pN2a there is not the worst sentinel deposit. Read before the per-resource
// pass, so the pN handler and the report reader can tell without waiting for the Procedure events.
import {
  axillaryProcedure,
  type AxillaryProcedure,
  DONE_PROCEDURE,
  isDissectionSpecimenByWords,
  performedDate,
  specimenWords,
} from './procedure-reading.ts';
import { SENTINEL_WORDS } from '../../report/axillary-words.ts';
import { field, str, type Json } from '../../domain/json.ts';
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

const day = (value: unknown): string | undefined => isoDate(value)?.slice(0, 10);

/** A done Procedure with the axillary operations its code names. */
export interface DoneProcedure {
  procedure: Json;
  kind: AxillaryProcedure;
}

export function dissectionContext(resources: Json[]): DissectionContext {
  const done: DoneProcedure[] = [];
  const specimens: Json[] = [];
  for (const r of resources) {
    if (r.resourceType === 'Specimen') specimens.push(r);
    else if (r.resourceType === 'Procedure' && DONE_PROCEDURE.has(str(r.status) ?? ''))
      done.push({ procedure: r, kind: axillaryProcedure(r) });
  }
  return dissectionContextOf(done, specimens);
}

/**
 * The context from the done Procedures, already read, and the Specimens, each in record order: for
 * a reader that sorted the resources and read the Procedures itself (validation outcomes).
 */
export function dissectionContextOf(done: readonly DoneProcedure[], specimens: readonly Json[]): DissectionContext {
  const ctx: DissectionContext = { procedures: new Set(), days: [], sentinelDays: [], specimens: new Set() };
  for (const { procedure, kind } of done) {
    const d = day(performedDate(procedure));
    // A combined "sentinel node biopsy with axillary dissection" is both: its day is a sentinel day.
    if (kind.dissection) {
      ctx.procedures.add(resourceRef(procedure));
      if (d) ctx.days.push(d);
    }
    if (kind.sentinel && d) ctx.sentinelDays.push(d);
  }
  for (const s of specimens) {
    if (isDissectionSpecimenByWords(s)) {
      ctx.specimens.add(resourceRef(s));
      continue;
    }
    const collected =
      day(field(s.collection, 'collectedDateTime')) ?? day(field(field(s.collection, 'collectedPeriod'), 'start'));
    const onAlndDay = !!collected && ctx.days.includes(collected) && !ctx.sentinelDays.includes(collected);
    if (onAlndDay && !SENTINEL_WORDS.test(specimenWords(s))) ctx.specimens.add(resourceRef(s));
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
  const partOf = dissectionPartOf(obs.partOf, ctx.procedures);
  if (partOf) return `part of the axillary dissection ${partOf}`;
  if (specimen && ctx.specimens.has(specimen)) return `on the dissection specimen ${specimen}`;
  return datedOnDissection(date, ctx);
}

/**
 * The first ALND procedure a result is part of. A loop over the field itself: an array of its
 * references (records(…).map(…)) is empty for most results and not for some, two shapes to V8, and
 * the rarer one made it re-optimise every caller (docs/validation.md "Speed").
 */
function dissectionPartOf(partOf: unknown, procedures: ReadonlySet<string>): string | undefined {
  if (!Array.isArray(partOf)) return undefined;
  for (const p of partOf) {
    const ref = referenceOf(p);
    if (ref && procedures.has(ref)) return ref;
  }
  return undefined;
}

/** Dated after the last sentinel biopsy and on or after the first ALND: the why, else undefined. */
function datedOnDissection(date: string | undefined, ctx: DissectionContext): string | undefined {
  const d = date?.slice(0, 10);
  if (!d || ctx.days.length === 0) return undefined;
  const alnd = extremeDay(ctx.days, -1)!;
  const lastSentinel = extremeDay(ctx.sentinelDays, 1);
  if (d >= alnd && (!lastSentinel || d > lastSentinel))
    return `dated ${d}, after the sentinel biopsy${lastSentinel ? ` of ${lastSentinel}` : ''} and on or after the axillary dissection of ${alnd}`;
  return undefined;
}

/** The earliest (-1) or latest (1) day, as sorting the days would give it, without a sorted copy. */
function extremeDay(days: readonly string[], direction: -1 | 1): string | undefined {
  let out: string | undefined;
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    if (out === undefined || (direction < 0 ? d < out : d > out)) out = d;
  }
  return out;
}

/**
 * Why a whole pathology report (or document) is about the dissection, or undefined: every specimen
 * it names is a dissection specimen, or it names none and is dated as the dissection. A report
 * naming a sentinel specimen too is mixed: its text parts decide.
 */
export function reportOnDissection(
  specimens: readonly string[],
  date: string | undefined,
  ctx: DissectionContext,
): string | undefined {
  if (specimens.length > 0) {
    if (!specimens.every((s) => ctx.specimens.has(s))) return undefined;
    return `on the dissection specimen${specimens.length > 1 ? 's' : ''} ${specimens.join(', ')}`;
  }
  return datedOnDissection(date, ctx);
}
