// The preoperative axillary ultrasound finding (axillaryUltrasoundSuspicious, a Sun Yat-sen model
// factor) from an imaging Observation or a radiology DiagnosticReport (docs/fhir-mapping.md
// "Axillary ultrasound"). No standard code names the finding itself, so a resource counts when it
// is an ultrasound (SNOMED method or words) of the axilla (SNOMED body site or words), and only its
// sentences about the axilla or its nodes are read: a breast mass's "suspicious" must not leak in.
import type { Source } from '../../domain/facts.ts';
import type { Side } from '../../domain/vocabulary.ts';
import { AXILLARY_ULTRASOUND } from '../codes.ts';
import { parseSide } from '../../report/phrases.ts';
import { attachmentOf, attachmentText } from '../../report/text.ts';
import { readStatus, type Candidate, type Collector } from './candidate.ts';
import { codeKey, conceptText, hasCode, lookup } from './coding.ts';
import type { Context } from './context.ts';
import { field, isRecord, records, str, type Json } from '../../domain/json.ts';
import { isoDate, resourceRef } from '../fields.ts';
import { sideOfBodySite, singleSide } from './laterality.ts';
import type { Event } from './procedures.ts';
import { interpretation, valueTexts } from './values.ts';

const INPUT = 'axillaryUltrasoundSuspicious';
const ULTRASOUND_WORDS = /ultrasound|ultrasonograph|sonograph|\bUS\b/i;
const AXILLA_WORDS = /axill/i;
/** A sentence about the axilla or its nodes. */
const ABOUT_AXILLA = /axill|lymph node|\bnodes?\b/i;

const hasSnomed = (concept: unknown, code: string) => hasCode(concept, 'snomed', code);

// Code tables made once: lookup keeps its Maps per table.
const NORMAL_SCAN = { snomed: { [AXILLARY_ULTRASOUND.normalScan]: false } };
const ABNORMAL_INTERPRETATION = { interpretation: { A: true, AA: true, N: false } };

function namesUltrasound(concept: unknown): boolean {
  return hasSnomed(concept, AXILLARY_ULTRASOUND.ultrasonography) || ULTRASOUND_WORDS.test(conceptText(concept) ?? '');
}

function bodySites(r: Json): unknown[] {
  return Array.isArray(r.bodySite) ? r.bodySite : [r.bodySite];
}

/** An ultrasound of the axilla: by its codes first, else by the words of its code and body site. */
export function isAxillaryUltrasound(r: Json): boolean {
  // Asked of every Observation with an unknown code (thousands of labs and vitals): no arrays built.
  const ultrasound = namesUltrasound(r.code) || (r.resourceType === 'Observation' && namesUltrasound(r.method));
  if (!ultrasound) return false;
  const sites = bodySites(r);
  return (
    sites.some((s) => hasSnomed(s, AXILLARY_ULTRASOUND.axillaryLymphNodes)) ||
    [r.code, ...sites].some((c) => AXILLA_WORDS.test(conceptText(c) ?? ''))
  );
}

/**
 * Suspicious (true), not suspicious (false), or undefined when the words do not say or say both.
 * `aboutAxilla`: the text is an answer about the axilla (an Observation's value), so its sentences
 * need not name the axilla themselves.
 */
export function readSuspicion(text: string, aboutAxilla = false): boolean | undefined {
  const found = new Set<boolean>();
  for (const raw of text.split(/(?<=[.;!?])\s+|\n+/)) {
    // The axillary tail is breast tissue; a sentence about a breast mass or lesion is not about the nodes.
    const sentence = raw.replace(/axillary tail/gi, 'breast');
    if (/\b(breast|mass|lesion)\b/i.test(sentence) || (!aboutAxilla && !ABOUT_AXILLA.test(sentence))) continue;
    const birads = /BI-?RADS(?:\s*(?:category|assessment))?\s*:?\s*([0-6])/i.exec(sentence);
    if (birads) {
      const n = Number(birads[1]);
      if (n === 1 || n === 2) found.add(false);
      else if (n === 4 || n === 5 || n === 6) found.add(true);
      continue;
    }
    if (
      /\b(no|not|without|negative for)\b[^.;]{0,40}\b(suspicious|abnormal|lymphadenopathy|adenopathy)/i.test(
        sentence,
      ) ||
      /non-?suspicious|unremarkable|normal[- ]appearing|benign[- ]appearing|\bnormal\b/i.test(sentence)
    )
      found.add(false);
    else if (
      /suspicious|abnormal|cortical thickening|thickened cortex|loss of (the )?fatty hilum|lymphadenopathy|adenopathy/i.test(
        sentence,
      )
    )
      found.add(true);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

interface Finding {
  value: boolean;
  text?: string;
  code?: string;
}

/** Coded answers: "Ultrasound scan normal", or an HL7 interpretation of abnormal / normal. */
function codedFinding(concepts: unknown[]): Finding | undefined {
  for (const concept of concepts) {
    const hit = lookup(concept, NORMAL_SCAN);
    if (hit) return { value: hit.value, text: hit.coding.display ?? hit.coding.code, code: codeKey(hit.coding) };
    const i = lookup(concept, ABNORMAL_INTERPRETATION);
    if (i) return { value: i.value, text: i.coding.display ?? i.coding.code, code: codeKey(i.coding) };
  }
  return undefined;
}

function wordsFinding(texts: string[], aboutAxilla: boolean): Finding | undefined {
  const values = new Map<boolean, string>();
  for (const text of texts) {
    const v = readSuspicion(text, aboutAxilla);
    if (v !== undefined && !values.has(v)) values.set(v, text);
  }
  if (values.size !== 1) return undefined;
  const [value, text] = [...values][0]!;
  return { value, text };
}

/** The first body site stating one side (a loop: see firstDay). */
function firstSideOf(sites: unknown[]): Side | undefined {
  for (let i = 0; i < sites.length; i++) {
    const side = singleSide(sideOfBodySite(sites[i]));
    if (side) return side;
  }
  return undefined;
}

function addFinding(
  r: Json,
  finding: Finding,
  origin: Candidate['origin'],
  date: string | undefined,
  status: Candidate['status'],
  ctx: Context,
) {
  const reference = resourceRef(r);
  const source: Source = { reference };
  if (finding.code) source.code = finding.code;
  if (date) source.date = date;
  if (finding.text) source.text = finding.text;
  const side = firstSideOf(bodySites(r));
  const candidate: Candidate = {
    input: INPUT,
    value: finding.value,
    origin,
    source,
    status,
    specimen: ctx.reportOfResult.get(reference)?.report ?? reference,
    note: 'preoperative axillary ultrasound',
  };
  const stated = side ?? (finding.text ? parseSide(finding.text) : undefined);
  if (stated) candidate.side = stated;
  ctx.collector.add(candidate);
}

export function extractAxillaryUltrasoundObservation(obs: Json, ctx: Context): void {
  const ref = resourceRef(obs);
  const status = readStatus(obs.status);
  if (typeof status !== 'string') return ctx.collector.ignore(ref, status.skip);
  const date = isoDate(obs.effectiveDateTime) ?? isoDate(field(obs.effectivePeriod, 'start')) ?? isoDate(obs.issued);
  const finding =
    codedFinding([obs.valueCodeableConcept, ...interpretation(obs)]) ?? wordsFinding(valueTexts(obs), true);
  if (!finding) return ctx.collector.ignore(ref, 'axillary ultrasound: finding not readable as suspicious or not');
  addFinding(obs, finding, 'fhir', date, status, ctx);
}

export function extractAxillaryUltrasoundReport(report: Json, ctx: Context): void {
  const ref = resourceRef(report);
  const status = readStatus(report.status);
  if (typeof status !== 'string') return ctx.collector.ignore(ref, status.skip);
  const date = isoDate(report.effectiveDateTime) ?? isoDate(field(report.effectivePeriod, 'start'));
  const texts = [str(report.conclusion)].filter((t): t is string => !!t);
  for (const a of records(report.presentedForm)) {
    const got = attachmentText(attachmentOf(a), ctx.binaries);
    if ('text' in got) texts.push(got.text);
  }
  const conclusionCodes = Array.isArray(report.conclusionCode) ? report.conclusionCode.filter(isRecord) : [];
  const finding = codedFinding(conclusionCodes) ?? wordsFinding(texts, false);
  if (!finding) {
    // Results listed by the report are read on their own; the report adds nothing readable.
    if (records(report.result).length === 0)
      ctx.collector.ignore(ref, 'axillary ultrasound report: no finding readable as suspicious or not');
    return;
  }
  addFinding(report, finding, finding.code ? 'fhir' : 'report-text', date, status, ctx);
}

/**
 * Only the ultrasound before the sentinel node biopsy is the preoperative finding the model was
 * fitted on: later ones are dropped with the reason. Without a dated biopsy all are kept.
 */
/**
 * The earliest day (YYYY-MM-DD) of the dated events; the smallest text is what sort() put first.
 * A loop, not map/filter: their arrays are empty in some records and hold strings in others, and
 * each new kind of array met after V8 optimised the caller made it optimise it again.
 */
function firstDay(events: readonly Event[]): string | undefined {
  let first: string | undefined;
  for (let i = 0; i < events.length; i++) {
    const day = events[i]!.date?.slice(0, 10);
    if (day && (first === undefined || day < first)) first = day;
  }
  return first;
}

export function keepPreoperativeUltrasound(collector: Collector, sentinelBiopsies: readonly Event[]): void {
  const biopsy = firstDay(sentinelBiopsies);
  if (biopsy === undefined) return;
  const list = collector.candidates;
  for (let i = list.length - 1; i >= 0; i--) {
    const c = list[i]!;
    const day = c.source.date?.slice(0, 10);
    if (c.input !== INPUT || !day || day <= biopsy) continue;
    collector.ignore(
      c.source.reference,
      `axillary ultrasound of ${day} is after the sentinel node biopsy of ${biopsy}`,
    );
    list.splice(i, 1);
  }
}
