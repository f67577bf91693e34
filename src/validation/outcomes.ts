// Observed outcomes of a completion axillary dissection (ALND), read from a patient's FHIR
// resources for validation only: the app's extraction is not touched by this.
//   nsnPositive   = 1 when any node removed at completion ALND holds a micro- or macrometastasis
//                   (isolated tumour cells alone are not an event: AJCC stages them node-negative).
//   totalPositive = positive sentinel nodes + positive ALND nodes.
// Sources, most specific first: discrete counts on the dissection specimen; the dissection part
// of the pathology report text ("metastatic carcinoma in 2 of 14 lymph nodes"); a count of all
// nodes after the dissection minus the sentinel count (said so in a note); the pN category after
// dissection (pN2–3 ⇔ four or more positive nodes) for the pN2–3 endpoint. Pure.
import { OBSERVATION_CODES, type ObservationConcept } from '../fhir/codes.ts';
import { conceptText, hasCodeIn, lookup } from '../fhir/extract/coding.ts';
import { field, num, str, type Json, isRecord } from '../domain/json.ts';
import { isoDate, referenceOf, resourceRef } from '../fhir/fields.ts';
import { axillaryProcedure, DONE_PROCEDURE, performedDate } from '../fhir/extract/procedure-reading.ts';
import { dissectionContextOf, type DoneProcedure } from '../fhir/extract/dissection.ts';
import { namesDissectionNodes } from '../report/axillary-words.ts';
import { tnmFromConcept } from '../fhir/extract/tnm.ts';
import { parseFraction } from '../report/phrases.ts';
import { attachmentOf, attachmentText, splitLines } from '../report/text.ts';
import { mayBePartHeader } from '../report/parse.ts';

export interface Outcome {
  /** 1 when a non-sentinel node removed at completion ALND holds a micro- or macrometastasis. */
  nsnPositive?: 0 | 1;
  /** Positive sentinel nodes + positive ALND nodes. */
  totalPositive?: number;
  /** Four or more positive nodes (pN2–3). */
  pn2?: boolean;
  /** Day of the completion dissection (YYYY-MM-DD), for the cohort's date range. */
  date?: string;
  /** Where each figure came from ("Observation/x", "DiagnosticReport/y part C"). */
  sources: string[];
  notes: string[];
}

export type OutcomeReading = { found: Outcome } | { reason: string };

const USABLE_RESULT = new Set(['final', 'amended', 'corrected']);
type Count = { positive: number; itc?: number; source: string };
const NODE_COUNTS: ReadonlySet<ObservationConcept> = new Set([
  'regionalPositive',
  'nodesMacro',
  'nodesMicro',
  'nodesItc',
]);

/**
 * Every code, of any system, of the concepts read here: an Observation none of whose codings carries
 * one cannot be one of them, and most of a patient's Observations are not, so the table lookup is
 * asked only of the others.
 */
const CODES_READ: ReadonlySet<string> = new Set(
  Object.values(OBSERVATION_CODES).flatMap((codes) =>
    Object.entries(codes ?? {})
      .filter(([, concept]) => concept === 'pathologicN' || NODE_COUNTS.has(concept))
      .map(([code]) => code),
  ),
);

function day(value: unknown): string | undefined {
  return isoDate(value)?.slice(0, 10);
}

/** The count a node-count Observation holds (a whole number ≥ 0), if any. */
function nodeCount(obs: Json): number | undefined {
  const n = num(field(obs.valueQuantity, 'value')) ?? num(obs.valueInteger);
  return n === undefined || n < 0 || !Number.isInteger(n) ? undefined : n;
}

/** Positive nodes from the counts of one scope: macro + micro when both are given, else "nodes with metastasis". */
function positivesOf(counts: Map<ObservationConcept, { n: number; ref: string }>): Count | undefined {
  const macro = counts.get('nodesMacro');
  const micro = counts.get('nodesMicro');
  const itc = counts.get('nodesItc');
  const extra = itc ? { itc: itc.n } : {};
  if (macro && micro) return { positive: macro.n + micro.n, ...extra, source: `${macro.ref}, ${micro.ref}` };
  const positive = counts.get('regionalPositive');
  if (positive && !(itc && itc.n > 0)) return { positive: positive.n, ...extra, source: positive.ref };
  return undefined;
}

const PART_HEADER = /^\s*(?:part\s+)?([A-H])(?:[.):]|\s*[-–])\s+(\S.*)$/i;

/**
 * Whether PART_HEADER can match the line, as the report parser tells after the indent (spaces and
 * tabs): most lines are ruled out without the expression. A line indented with other white space is
 * left to the expression.
 */
function mayBeHeader(line: string): boolean {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 0x20 || line.charCodeAt(i) === 0x09)) i++;
  if (i === line.length) return false; // a blank line (a read past the end would re-optimise the caller)
  const c = line.charCodeAt(i);
  return c > 0x7f || (c >= 0x0a && c <= 0x0d) || mayBePartHeader(line, i);
}

/** The lines of a report's dissection part (or all lines when the whole report is about the dissection). */
function dissectionLines(text: string, wholeReport: boolean): string[] {
  const lines = splitLines(text);
  const out: string[] = [];
  let headers = false;
  let inside = false;
  for (const line of lines) {
    const h = mayBeHeader(line) ? PART_HEADER.exec(line) : null;
    if (h) {
      headers = true;
      inside = namesDissectionNodes(h[2]!);
    }
    if (inside) out.push(line);
  }
  if (!headers) return wholeReport ? lines : [];
  return out;
}

/** "metastatic carcinoma in 2 of 14 lymph nodes", "negative for carcinoma (0/12)", "isolated tumour cells in 1 of 10". */
function countFromText(
  lines: string[],
): { positive: number; itc: number; line: string } | { unreadable: string } | undefined {
  let found: { positive: number; itc: number; line: string } | undefined;
  for (const line of lines) {
    if (!/lymph nodes?|\bnodes?\b/i.test(line)) continue;
    const fraction = parseFraction(line);
    if (!fraction) continue;
    const itc = /isolated tumou?r cells|\bITCs?\b/i.test(line);
    const metastatic = /metasta|carcinoma|positive/i.test(line.replace(/isolated tumou?r cells|\bITCs?\b/gi, ''));
    const negative = /negative for|no (evidence of )?(metasta|tumou?r|carcinoma)|benign/i.test(line);
    let reading: { positive: number; itc: number };
    if (itc && !/micro|macro|metastatic carcinoma/i.test(line)) reading = { positive: 0, itc: fraction.numerator };
    else if (negative && fraction.numerator === 0) reading = { positive: 0, itc: 0 };
    else if (metastatic && !itc) reading = { positive: fraction.numerator, itc: 0 };
    else return { unreadable: line };
    if (found && found.positive !== reading.positive) return { unreadable: line };
    found = { ...reading, line };
  }
  return found;
}

function reportTexts(report: Json, binaries: Record<string, string> | undefined): string[] {
  const texts: string[] = [];
  const forms = report.presentedForm;
  if (Array.isArray(forms)) {
    for (const a of forms) {
      if (!isRecord(a)) continue;
      const got = attachmentText(attachmentOf(a), binaries);
      if ('text' in got) texts.push(got.text);
    }
  }
  const conclusion = str(report.conclusion);
  if (conclusion) texts.push(conclusion);
  return texts;
}

/** The pN category after the dissection: N2/N3 ⇔ four or more positive nodes; a (sn) category is the sentinel stage. */
function pnAfterDissection(obs: Json, alndDay: string): { pn2: boolean; text: string } | undefined {
  const when = day(obs.effectiveDateTime) ?? day(obs.issued);
  if (!when || when < alndDay) return undefined;
  const read = tnmFromConcept(
    obs.valueCodeableConcept,
    [str(obs.valueString) ?? '', conceptText(obs.valueCodeableConcept) ?? ''].filter(Boolean),
  );
  if (!read || read.tnm.suffixes.includes('(sn)') || read.tnm.prefix.startsWith('y')) return undefined;
  const m = /^N(\d)/.exec(read.tnm.category);
  if (!m) return undefined;
  return { pn2: Number(m[1]) >= 2, text: read.tnm.text };
}

export interface OutcomeOptions {
  /** Positive sentinel nodes from the app's extraction (slnPositive), for totalPositive and all-nodes counts. */
  sentinelPositive?: number;
  binaries?: Record<string, string>;
}

type CountsByConcept = Map<ObservationConcept, { n: number; ref: string }>;

interface NodeCounts {
  /** Counts on a dissection specimen (directly or through their report's only specimen). */
  inDissection: CountsByConcept;
  /** Counts tied to no specimen, made on or after the dissection: all nodes removed. */
  allNodes: CountsByConcept;
  /** The pN category after the dissection. */
  pn?: { pn2: boolean; text: string; ref: string };
}

// The steps below are separate functions on purpose: resources of many shapes make V8 re-optimise
// a function several times, and a small function is cheaper to re-optimise than one long one.

// The readings of a report's lists below walk the JSON arrays themselves, building no array (not
// even records(…), which is the one empty array for a missing field and a filtered copy otherwise):
// arrays built per report are empty for some reports and not for others, two shapes to V8, and the
// first report of the rarer shape made it re-optimise the whole caller.

/** The report's specimen reference when it names exactly one specimen. */
function onlySpecimen(report: Json): string | undefined {
  const list = report.specimen;
  if (!Array.isArray(list)) return undefined;
  let count = 0;
  let only: string | undefined;
  for (const s of list) {
    if (!isRecord(s)) continue;
    count++;
    only = referenceOf(s);
  }
  return count === 1 ? only : undefined;
}

/** Whether the report names specimens and all of them are in `specimens`. */
function allSpecimensIn(report: Json, specimens: Set<string>): boolean {
  const list = report.specimen;
  if (!Array.isArray(list)) return false;
  let count = 0;
  for (const s of list) {
    if (!isRecord(s)) continue;
    count++;
    const ref = referenceOf(s);
    if (!ref || !specimens.has(ref)) return false;
  }
  return count > 0;
}

/** Each result's report specimen, when its report names exactly one. */
function specimensOfResults(reports: Json[]): Map<string, string | undefined> {
  const reportSpecimen = new Map<string, string | undefined>();
  for (const r of reports) {
    if (!Array.isArray(r.result)) continue;
    const specimen = onlySpecimen(r);
    for (const result of r.result) {
      const ref = referenceOf(result);
      if (ref) reportSpecimen.set(ref, specimen);
    }
  }
  return reportSpecimen;
}

/** The discrete node counts and pN category of the patient's Observations. */
function nodeCounts(
  observations: Json[],
  reports: Json[],
  dissectionSpecimens: Set<string>,
  alndDay: string,
): NodeCounts {
  // Built when a count without a specimen of its own asks for it: most patients have none.
  let reportSpecimen: Map<string, string | undefined> | undefined;
  const counts: NodeCounts = { inDissection: new Map(), allNodes: new Map() };
  for (const obs of observations) {
    if (!USABLE_RESULT.has(String(obs.status))) continue;
    if (!hasCodeIn(obs.code, CODES_READ)) continue;
    const concept = lookup(obs.code, OBSERVATION_CODES)?.value;
    if (!concept) continue;
    const ref = resourceRef(obs);
    const stage = concept === 'pathologicN' ? pnAfterDissection(obs, alndDay) : undefined;
    if (stage) counts.pn = { ...stage, ref };
    if (!NODE_COUNTS.has(concept)) continue;
    const n = nodeCount(obs);
    if (n === undefined) continue;
    const specimen = referenceOf(obs.specimen) ?? (reportSpecimen ??= specimensOfResults(reports)).get(ref);
    if (specimen && dissectionSpecimens.has(specimen)) counts.inDissection.set(concept, { n, ref });
    // A count tied to no specimen, made on or after the dissection, covers all nodes removed.
    else if (!specimen && (day(obs.effectiveDateTime) ?? '') >= alndDay) counts.allNodes.set(concept, { n, ref });
  }
  return counts;
}

/** The dissection's node count stated in the report texts (the last one read), or why it cannot be used. */
function countInReportTexts(
  reports: Json[],
  dissectionSpecimens: Set<string>,
  binaries: Record<string, string> | undefined,
): Count | { reason: string } | undefined {
  let fromText: Count | undefined;
  for (const report of reports) {
    if (!USABLE_RESULT.has(String(report.status))) continue;
    const whole = allSpecimensIn(report, dissectionSpecimens);
    for (const text of reportTexts(report, binaries)) {
      const read = countFromText(dissectionLines(text, whole));
      if (!read) continue;
      if ('unreadable' in read)
        return {
          reason: `dissection node count in the report text cannot be read confidently (${resourceRef(report)})`,
        };
      fromText = { positive: read.positive, itc: read.itc, source: `${resourceRef(report)} "${read.line.trim()}"` };
    }
  }
  return fromText;
}

/** The patient's ALND outcome, or why it cannot be read. `resources` are one patient's. */
export function outcomeFromResources(resources: readonly unknown[], options: OutcomeOptions = {}): OutcomeReading {
  // One pass sorts the resources read here by type (each list keeps the input order), and reads
  // each done Procedure once, for the dissections here and for the dissection's specimens.
  const done: DoneProcedure[] = [];
  const dissections: Json[] = [];
  const specimens: Json[] = [];
  const reports: Json[] = [];
  const observations: Json[] = [];
  for (const r of resources) {
    if (!isRecord(r)) continue;
    // Read once: resources of every shape pass here, so each read of a field is a slow generic lookup.
    const type = r.resourceType;
    if (type === 'Procedure') {
      if (!DONE_PROCEDURE.has(String(r.status))) continue;
      const kind = axillaryProcedure(r);
      done.push({ procedure: r, kind });
      if (kind.dissection) dissections.push(r);
    } else if (type === 'DiagnosticReport') reports.push(r);
    else if (type === 'Observation') observations.push(r);
    else if (type === 'Specimen') specimens.push(r);
  }
  if (dissections.length === 0) return { reason: 'no completion axillary dissection recorded' };
  const dated = firstDay(dissections);
  const alndDay = dated ?? '0000-00-00';
  const dissectionSpecimens = dissectionContextOf(done, specimens).specimens;
  const counts = nodeCounts(observations, reports, dissectionSpecimens, alndDay);
  const fromText = countInReportTexts(reports, dissectionSpecimens, options.binaries);
  if (fromText && 'reason' in fromText) return fromText;
  return outcomeOf(counts, fromText, dated, options.sentinelPositive);
}

/**
 * The earliest day a dissection was performed, if any is dated. A loop, not an array of the days
 * mapped, filtered and sorted: that array's shape differs between patients with and without a
 * dated dissection, and the rarer shape made V8 re-optimise outcomeFromResources.
 */
function firstDay(dissections: readonly Json[]): string | undefined {
  let first: string | undefined;
  for (const p of dissections) {
    const d = day(performedDate(p));
    if (d && (first === undefined || d < first)) first = d;
  }
  return first;
}

/** The outcome from the counts read, most specific first, or why they do not make one. */
function outcomeOf(
  counts: NodeCounts,
  fromText: Count | undefined,
  date: string | undefined,
  sentinelPositive: number | undefined,
): OutcomeReading {
  const notes: string[] = [];
  const sources: string[] = [];
  let dissection: Count | undefined = positivesOf(counts.inDissection);
  if (dissection && fromText && dissection.positive !== fromText.positive) {
    return {
      reason: `dissection node counts disagree: ${dissection.positive} (${dissection.source}) vs ${fromText.positive} in the report text`,
    };
  }
  dissection ??= fromText;

  if (!dissection) {
    const total = positivesOf(counts.allNodes);
    if (total && sentinelPositive !== undefined && total.positive >= sentinelPositive) {
      dissection = { positive: total.positive - sentinelPositive, source: total.source };
      notes.push(
        `only a count of all nodes is recorded (${total.positive} positive); the ${sentinelPositive} positive sentinel nodes were subtracted`,
      );
    }
  }

  const outcome: Outcome = { sources, notes };
  if (date) outcome.date = date;
  if (dissection) {
    sources.push(dissection.source);
    outcome.nsnPositive = dissection.positive > 0 ? 1 : 0;
    if (dissection.positive === 0 && (dissection.itc ?? 0) > 0) {
      notes.push('isolated tumour cells only in the dissection nodes: not an event (AJCC stages them node-negative)');
    }
    if (sentinelPositive !== undefined) {
      outcome.totalPositive = sentinelPositive + dissection.positive;
      outcome.pn2 = outcome.totalPositive >= 4;
    }
  }
  const pn = counts.pn;
  if (pn) {
    if (outcome.pn2 !== undefined && outcome.pn2 !== pn.pn2) {
      return {
        reason: `${pn.text} after dissection disagrees with the node counts (${outcome.totalPositive} positive)`,
      };
    }
    if (outcome.pn2 === undefined) {
      outcome.pn2 = pn.pn2;
      sources.push(pn.ref);
    }
  }
  if (outcome.nsnPositive === undefined && outcome.pn2 === undefined) {
    return { reason: 'completion axillary dissection recorded without a node count or pN category for it' };
  }
  return { found: outcome };
}
