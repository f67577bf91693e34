// The date an age is computed at: the date of the clinical situation, never today. A patient's
// age at the sentinel node biopsy is what the models were fitted on; without any clinical date the
// age stays missing (a question for the clinician) rather than silently drifting with the clock.
import { readStatus, sourceFrom } from './candidate.ts';
import { PROCEDURE_SNOMED } from '../codes.ts';
import { conceptText, hasCodeIn } from './coding.ts';
import type { BreastCancer } from './conditions.ts';
import { field, isRecord, str, type Json } from '../../domain/json.ts';
import { isoDate, referenceOf, resourceRef } from '../fields.ts';
import {
  axillaryProcedure,
  isSentinelSpecimenByWords,
  sentinelNodesOnlyNamed,
  specimenWords,
} from './procedure-reading.ts';
import type { AgeAnchor } from './patient.ts';
import type { ClinicalEvents, Event } from './procedures.ts';
import { isPathologyReport } from './reports.ts';
import { earlierOf, earliest } from './therapy.ts';
import type { ResourceIndex } from './resource-index.ts';

function collected(s: Json): string | undefined {
  const c = s.collection;
  return isoDate(field(c, 'collectedDateTime')) ?? isoDate(field(field(c, 'collectedPeriod'), 'start'));
}

const SENTINEL_CODES = new Set([
  PROCEDURE_SNOMED.sentinelNodeBiopsy,
  PROCEDURE_SNOMED.sentinelNodeExcision,
  '85347-3',
  '92832-5',
  '444411008',
  '1264491009',
  '351607.100004300',
  '56964.100004300',
]);

/** An Observation counting sentinel nodes: of all Observations, the only ones the record-wide readers need. */
export function isSentinelResult(r: Json | undefined): boolean {
  return r?.resourceType === 'Observation' && hasCodeIn(r.code, SENTINEL_CODES);
}

/** Dated pathology reports, specimens and sentinel node results, split by whether they are about sentinel nodes. */
export function pathologyDates(resources: Json[], byRef: ResourceIndex): { sentinel: Event[]; any: Event[] } {
  const sentinel: Event[] = [];
  const any: Event[] = [];
  for (const r of resources) {
    if (r.resourceType === 'Specimen') {
      const date = collected(r);
      if (!date) continue;
      const words = specimenWords(r);
      const e: Event = {
        reference: resourceRef(r),
        date,
        text: `specimen collected ${date.slice(0, 10)}${words ? ` (${words})` : ''}`,
      };
      (sentinelNodesOnlyNamed(words) ? sentinel : any).push(e);
    } else if (r.resourceType === 'DiagnosticReport') {
      if (typeof readStatus(r.status) !== 'string' || !isPathologyReport(r)) continue;
      const date = isoDate(r.effectiveDateTime) ?? isoDate(field(r.effectivePeriod, 'start'));
      if (!date) continue;
      const aboutSentinel = reportAboutSentinel(r, byRef);
      const e: Event = { reference: resourceRef(r), date, text: `pathology report of ${date.slice(0, 10)}` };
      (aboutSentinel ? sentinel : any).push(e);
    } else if (isSentinelResult(r) && typeof readStatus(r.status) === 'string') {
      const date = isoDate(r.effectiveDateTime) ?? isoDate(field(r.effectivePeriod, 'start'));
      if (date)
        sentinel.push({ reference: resourceRef(r), date, text: `sentinel node result of ${date.slice(0, 10)}` });
    }
  }
  return { sentinel, any };
}

/** A pathology report about sentinel nodes: by its words, a specimen of sentinel nodes, or a sentinel node result. */
function reportAboutSentinel(r: Json, byRef: ResourceIndex): boolean {
  if (sentinelNodesOnlyNamed(`${conceptText(r.code) ?? ''} ${str(r.conclusion) ?? ''}`)) return true;
  // Loops over the references, not arrays of what they name: every pathology report passes here.
  if (Array.isArray(r.specimen))
    for (const s of r.specimen as unknown[]) {
      const specimen = isRecord(s) ? byRef.get(referenceOf(s) ?? '') : undefined;
      if (specimen && isSentinelSpecimenByWords(specimen)) return true;
    }
  if (Array.isArray(r.result))
    for (const x of r.result as unknown[])
      if (isRecord(x) && isSentinelResult(byRef.get(referenceOf(x) ?? ''))) return true;
  return false;
}

/**
 * The sentinel node biopsy (procedure, specimen or report), else breast or axillary surgery, else
 * a pathology report or specimen, else the diagnosis onset; undefined when none is dated.
 */
export function ageAnchor(
  events: ClinicalEvents,
  cancers: BreastCancer[],
  path: { sentinel: Event[]; any: Event[] },
): AgeAnchor | undefined {
  // Each tier is the earliest of its lists taken one by one (earlierOf keeps the first on a tie, as
  // one joined list would): every record passes here, and joined copies and tuples made its
  // optimised code larger for no other gain.
  return (
    anchorAt(earlierOf(earliest(events.sentinelBiopsies), earliest(path.sentinel)), 'sentinel node biopsy') ??
    anchorAt(earlierOf(earliest(events.breastSurgeries), earliest(events.axillaryDissections)), 'surgery') ??
    anchorAt(earliest(path.any), 'pathology report or specimen') ??
    // Reached only when nothing else is dated: the cancers are made events here alone.
    anchorAt(earliest(cancers.map((c) => ({ reference: c.reference, date: c.onset }))), 'diagnosis')
  );
}

function anchorAt(e: Event | undefined, what: string): AgeAnchor | undefined {
  if (!e) return undefined;
  return { date: e.date!, source: sourceFrom(e), note: `age at ${what} on ${e.date!.slice(0, 10)}` };
}

/**
 * Were sentinel nodes taken? A sentinel biopsy procedure, a specimen of sentinel nodes only or a
 * sentinel node count says so; a specimen of "non-sentinel lymph nodes" does not.
 */
export function hasSentinelNodes(resources: Json[]): boolean {
  return resources.some((r) => {
    if (r.resourceType === 'Specimen') return isSentinelSpecimenByWords(r);
    if (r.resourceType !== 'Procedure' && r.resourceType !== 'Observation') return false;
    return hasCodeIn(r.code, SENTINEL_CODES) || (r.resourceType === 'Procedure' && !!axillaryProcedure(r).sentinel);
  });
}
