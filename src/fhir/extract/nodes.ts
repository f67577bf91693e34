// Sentinel node counts from the counts as stated (docs/fhir-mapping.md §1 node rows, §8 pitfall 6).
// Regional and ITC/micro/macro counts are not sentinel-specific: they are read as sentinel counts
// only when no axillary dissection is recorded and a sentinel biopsy is. ITC-only nodes are never
// counted as positive.
import type { Source } from '../../domain/facts.ts';
import { sourceFrom, type Candidate, type ResultStatus } from './candidate.ts';
import type { Context, NodeCount } from './context.ts';

export interface NodeContext {
  sentinelBiopsy: boolean;
  axillaryDissection: boolean;
}

function combinedStatus(counts: NodeCount[]): ResultStatus {
  let allPreliminary = true;
  for (const c of counts) {
    if (c.status === 'amended') return 'amended';
    if (c.status !== 'preliminary') allPreliminary = false;
  }
  return allPreliminary ? 'preliminary' : 'final';
}

/** How the non-sentinel-specific counts of a record are read. */
interface CountReading {
  /** Regional and ITC/micro/macro counts are read as sentinel counts. */
  onlySentinel: boolean;
  /** Why they are not, when they are not. */
  ambiguity: string;
}

const AS_SENTINEL_NOTE = 'count of all nodes, read as sentinel nodes: only a sentinel node biopsy is recorded';

export function nodeCandidates(ctx: Context, procedures: NodeContext): void {
  const all = ctx.nodeCounts;
  const sentinelSpecific = all.some((c) => c.kind === 'slnExamined' || c.kind === 'slnPositive');
  const reading: CountReading = {
    onlySentinel: !procedures.axillaryDissection && (procedures.sentinelBiopsy || sentinelSpecific),
    ambiguity: procedures.axillaryDissection
      ? 'an axillary dissection is recorded, so this count may include non-sentinel nodes'
      : 'no sentinel node biopsy is recorded, so this count cannot be read as a sentinel count',
  };
  // One small function per step (not closures in one long function): each compiles on its own.
  for (const group of bySpecimen(all).values()) groupCandidates(group, reading, ctx);
}

/** Counts of one specimen (and amended or not) are read together. */
function bySpecimen(all: NodeCount[]): Map<string, NodeCount[]> {
  const groups = new Map<string, NodeCount[]>();
  for (const c of all) {
    const key = `${c.specimen ?? ''}|${c.status === 'amended' ? 'a' : 'f'}`;
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  return groups;
}

// The steps below loop over the group itself (no filter, some, every or spread with a closure):
// every record with node counts passes here, and each inlined array built-in made the compiled
// code of groupCandidates, the largest of extraction's, larger.

function groupCandidates(group: NodeCount[], reading: CountReading, ctx: Context): void {
  for (const c of group) if (c.kind === 'slnExamined') emit(ctx, 'slnExamined', c.n, [c]);
  const regionalExamined = usable(group, 'regionalExamined', reading, ctx);
  if (regionalExamined) emit(ctx, 'slnExamined', regionalExamined.n, [regionalExamined], AS_SENTINEL_NOTE);

  const macro = usable(group, 'nodesMacro', reading, ctx);
  const micro = usable(group, 'nodesMicro', reading, ctx);
  const itc = usable(group, 'nodesItc', reading, ctx);
  if (macro && micro)
    emit(ctx, 'slnPositive', macro.n + micro.n, [macro, micro], 'nodes with macro- plus micrometastases');
  if (itc) emit(ctx, 'slnItcOnly', itc.n, [itc]);
  if (macro && macro.n > 0) emit(ctx, 'nodalBurden', 'macro', [macro], 'a node with a macrometastasis');
  else if (macro && micro && micro.n > 0)
    emit(ctx, 'nodalBurden', 'micro', [micro], 'micrometastases, no macrometastasis');
  else if (macro && micro && itc && itc.n > 0) emit(ctx, 'nodalBurden', 'itc', [itc], 'isolated tumour cells only');

  const itcMayBeCounted = itc !== undefined && itc.n > 0 && !(macro && micro);
  const regionalPositive = usable(group, 'regionalPositive', reading, ctx);
  for (const c of group) if (c.kind === 'slnPositive') positive(ctx, c, itcMayBeCounted, undefined);
  if (regionalPositive) positive(ctx, regionalPositive, itcMayBeCounted, AS_SENTINEL_NOTE);
}

function positive(ctx: Context, c: NodeCount, itcMayBeCounted: boolean, note: string | undefined): void {
  if (itcMayBeCounted) {
    ctx.collector.ignore(
      c.reference,
      'slnPositive: nodes "with metastasis" may include the ITC-only nodes counted separately',
    );
  } else emit(ctx, 'slnPositive', c.n, [c], note);
}

/**
 * The first count of a kind that is not sentinel-specific, when the record lets it be read as one;
 * otherwise every count of that kind is ignored, with the reason.
 */
function usable(
  group: NodeCount[],
  kind: NodeCount['kind'],
  reading: CountReading,
  ctx: Context,
): NodeCount | undefined {
  if (reading.onlySentinel) {
    for (const c of group) if (c.kind === kind) return c;
    return undefined;
  }
  for (const c of group) if (c.kind === kind) ctx.collector.ignore(c.reference, `${kind}: ${reading.ambiguity}`);
  return undefined;
}

function emit(
  ctx: Context,
  input: Candidate['input'],
  value: number | string,
  counts: NodeCount[],
  note?: string,
): void {
  const first = counts[0]!;
  const c: Candidate = {
    input,
    value: value as Candidate['value'],
    origin: 'fhir',
    source: sourceFrom(first),
    status: combinedStatus(counts),
  };
  if (counts.length > 1) {
    const more: Source[] = [];
    for (let i = 1; i < counts.length; i++) more.push(sourceFrom(counts[i]!));
    c.moreSources = more;
  }
  if (first.specimen) c.specimen = first.specimen;
  if (first.side) c.side = first.side;
  if (note) c.note = note;
  ctx.collector.add(c);
}
