// Findings about the nodes of the completion axillary dissection are not sentinel facts: after an
// ALND a pN, a node count, the largest deposit or extranodal extension cover every node removed
// (or only the dissection's nodes), not the sentinel nodes. A nodal finding stays when it comes
// from a part about the sentinel nodes or from lines that name them only; it is set aside with the
// reason when it comes from a dissection part, from a report about the dissection (known from its
// FHIR context), or from a report whose headings say it covers dissection nodes.
import type { InputName } from '../domain/vocabulary.ts';
import { namesNonSentinelNodes, SENTINEL_WORDS } from './axillary-words.ts';
import type { ParseState, ReportFinding } from './state.ts';

/** The inputs that describe the sentinel nodes. */
const SENTINEL_FACTS: ReadonlySet<InputName> = new Set<InputName>([
  'slnExamined',
  'slnPositive',
  'slnItcOnly',
  'slnMacroCount',
  'slnNegative',
  'largestDepositMm',
  'nodalBurden',
  'detectionMethod',
  'extranodalExtension',
]);

/** Headings and specimen lines of a report part or section ("Specimen: Left axillary contents"). */
const SPECIMEN_LABEL = /^(specimens?( received| submitted)?|specimen\(s\)( received)?|source|lymph node sampling)$/i;

/** Does this line say the report covers nodes of the dissection? Labels of items (counts) are not asked. */
export function noteDissectionHeading(line: string, label: string, value: string, st: ParseState): void {
  if (st.coversDissection) return;
  const covers = value ? SPECIMEN_LABEL.test(label) && namesNonSentinelNodes(value) : namesNonSentinelNodes(label);
  if (covers) st.coversDissection = line;
}

/** The line names the sentinel nodes and no others ("Number of sentinel nodes examined", "pN1mi(sn)"). */
function namesSentinelOnly(line: string): boolean {
  return (SENTINEL_WORDS.test(line) || /\(sn\)/i.test(line)) && !namesNonSentinelNodes(line);
}

function whyNotSentinel(
  f: ReportFinding,
  st: ParseState,
  sentinelPartLines: ReadonlySet<string>,
  wholeReport: string | undefined,
): string | undefined {
  if (!SENTINEL_FACTS.has(f.input)) return undefined;
  const part = f.part ? st.parts.get(f.part) : undefined;
  if (part?.kind === 'sentinel') return undefined;
  if (f.lines.every((l) => namesSentinelOnly(l) || sentinelPartLines.has(l))) return undefined;
  if (part?.kind === 'dissection') return `part ${f.part} is the axillary dissection ("${part.heading ?? ''}")`;
  if (wholeReport) return `the report is about the axillary dissection (${wholeReport})`;
  if (st.coversDissection)
    return `the report covers the axillary dissection ("${st.coversDissection}") and the line does not name the sentinel nodes`;
  return undefined;
}

/**
 * Moves the nodal findings that are not about the sentinel nodes to the unread lines, with the
 * reason. `wholeReport`: why the whole report is about the dissection, when its FHIR context says so.
 */
export function keepSentinelScope(st: ParseState, wholeReport?: string): void {
  const sentinelPartLines = new Set(st.partNodes.filter((p) => p.part.kind === 'sentinel').flatMap((p) => p.lines));
  const kept: ReportFinding[] = [];
  for (const f of st.findings) {
    const why = whyNotSentinel(f, st, sentinelPartLines, wholeReport);
    if (why) st.skip(f.lines.join(' / '), `${f.input} ${String(f.value)} not used as a sentinel fact: ${why}`);
    else kept.push(f);
  }
  st.findings.splice(0, st.findings.length, ...kept);
}
