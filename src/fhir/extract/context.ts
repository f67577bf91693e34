// What the per-resource extractors share: the collector, resources by reference, and which
// report each result Observation belongs to.
import type { Side } from '../../domain/vocabulary.ts';
import type { Collector, ResultStatus } from './candidate.ts';
import { field, type Json } from '../../domain/json.ts';
import { referenceOf } from '../fields.ts';
import type { DissectionContext } from './dissection.ts';
import type { ResourceIndex } from './resource-index.ts';
import type { DocumentReaders } from '../../report/readers.ts';
import { singleSide, sideOfBodySite, sideOfCondition } from './laterality.ts';
import type { ReportTextCache } from './read-ahead.ts';

export interface ReportLink {
  report: string;
  specimen?: string;
  pathology: boolean;
}

/** A node count as stated, before the sentinel rules of nodes.ts turn it into candidates. */
export interface NodeCount {
  kind:
    'slnExamined' | 'slnPositive' | 'regionalExamined' | 'regionalPositive' | 'nodesItc' | 'nodesMicro' | 'nodesMacro';
  n: number;
  reference: string;
  code?: string;
  date?: string;
  text?: string;
  status: ResultStatus;
  specimen?: string;
  side?: Side;
}

export interface Context {
  collector: Collector;
  byRef: ResourceIndex;
  reportOfResult: Map<string, ReportLink>;
  binaries: Record<string, string> | undefined;
  readers: DocumentReaders;
  /** Report texts parsed ahead, while the record loaded (read-ahead.ts). */
  reportTexts?: ReportTextCache | undefined;
  nodeCounts: NodeCount[];
  /** Sentinel nodes were taken (a biopsy procedure or a sentinel count is present): pN0 then means none is positive. */
  sentinelNodes: boolean;
  /** The completion dissection, so a pN staged on it is not read as the sentinel burden. */
  dissection: DissectionContext;
}

// Many results name one specimen: its side is read once per specimen object. The side itself is
// kept (null: none), not an object holding it: V8 re-optimised this when it moved such objects,
// made by the thousand, to the old generation.
const sideOfSpecimenCache = new WeakMap<Json, Side | null>();
function sideOfSpecimen(specimen: Json): Side | undefined {
  let side = sideOfSpecimenCache.get(specimen);
  if (side === undefined) {
    side = singleSide(sideOfBodySite(field(specimen.collection, 'bodySite'))) ?? null;
    sideOfSpecimenCache.set(specimen, side);
  }
  return side ?? undefined;
}

/**
 * Side of an Observation: its body site, its specimen's collection site, or the condition it is
 * about. `specimenRef` is referenceOf(obs.specimen), which the caller has read already.
 */
export function sideOfObservation(obs: Json, specimenRef: string | undefined, ctx: Context): Side | undefined {
  const own = singleSide(sideOfBodySite(obs.bodySite));
  if (own) return own;
  const specimen = ctx.byRef.get(specimenRef ?? '');
  const fromSpecimen = specimen && sideOfSpecimen(specimen);
  if (fromSpecimen) return fromSpecimen;
  for (const focus of Array.isArray(obs.focus) ? obs.focus : []) {
    const target = ctx.byRef.get(referenceOf(focus) ?? '');
    if (target?.resourceType === 'Condition') {
      const s = singleSide(sideOfCondition(target));
      if (s) return s;
    }
  }
  return undefined;
}

/**
 * The grouping key that keeps results of different specimens apart: the specimen reference
 * (`specimenRef`, referenceOf(obs.specimen)), else the report's specimen, else the report, else
 * the effective day.
 */
export function specimenKey(
  specimenRef: string | undefined,
  ref: string,
  date: string | undefined,
  ctx: Context,
): string | undefined {
  if (specimenRef) return specimenRef;
  const link = ctx.reportOfResult.get(ref);
  if (link) return link.specimen ?? link.report;
  return date ? `date:${date.slice(0, 10)}` : undefined;
}
