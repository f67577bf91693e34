// Pathology reports: DiagnosticReport (presentedForm, conclusion, narrative results) and
// DocumentReference → report text → candidates with origin "report-text".
import type { Source } from '../../domain/facts.ts';
import { parseAnswers, parseReportText, type ReportParse } from '../../report/parse.ts';
import { statedSideAndHistology } from '../../report/free-text.ts';
import { attachmentOf, attachmentText, decodeBase64Utf8, htmlToText } from '../../report/text.ts';
import { PATHOLOGY_CATEGORY, PATHOLOGY_REPORT_CODES } from '../codes.ts';
import type { InputValue, Side } from '../../domain/vocabulary.ts';
import { readStatus, type Candidate, type ResultStatus } from './candidate.ts';
import { codingsOf, conceptText } from './coding.ts';
import type { Context } from './context.ts';
import { describeValue, field, isRecord, records, str, type Json } from '../../domain/json.ts';
import { referenceOf, resourceRef } from '../fields.ts';
import { isXmlForm } from '../documents.ts';
import { singleSide, sideOfBodySite } from './laterality.ts';
import { extractAxillaryUltrasoundReport, isAxillaryUltrasound } from './axillary-ultrasound.ts';
import { reportOnDissection } from './dissection.ts';

export interface TextMeta {
  reference: string;
  date: string | undefined;
  status: ResultStatus;
  specimen: string | undefined;
  /** Side of the report's specimen, for findings whose part does not say. */
  side?: Side | undefined;
  /** Why the whole report is about the completion dissection, so its nodal text is no sentinel fact. */
  dissection?: string | undefined;
}

/** Is this report about pathology? Category or code, else words: category cannot be trusted alone (§5, §8). */
export function isPathologyReport(report: Json, codeField = 'code'): boolean {
  const categories = Array.isArray(report.category) ? report.category : [report.category];
  for (const cat of categories) {
    for (const c of codingsOf(cat)) {
      if (c.known === 'loinc' && c.code === PATHOLOGY_CATEGORY.loinc) return true;
      if (c.known === 'v2_0074' && c.code === 'SP') return true;
    }
    if (/patholog/i.test(conceptText(cat) ?? '')) return true;
  }
  for (const c of codingsOf(report[codeField])) {
    if (c.known === 'loinc' && c.code && PATHOLOGY_REPORT_CODES[c.code]) return true;
  }
  return /patholog|surg(ical)? path/i.test(conceptText(report[codeField]) ?? '');
}

/** Parses one block of report text into candidates; unreadable lines go to ignored. */
export function readReportText(text: string, meta: TextMeta, ctx: Context): void {
  const options = { dissection: meta.dissection };
  addFindings(ctx.reportTexts?.parse(text, options) ?? parseReportText(text, options), meta, ctx);
}

function textSource(meta: TextMeta, line: string): Source {
  const s: Source = { reference: meta.reference, text: line };
  if (meta.date) s.date = meta.date;
  return s;
}

function addFindings({ findings, unread }: ReportParse, meta: TextMeta, ctx: Context): void {
  for (const f of findings) {
    // Arrays filled in a loop, not by map/filter: see extractDiagnosticReport.
    const sources: Source[] = [];
    for (const line of f.lines) sources.push(textSource(meta, line));
    const specimen = f.part ? `${meta.reference}#${f.part}` : (meta.specimen ?? meta.reference);
    // Optional fields set one by one: object spreads cost more than the rest of a finding.
    const c: Candidate = {
      input: f.input,
      value: f.value,
      origin: 'report-text',
      source: sources[0]!,
      status: meta.status,
      specimen,
    };
    if (sources.length > 1) c.moreSources = sources.slice(1);
    const side = f.side ?? meta.side;
    if (side) c.side = side;
    if (f.rank !== undefined) c.rank = f.rank;
    if (f.note) c.note = f.note;
    if (f.sideDependent) c.sideDependent = true;
    ctx.collector.add(c);
  }
  for (const u of unread) ctx.collector.ignore(meta.reference, `report text "${u.line}": ${u.reason}`);
}

export function extractDiagnosticReport(report: Json, ctx: Context): void {
  const ref = resourceRef(report);
  const status = readStatus(report.status);
  if (typeof status !== 'string') return ctx.collector.ignore(ref, status.skip);
  if (!isPathologyReport(report)) {
    if (isAxillaryUltrasound(report)) return extractAxillaryUltrasoundReport(report, ctx);
    return ctx.collector.ignore(ref, 'not a pathology report');
  }
  const date = str(report.effectiveDateTime) ?? str(field(report.effectivePeriod, 'start')) ?? str(report.issued);
  // The JSON arrays are walked in loops rather than through records(…).map(…).filter(…): arrays
  // built that way are empty for some reports and not for others, two shapes to V8, and the first
  // report of the rarer shape made it re-optimise this whole function (docs/validation.md "Speed").
  const specimens: string[] = [];
  let firstSpecimen: Json | undefined;
  if (Array.isArray(report.specimen)) {
    for (const s of report.specimen) {
      if (!isRecord(s)) continue;
      firstSpecimen ??= s;
      const specimen = referenceOf(s);
      if (specimen) specimens.push(specimen);
    }
  }
  const meta: TextMeta = {
    reference: ref,
    date,
    status,
    specimen: specimens.length > 0 ? specimens[0] : undefined,
    side: specimenSide(firstSpecimen, ctx),
    dissection: reportOnDissection(specimens, date, ctx.dissection),
  };
  let read = false;
  if (Array.isArray(report.presentedForm)) {
    for (const attachment of report.presentedForm) {
      if (isRecord(attachment)) read = readAttachment(attachment, meta, ctx) || read;
    }
  }
  const conclusion = str(report.conclusion);
  if (conclusion) {
    readReportText(conclusion, meta, ctx);
    readStatedSideAndHistology(conclusion, meta, ctx);
    read = true;
  }
  if (!read && !hasRecord(report.result)) ctx.collector.ignore(ref, 'pathology report without readable text');
}

function hasRecord(value: unknown): boolean {
  return Array.isArray(value) && value.some(isRecord);
}

export function extractDocumentReference(doc: Json, ctx: Context): void {
  const ref = resourceRef(doc);
  if (doc.status !== 'current') return ctx.collector.ignore(ref, `status ${describeValue(doc.status)}`);
  const docStatus = doc.docStatus === undefined ? 'final' : doc.docStatus;
  const status = readStatus(docStatus);
  if (typeof status !== 'string') return ctx.collector.ignore(ref, `docStatus: ${status.skip}`);
  if (!isPathologyReport(doc, 'type')) return ctx.collector.ignore(ref, 'not a pathology document');
  const date = str(doc.date) ?? str(field(doc.context, 'period') && field(field(doc.context, 'period'), 'start'));
  // The period of care the document covers dates the operation better than the document's own date.
  const operated = str(field(field(doc.context, 'period'), 'start')) ?? date;
  const meta: TextMeta = {
    reference: ref,
    date,
    status,
    specimen: undefined,
    dissection: reportOnDissection([], operated, ctx.dissection),
  };
  for (const content of records(doc.content)) {
    if (isRecord(content.attachment)) readAttachment(content.attachment, meta, ctx);
  }
}

const MAX_SECTION_DEPTH = 8;

/**
 * Section narratives of a pathology Composition (the US Pathology IG puts the rendered checklist
 * there), as one text. Sections nested deeper than any real document (or in a cycle) are not read.
 */
function sectionText(sections: Json[], seen: Set<Json>, depth = 0): { texts: string[]; cut: boolean } {
  if (depth > MAX_SECTION_DEPTH) return { texts: [], cut: sections.length > 0 };
  const texts: string[] = [];
  let cut = false;
  for (const section of sections) {
    if (seen.has(section)) {
      cut = true;
      continue;
    }
    seen.add(section);
    const div = str(field(section.text, 'div'));
    if (div) texts.push(htmlToText(div));
    const inner = sectionText(records(section.section), seen, depth + 1);
    texts.push(...inner.texts);
    cut = cut || inner.cut;
  }
  return { texts, cut };
}

export function extractComposition(doc: Json, ctx: Context): void {
  const ref = resourceRef(doc);
  const status = readStatus(doc.status === 'preliminary' ? 'preliminary' : doc.status);
  if (typeof status !== 'string') return ctx.collector.ignore(ref, status.skip);
  const capForm = codingsOf(doc.type).some((c) => c.known === 'cap');
  if (!capForm && !isPathologyReport(doc, 'type') && !/patholog/i.test(str(doc.title) ?? '')) {
    return ctx.collector.ignore(ref, 'not a pathology document');
  }
  const sections = sectionText(records(doc.section), new Set());
  if (sections.cut)
    ctx.collector.ignore(ref, `sections nested deeper than ${MAX_SECTION_DEPTH} levels or in a cycle: those not read`);
  const text = sections.texts.join('\n\n');
  if (!text.trim()) return ctx.collector.ignore(ref, 'pathology document without section text');
  const date = str(doc.date);
  const dissection = reportOnDissection([], date, ctx.dissection);
  readReportText(text, { reference: ref, date, status, specimen: undefined, dissection }, ctx);
}

function readAttachment(attachment: Json, meta: TextMeta, ctx: Context): boolean {
  const att = attachmentOf(attachment);
  if (isXmlForm(att.contentType)) return readXmlAttachment(att, meta, ctx);
  const got = attachmentText(att, ctx.binaries);
  if ('reason' in got) {
    ctx.collector.ignore(meta.reference, got.reason);
    return false;
  }
  readReportText(got.text, meta, ctx);
  return true;
}

/** Side and histologic type stated in a conclusion or a specimen description ("Left breast, lumpectomy: invasive ductal carcinoma"). */
export function readStatedSideAndHistology(text: string, meta: TextMeta, ctx: Context): void {
  const stated = statedSideAndHistology(text);
  if (stated.side) addStated(meta, ctx, 'laterality', stated.side, stated.sideText!, stated.side);
  const side = stated.side ?? meta.side;
  if (stated.histology) addStated(meta, ctx, 'histologicType', stated.histology, stated.histologyText!, side);
}

function addStated(
  meta: TextMeta,
  ctx: Context,
  input: 'laterality' | 'histologicType',
  value: InputValue,
  line: string,
  side: Side | undefined,
): void {
  const source: Source = { reference: meta.reference, text: line };
  if (meta.date) source.date = meta.date;
  const c: Candidate = { origin: 'report-text', status: meta.status, input, value, source };
  if (meta.specimen) c.specimen = meta.specimen;
  if (side) c.side = side;
  ctx.collector.add(c);
}

/** A Specimen's own words (type, body site, notes) may state the side and the histology. */
export function extractSpecimen(specimen: Json, ctx: Context): void {
  // The non-empty words joined with ". ", built in one string (see extractDiagnosticReport).
  let words = joinWords('', conceptText(specimen.type));
  words = joinWords(words, conceptText(field(specimen.collection, 'bodySite')));
  if (Array.isArray(specimen.note)) {
    for (const n of specimen.note) if (isRecord(n)) words = joinWords(words, str(n.text));
  }
  if (!words) return;
  const date = str(field(specimen.collection, 'collectedDateTime'));
  readStatedSideAndHistology(
    words,
    { reference: resourceRef(specimen), date, status: 'final', specimen: resourceRef(specimen) },
    ctx,
  );
}

/** A CAP SDC form attached as XML: its selected answers, with the question and answer as the source text. */
function readXmlAttachment(att: { data?: string; url?: string }, meta: TextMeta, ctx: Context): boolean {
  const xml =
    att.data !== undefined ? decodeBase64Utf8(att.data) : att.url !== undefined ? ctx.binaries?.[att.url] : undefined;
  if (xml === undefined) {
    ctx.collector.ignore(
      meta.reference,
      att.data !== undefined
        ? 'XML attachment data is not valid base64 UTF-8'
        : `XML attachment ${att.url ?? ''} was not fetched`,
    );
    return false;
  }
  const readSdcForm = ctx.readers.sdcXml;
  if (!readSdcForm) {
    ctx.collector.ignore(meta.reference, 'XML attachment not read: the SDC form reader was not loaded');
    return false;
  }
  const form = readSdcForm(xml);
  if ('reason' in form) {
    ctx.collector.ignore(meta.reference, form.reason);
    return false;
  }
  addFindings(parseAnswers(form.items, { dissection: meta.dissection }), meta, ctx);
  return true;
}

function joinWords(words: string, word: string | undefined): string {
  if (!word) return words;
  return words ? `${words}. ${word}` : word;
}

/** The side of the body site where the report's first specimen was collected. */
function specimenSide(first: Json | undefined, ctx: Context) {
  const specimen = ctx.byRef.get(referenceOf(first) ?? '');
  return singleSide(sideOfBodySite(field(specimen?.collection, 'bodySite')));
}
