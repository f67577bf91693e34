// After all lines are read: the synoptic node counts and per-part node sentences become sentinel
// facts, and clock positions become quadrants once the side is known.
import type { InputName, InputValue, Quadrant, Side } from '../domain/vocabulary.ts';
import { quadrantFromClock } from './phrases.ts';
import type { ParseState, ReportFinding } from './state.ts';

/** Synoptic totals win over per-part sentences; per-part counts are summed only when every sentinel part gives them. */
export function finishNodeCounts(st: ParseState): void {
  st.part = {}; // totals belong to the case, not to the last part read
  const { slnExamined, slnPositive, totalExamined, macro, micro, itc } = st.counts;
  if (slnExamined) st.add('slnExamined', slnExamined.n, slnExamined.line, { specimenKind: 'sentinel' });
  // CAP's macro/micro/ITC counts cover all nodes; they are sentinel counts only when every node examined was a sentinel node.
  const allSentinel = slnExamined !== undefined && (totalExamined === undefined || totalExamined.n === slnExamined.n);
  if (allSentinel && (macro || micro || itc)) {
    if (macro && micro) {
      st.push({
        input: 'slnPositive',
        value: macro.n + micro.n,
        lines: [macro.line, micro.line],
        specimenKind: 'sentinel',
        note: 'nodes with macro- plus micrometastases',
      });
    }
    if (itc) st.add('slnItcOnly', itc.n, itc.line, { specimenKind: 'sentinel' });
    if (macro && macro.n > 0) st.add('nodalBurden', 'macro', macro.line, { note: 'a node with a macrometastasis' });
    else if (macro && micro && micro.n > 0)
      st.add('nodalBurden', 'micro', micro.line, { note: 'micrometastases, no macrometastasis' });
    else if (macro && micro && itc && itc.n > 0) st.add('nodalBurden', 'itc', itc.line, { note: 'ITC only' });
  } else if (macro || micro || itc) {
    for (const c of [macro, micro, itc]) if (c) st.skip(c.line, 'node category counts include non-sentinel nodes');
  }
  if (slnPositive) {
    const itcKnown = allSentinel && itc !== undefined && itc.n > 0;
    if (itcKnown && !(macro && micro))
      st.skip(slnPositive.line, 'sentinel nodes "with metastasis" may include ITC-only nodes');
    else st.add('slnPositive', slnPositive.n, slnPositive.line, { specimenKind: 'sentinel' });
  }
  if (st.partNodes.length === 0) return;
  if (slnExamined || slnPositive) return; // the synoptic totals already say it
  sumParts(st);
}

function sumParts(st: ParseState): void {
  const parts = st.partNodes;
  const lines = parts.flatMap((p) => p.lines);
  const letters = parts.map((p) => p.part.letter).filter(Boolean);
  const note = parts.length > 1 ? `sum of sentinel parts ${letters.join(', ')}` : undefined;
  const sum = (key: 'examined' | 'positive' | 'itc') =>
    parts.every((p) => p[key] !== undefined) ? parts.reduce((s, p) => s + p[key]!, 0) : undefined;
  const extra = (): Partial<ReportFinding> => {
    const e: Partial<ReportFinding> = { specimenKind: 'sentinel' };
    if (note) e.note = note;
    if (parts.length === 1) {
      if (parts[0]!.part.letter) e.part = parts[0]!.part.letter;
      if (parts[0]!.part.side) e.side = parts[0]!.part.side;
    }
    return e;
  };
  const push = (input: InputName, value: InputValue, from: string[]) =>
    st.push({ input, value, lines: from, ...extra() });
  const examined = sum('examined');
  const positive = sum('positive');
  const itcOnly = sum('itc');
  if (examined !== undefined) push('slnExamined', examined, lines);
  if (positive !== undefined) push('slnPositive', positive, lines);
  if (itcOnly !== undefined) push('slnItcOnly', itcOnly, lines);
  const order = ['itc', 'micro', 'macro'] as const;
  const burdens = parts.map((p) => p.burden).filter((b) => b !== undefined);
  if (burdens.length > 0) {
    const worst = burdens.reduce((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a));
    // ITC is the worst category only if no part has an unspecified positive node.
    if (worst !== 'itc' || parts.every((p) => (p.positive ?? 0) === 0)) {
      push(
        'nodalBurden',
        worst,
        parts.filter((p) => p.burden === worst).flatMap((p) => p.lines),
      );
    }
  }
}

export function finishClockSites(st: ParseState): void {
  const stated = [...new Set(st.findings.filter((f) => f.input === 'laterality').map((f) => f.value as Side))];
  for (const site of st.clockSites) {
    const side = site.part.side ?? (stated.length === 1 ? stated[0] : undefined);
    const q: Quadrant | undefined = side ? quadrantFromClock(site.hours, side) : undefined;
    if (q && side) {
      st.push({
        input: 'quadrant',
        value: q,
        lines: [site.line],
        side,
        note: `${site.hours} o'clock on the ${side} breast`,
        sideDependent: true,
        ...(site.part.letter ? { part: site.part.letter } : {}),
      });
    } else {
      st.skip(site.line, side ? 'clock position on a quadrant boundary' : 'clock position without a known side');
    }
  }
}
