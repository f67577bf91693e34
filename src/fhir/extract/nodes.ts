// Sentinel node counts from the counts as stated (docs/fhir-mapping.md §1 node rows, §8 pitfall 6).
// Regional and ITC/micro/macro counts are not sentinel-specific: they are read as sentinel counts
// only when no axillary dissection is recorded and a sentinel biopsy is. ITC-only nodes are never
// counted as positive.
import { sourceFrom, type Candidate, type ResultStatus } from './candidate.ts';
import type { Context, NodeCount } from './context.ts';

export interface NodeContext {
  sentinelBiopsy: boolean;
  axillaryDissection: boolean;
}

function combinedStatus(counts: NodeCount[]): ResultStatus {
  if (counts.some((c) => c.status === 'amended')) return 'amended';
  return counts.every((c) => c.status === 'preliminary') ? 'preliminary' : 'final';
}

export function nodeCandidates(ctx: Context, procedures: NodeContext): void {
  const all = ctx.nodeCounts;
  const sentinelSpecific = all.some((c) => c.kind === 'slnExamined' || c.kind === 'slnPositive');
  const onlySentinel = !procedures.axillaryDissection && (procedures.sentinelBiopsy || sentinelSpecific);
  const ambiguity = procedures.axillaryDissection
    ? 'an axillary dissection is recorded, so this count may include non-sentinel nodes'
    : 'no sentinel node biopsy is recorded, so this count cannot be read as a sentinel count';
  const asSentinelNote = 'count of all nodes, read as sentinel nodes: only a sentinel node biopsy is recorded';

  const groups = new Map<string, NodeCount[]>();
  for (const c of all) {
    const key = `${c.specimen ?? ''}|${c.status === 'amended' ? 'a' : 'f'}`;
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  for (const group of groups.values()) {
    const of = (kind: NodeCount['kind']) => group.filter((c) => c.kind === kind);
    const emit = (input: Candidate['input'], value: number | string, counts: NodeCount[], note?: string) => {
      const [first, ...rest] = counts;
      const c: Candidate = {
        input,
        value: value as Candidate['value'],
        origin: 'fhir',
        source: sourceFrom(first!),
        status: combinedStatus(counts),
      };
      if (rest.length > 0) c.moreSources = rest.map(sourceFrom);
      if (first!.specimen) c.specimen = first!.specimen;
      if (first!.side) c.side = first!.side;
      if (note) c.note = note;
      ctx.collector.add(c);
    };
    const usable = (kind: NodeCount['kind']): NodeCount | undefined => {
      const list = of(kind);
      if (list.length === 0) return undefined;
      if (!onlySentinel) {
        for (const c of list) ctx.collector.ignore(c.reference, `${kind}: ${ambiguity}`);
        return undefined;
      }
      return list[0];
    };

    for (const c of of('slnExamined')) emit('slnExamined', c.n, [c]);
    const regionalExamined = usable('regionalExamined');
    if (regionalExamined) emit('slnExamined', regionalExamined.n, [regionalExamined], asSentinelNote);

    const macro = usable('nodesMacro');
    const micro = usable('nodesMicro');
    const itc = usable('nodesItc');
    if (macro && micro)
      emit('slnPositive', macro.n + micro.n, [macro, micro], 'nodes with macro- plus micrometastases');
    if (itc) emit('slnItcOnly', itc.n, [itc]);
    if (macro && macro.n > 0) emit('nodalBurden', 'macro', [macro], 'a node with a macrometastasis');
    else if (macro && micro && micro.n > 0)
      emit('nodalBurden', 'micro', [micro], 'micrometastases, no macrometastasis');
    else if (macro && micro && itc && itc.n > 0) emit('nodalBurden', 'itc', [itc], 'isolated tumour cells only');

    const itcMayBeCounted = itc !== undefined && itc.n > 0 && !(macro && micro);
    const positives = [...of('slnPositive').map((c) => ({ c, note: undefined as string | undefined }))];
    const regionalPositive = usable('regionalPositive');
    if (regionalPositive) positives.push({ c: regionalPositive, note: asSentinelNote });
    for (const { c, note } of positives) {
      if (itcMayBeCounted) {
        ctx.collector.ignore(
          c.reference,
          'slnPositive: nodes "with metastasis" may include the ITC-only nodes counted separately',
        );
      } else emit('slnPositive', c.n, [c], note);
    }
  }
}
