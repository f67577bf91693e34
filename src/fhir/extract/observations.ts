// Observation → candidates, one handler per concept of codes.ts. Anything not read is ignored with a reason.
import type { Source } from '../../domain/facts.ts';
import type { HistologicType, InputName, InputValue, Side } from '../../domain/vocabulary.ts';
import {
  FOCALITY_ANSWERS,
  GRADE_ANSWERS,
  HISTOLOGY_ICDO3,
  HISTOLOGY_SNOMED,
  MENOPAUSE_ANSWERS,
  NON_PATHOLOGIC_SIZE_METHODS,
  OBSERVATION_CODES,
  POLARITY_ANSWERS,
  TUMOR_SIZE_COMPONENT,
  type ObservationConcept,
} from '../codes.ts';
import {
  gradeFromTotalScore,
  parseBreastSurgery,
  parseClock,
  quadrantFromClock,
  parseComponentScore,
  parseErStatus,
  parseFocality,
  parseGrade,
  parseHer2Status,
  parseHistologicType,
  parsePercent,
  parsePresence,
  parsePrStatus,
  parseSide,
} from '../../report/phrases.ts';
import { readStatus, type Candidate, type ResultStatus } from './candidate.ts';
import { codeKey, codingsOf, conceptText, firstCoding, lookup, type Coding } from './coding.ts';
import { sideOfObservation, specimenKey, type Context, type NodeCount } from './context.ts';
import { isRecord, records, str, type Json } from '../../domain/json.ts';
import { isoDate, referenceOf, resourceRef } from '../fields.ts';
import { extractAxillaryUltrasoundObservation, isAxillaryUltrasound } from './axillary-ultrasound.ts';
import { stagedOnDissection } from './dissection.ts';
import { LATERALITY_TABLE } from './laterality.ts';
import { readReportText } from './reports.ts';
import { burdenFromPn, clinicalValue, isPostNeoadjuvant } from '../../report/tnm.ts';
import { tnmFromConcept } from './tnm.ts';
import {
  componentsWithCode,
  firstComponentWithCode,
  effectiveDate,
  hasOwnValue,
  interpretation,
  readCount,
  readLengthMm,
  readNumber,
  valueTexts,
} from './values.ts';

interface ObsInfo {
  obs: Json;
  ref: string;
  concept: ObservationConcept;
  source: Source;
  status: ResultStatus;
  // Always present (undefined when not stated): every ObsInfo then has one shape, which keeps the
  // handlers' property reads monomorphic.
  issued: string | undefined;
  /** The effective date, as source.date has it: read here, sources have several shapes. */
  date: string | undefined;
  specimen: string | undefined;
  side: ReturnType<typeof sideOfObservation>;
}

export function extractObservation(obs: Json, ctx: Context): void {
  const ref = resourceRef(obs);
  const status = readStatus(obs.status);
  if (typeof status !== 'string') return ctx.collector.ignore(ref, status.skip);
  const hit = lookup(obs.code, OBSERVATION_CODES);
  if (hit) return extractCoded(obs, ref, status, hit, ctx);
  if (isAxillaryUltrasound(obs)) return extractAxillaryUltrasoundObservation(obs, ctx);
  // Epic-style "Narrative" results of a pathology report hold the report text as valueString.
  const text = str(obs.valueString);
  if (text && ctx.reportOfResult.get(ref)?.pathology) {
    return readReportText(
      text,
      { reference: ref, date: effectiveDate(obs), status, specimen: ctx.reportOfResult.get(ref)?.specimen },
      ctx,
    );
  }
  ctx.collector.ignore(ref, unknownCodeReason(obs.code));
}

function extractCoded(
  obs: Json,
  ref: string,
  status: ResultStatus,
  hit: { value: ObservationConcept; coding: Coding },
  ctx: Context,
): void {
  const date = effectiveDate(obs);
  // Read once for the grouping key and the side: each read is a generic load and an expression.
  const specimenRef = referenceOf(obs.specimen);
  const source: Source = { reference: ref };
  const key = codeKey(hit.coding);
  if (key) source.code = key;
  if (date) source.date = date;
  const info: ObsInfo = {
    obs,
    ref,
    concept: hit.value,
    source,
    status,
    issued: isoDate(obs.issued) || undefined,
    date: date || undefined,
    specimen: specimenKey(specimenRef, ref, date, ctx) || undefined,
    side: sideOfObservation(obs, specimenRef, ctx) || undefined,
  };
  HANDLERS[hit.value](info, ctx);
}

/**
 * Reasons already written, by the first coding's system and code as written: thousands of labs
 * and vitals repeat a few codes, and each would otherwise build the same text again. Bounded, as
 * input is untrusted.
 */
const unknownReasons = new Map<string, Map<string, string>>();
const UNKNOWN_REASONS_MAX = 1024;
let unknownReasonCount = 0;

/** "unknown code system|code" for the first coding (else the concept's words), or "no code". */
function unknownCodeReason(concept: unknown): string {
  const first = isRecord(concept) && Array.isArray(concept.coding) ? concept.coding.find(isRecord) : undefined;
  const rawCode = first?.code;
  if (typeof rawCode !== 'string') return reasonOf(concept);
  const system = str(first!.system) ?? '';
  const cached = unknownReasons.get(system)?.get(rawCode);
  if (cached !== undefined) return cached;
  const reason = reasonOf(concept);
  if (unknownReasonCount >= UNKNOWN_REASONS_MAX) {
    unknownReasons.clear();
    unknownReasonCount = 0;
  }
  let byCode = unknownReasons.get(system);
  if (!byCode) unknownReasons.set(system, (byCode = new Map()));
  byCode.set(rawCode, reason);
  unknownReasonCount++;
  return reason;
}

function reasonOf(concept: unknown): string {
  const code = firstCoding(concept);
  const what = code ? codeKey(code) : conceptText(concept);
  return what ? `unknown code ${what}` : 'no code';
}

type Handler = (o: ObsInfo, ctx: Context) => void;

// Code tables made once: lookup keeps its Maps per table.
const HISTOLOGY_TABLE = { snomed: HISTOLOGY_SNOMED };

/** What some handlers add to a candidate. */
interface Extra {
  rank?: number;
  note?: string;
  side?: Side;
  sideDependent?: true;
}

/**
 * A candidate from the Observation; `text`, when given, is the words its value was read from.
 * Fields are set one by one: object spreads and Object.assign over inputs of varying shapes cost
 * more than the rest of a handler.
 */
function emit(
  o: ObsInfo,
  text: string | undefined,
  ctx: Context,
  input: InputName,
  value: InputValue,
  extra?: Extra,
): void {
  const own = o.source;
  const source: Source = { reference: own.reference };
  if (own.code) source.code = own.code;
  if (o.date) source.date = o.date;
  if (text) source.text = text;
  const c: Candidate = { input, value, origin: 'fhir', source, status: o.status };
  if (extra) {
    if (extra.rank !== undefined) c.rank = extra.rank;
    if (extra.note !== undefined) c.note = extra.note;
    if (extra.side !== undefined) c.side = extra.side;
    if (extra.sideDependent) c.sideDependent = true;
  }
  if (o.issued) c.issued = o.issued;
  if (o.specimen) c.specimen = o.specimen;
  if (o.side && !c.side) c.side = o.side;
  ctx.collector.add(c);
}

function skip(o: ObsInfo, ctx: Context, reason: string): void {
  ctx.collector.ignore(o.ref, reason);
}

/** Positive/negative from coded answers, then interpretation, then words. */
function polarity(o: ObsInfo): { value: 'positive' | 'negative'; text?: string } | undefined {
  const coded = lookup(o.obs.valueCodeableConcept, POLARITY_ANSWERS);
  if (coded) return { value: coded.value, text: coded.coding.display ?? coded.coding.code };
  for (const i of interpretation(o.obs)) {
    const hit = lookup(i, POLARITY_ANSWERS);
    if (hit) return { value: hit.value, text: hit.coding.display ?? hit.coding.code };
  }
  return undefined;
}

function presence(o: ObsInfo, ctx: Context, input: 'lvi' | 'extranodalExtension'): void {
  const alnd = input === 'extranodalExtension' ? onDissection(o, ctx) : undefined;
  if (alnd)
    return skip(o, ctx, `extranodal extension seen on the axillary dissection (${alnd}), not the sentinel nodes`);
  const coded = polarity(o);
  if (coded) return emit(o, coded.text, ctx, input, coded.value === 'positive');
  for (const text of valueTexts(o.obs)) {
    const v = parsePresence(text);
    if (v !== undefined) return emit(o, text, ctx, input, v);
  }
  skip(o, ctx, `${input}: value not readable`);
}

function size(rank: number): Handler {
  return (o, ctx) => {
    const method = nonPathologicMethod(o.obs.method);
    if (method) return skip(o, ctx, `tumour size measured by ${method}, not pathologic`);
    const longest = firstComponentWithCode(o.obs, TUMOR_SIZE_COMPONENT.longest);
    const r = readLengthMm(longest ?? o.obs);
    if (r && 'value' in r) return emit(o, r.text, ctx, 'tumorSizeMm', r.value, { rank });
    skip(o, ctx, `tumorSizeMm: ${r?.reason ?? 'no value'}`);
  };
}

/** The first method coding that is not pathologic measurement (imaging, clinical), by its name. */
function nonPathologicMethod(method: unknown): string | undefined {
  for (const c of codingsOf(method)) {
    const name = c.code && NON_PATHOLOGIC_SIZE_METHODS[c.code];
    if (name) return name;
  }
  return undefined;
}

function histology(o: ObsInfo, ctx: Context): void {
  const v = histologyOf(o.obs.valueCodeableConcept, valueTexts(o.obs));
  if (v) return emit(o, v.text, ctx, 'histologicType', v.value);
  skip(o, ctx, 'histologicType: value not readable');
}

/** Histologic type from a SNOMED morphology, an ICD-O-3 morphology code (behaviour /3 only) or words. */
export function histologyOf(concept: unknown, texts: string[]): { value: HistologicType; text?: string } | undefined {
  const sct = lookup(concept, HISTOLOGY_TABLE);
  if (sct) return { value: sct.value, text: sct.coding.display ?? sct.coding.code };
  for (const c of codingsOf(concept)) {
    const m = c.code && /^(\d{4})\/(\d)$/.exec(c.code);
    if (m && m[2] === '3' && HISTOLOGY_ICDO3[m[1]!]) return { value: HISTOLOGY_ICDO3[m[1]!]!, text: c.code };
  }
  for (const text of texts) {
    const v = parseHistologicType(text);
    if (v) return { value: v, text };
  }
  return undefined;
}

function grade(o: ObsInfo, ctx: Context): void {
  const coded = lookup(o.obs.valueCodeableConcept, GRADE_ANSWERS);
  if (coded) return emit(o, coded.coding.display ?? coded.coding.code, ctx, 'grade', coded.value);
  for (const text of valueTexts(o.obs)) {
    const v = parseGrade(text);
    if (v) return emit(o, text, ctx, 'grade', v);
  }
  const n = readNumber(o.obs);
  if (n === 1 || n === 2) return emit(o, undefined, ctx, 'grade', n);
  if (n !== undefined && n >= 4 && n <= 9) return totalScore(o, ctx);
  skip(
    o,
    ctx,
    n === 3 ? 'grade: a value of 3 may be grade 3 or a Nottingham total score of 3' : 'grade: value not readable',
  );
}

function totalScore(o: ObsInfo, ctx: Context): void {
  const n = readNumber(o.obs);
  const g = n === undefined ? undefined : gradeFromTotalScore(n);
  if (g) return emit(o, undefined, ctx, 'grade', g, { rank: 1, note: `from Nottingham total score ${n}` });
  skip(o, ctx, 'grade: Nottingham total score not readable');
}

function nuclearPleomorphism(o: ObsInfo, ctx: Context): void {
  const n = readNumber(o.obs);
  if (n === 1 || n === 2 || n === 3)
    return emit(o, undefined, ctx, 'nuclearGrade', n, { note: 'Nottingham nuclear pleomorphism score' });
  for (const text of valueTexts(o.obs)) {
    const v = parseComponentScore(text);
    if (v) return emit(o, text, ctx, 'nuclearGrade', v, { note: 'Nottingham nuclear pleomorphism score' });
  }
  skip(o, ctx, 'nuclearGrade: value not readable');
}

function focality(o: ObsInfo, ctx: Context): void {
  const coded = lookup(o.obs.valueCodeableConcept, FOCALITY_ANSWERS);
  if (coded) return emit(o, coded.coding.display ?? coded.coding.code, ctx, 'multifocal', coded.value);
  for (const text of valueTexts(o.obs)) {
    const v = parseFocality(text);
    if (v !== undefined) return emit(o, text, ctx, 'multifocal', v);
  }
  skip(o, ctx, 'multifocal: value not readable');
}

function receptor(input: 'erStatus' | 'prStatus'): Handler {
  const parse = input === 'erStatus' ? parseErStatus : parsePrStatus;
  return (o, ctx) => {
    const texts = valueTexts(o.obs);
    // Words first: only they can say "low positive", which a coded "Positive" hides.
    const low = texts.find((t) => parse(t) === 'low-positive');
    if (low) return emit(o, low, ctx, input, 'low-positive');
    const coded = polarity(o);
    if (coded) return emit(o, coded.text, ctx, input, coded.value);
    for (const text of texts) {
      const v = parse(text);
      if (v) return emit(o, text, ctx, input, v);
    }
    skip(o, ctx, `${input}: value not readable`);
  };
}

/** ASCO/CAP 2020 cut-offs: ER < 1 % negative, 1–10 % low positive, > 10 % positive; PR ≥ 1 % positive. */
function receptorPercent(input: 'erStatus' | 'prStatus'): Handler {
  return (o, ctx) => {
    const pct =
      readNumber(o.obs, ['%']) ??
      valueTexts(o.obs)
        .map(parsePercent)
        .find((p) => p !== undefined);
    if (pct === undefined || pct < 0 || pct > 100) return skip(o, ctx, `${input}: percentage not readable`);
    const value =
      input === 'erStatus'
        ? pct < 1
          ? 'negative'
          : pct <= 10
            ? 'low-positive'
            : 'positive'
        : pct < 1
          ? 'negative'
          : 'positive';
    emit(o, `${pct}%`, ctx, input, value, {
      rank: 1,
      note: `from ${pct}% of nuclei staining (ASCO/CAP cut-offs)`,
    });
  };
}

function her2(rank: number): Handler {
  return (o, ctx) => {
    for (const text of valueTexts(o.obs)) {
      const v = parseHer2Status(text);
      if (v) return emit(o, text, ctx, 'her2Status', v, { rank });
    }
    const coded = polarity(o);
    if (coded) return emit(o, coded.text, ctx, 'her2Status', coded.value, { rank });
    const score = rank === 2 ? readNumber(o.obs) : undefined;
    if (score === 0 || score === 1 || score === 2 || score === 3) {
      const v = score === 3 ? 'positive' : score === 2 ? 'equivocal' : 'negative';
      return emit(o, `IHC score ${score}+`, ctx, 'her2Status', v, { rank });
    }
    skip(o, ctx, 'her2Status: value not readable');
  };
}

function ki67(o: ObsInfo, ctx: Context): void {
  const pct =
    readNumber(o.obs, ['%']) ??
    valueTexts(o.obs)
      .map(parsePercent)
      .find((p) => p !== undefined);
  if (pct !== undefined) return emit(o, undefined, ctx, 'ki67Percent', pct);
  skip(o, ctx, 'ki67Percent: value not readable');
}

/** Codes of a node-examined count inside a sentinel panel's components (mCODE example: 92833-3 under 92832-5). */
const EXAMINED_COMPONENT_CODES = ['92833-3', '85347-3', '21894-1'];

function nodeCount(kind: NodeCount['kind']): Handler {
  return (o, ctx) => {
    if (kind === 'slnPositive' && !hasOwnValue(o.obs)) {
      const examined = EXAMINED_COMPONENT_CODES.flatMap((code) => componentsWithCode(o.obs, code))[0];
      const count = examined ? readCount(examined) : undefined;
      if (count && 'n' in count && !count.fraction) {
        pushCount(o, ctx, 'slnExamined', count.n, `nodes examined ${count.n} (component of a sentinel node result)`);
        return skip(
          o,
          ctx,
          'slnPositive: the sentinel result states the nodes examined but not how many hold metastasis',
        );
      }
    }
    const r = readCount(o.obs);
    if ('reason' in r) return skip(o, ctx, `${kind}: ${r.reason}`);
    if (r.fraction && (kind === 'slnPositive' || kind === 'regionalPositive')) {
      // "1/3" under a positive-count code: 1 positive of 3 examined.
      pushCount(o, ctx, kind, r.fraction.numerator, r.text);
      pushCount(o, ctx, kind === 'slnPositive' ? 'slnExamined' : 'regionalExamined', r.fraction.denominator, r.text);
      return;
    }
    if (r.fraction) return skip(o, ctx, `${kind}: a fraction "${r.text}" where a count was expected`);
    pushCount(o, ctx, kind, r.n, r.text);
  };
}

/** A node count as the Observation states it; fields set one by one (no spreads: see emit). */
function pushCount(o: ObsInfo, ctx: Context, kind: NodeCount['kind'], n: number, text: string | undefined): void {
  const c: NodeCount = { kind, n, reference: o.ref, status: o.status };
  if (o.source.code) c.code = o.source.code;
  if (o.date) c.date = o.date;
  if (text) c.text = text;
  if (o.specimen) c.specimen = o.specimen;
  if (o.side) c.side = o.side;
  ctx.nodeCounts.push(c);
}

function deposit(o: ObsInfo, ctx: Context): void {
  const alnd = onDissection(o, ctx);
  if (alnd)
    return skip(o, ctx, `largest deposit measured on the axillary dissection (${alnd}), not the sentinel nodes`);
  const r = readLengthMm(o.obs);
  if (r && 'value' in r) return emit(o, r.text, ctx, 'largestDepositMm', r.value);
  skip(o, ctx, `largestDepositMm: ${r?.reason ?? 'no value'}`);
}

function tnm(axis: 'T' | 'N', stated: 'c' | 'p'): Handler {
  return (o, ctx) => {
    const found = tnmFromConcept(o.obs.valueCodeableConcept, valueTexts(o.obs));
    if (!found) return skip(o, ctx, `${stated}${axis} category not readable`);
    const t = found.tnm;
    // The category's words are the source text (never empty: they hold its T or N).
    const text = t.text;
    if (t.axis !== axis) return skip(o, ctx, `${t.text} is not a ${axis} category`);
    // The value's own prefix wins over the code's axis (MII codes pN under the clinical LOINC 21906-3).
    const prefix = t.prefix || stated;
    if (isPostNeoadjuvant(t))
      emit(o, text, ctx, 'neoadjuvantTherapy', true, { note: `post-neoadjuvant staging ${t.text}` });
    if (prefix.endsWith('c')) {
      const v = clinicalValue(t);
      if (v) return emit(o, text, ctx, axis === 'T' ? 'clinicalT' : 'clinicalN', v as InputValue);
      return skip(o, ctx, `c${t.category} is not a model input`);
    }
    if (axis === 'T') {
      if (t.suffixes.includes('(m)'))
        return emit(o, text, ctx, 'multifocal', true, { note: `"(m)" suffix of ${t.text}` });
      return skip(o, ctx, 'pathologic T category: not a model input (size comes from the measurement)');
    }
    const alnd = onDissection(o, ctx);
    if (alnd) return skip(o, ctx, `${t.text} is staged on the axillary dissection (${alnd}), not the sentinel nodes`);
    const burden = burdenFromPn(t);
    const noPositiveSentinel =
      t.category === 'N0' && !isPostNeoadjuvant(t) && (t.suffixes.includes('(sn)') || ctx.sentinelNodes);
    if (noPositiveSentinel)
      emit(o, text, ctx, 'slnPositive', 0, {
        note: `derived from ${t.text}: no node with a micro- or macrometastasis`,
      });
    if (burden) return emit(o, text, ctx, 'nodalBurden', burden, { note: `from ${t.text}` });
    if (noPositiveSentinel) return;
    if (!isPostNeoadjuvant(t))
      skip(o, ctx, `p${t.category}${t.suffixes.join('')} does not state the worst node category`);
  };
}

/** Why a nodal result belongs to the completion dissection rather than the sentinel nodes, if it does. */
function onDissection(o: ObsInfo, ctx: Context): string | undefined {
  return stagedOnDissection(o.obs, o.specimen, o.date ?? reportDate(o, ctx), ctx.dissection);
}

function reportDate(o: ObsInfo, ctx: Context): string | undefined {
  const report = ctx.byRef.get(ctx.reportOfResult.get(o.ref)?.report ?? '');
  return str(report?.effectiveDateTime) ?? str(report?.issued);
}

function menopause(o: ObsInfo, ctx: Context): void {
  const coded = lookup(o.obs.valueCodeableConcept, MENOPAUSE_ANSWERS);
  if (coded) return emit(o, coded.coding.display ?? coded.coding.code, ctx, 'menopausalStatus', coded.value);
  skip(o, ctx, 'menopausalStatus: value not readable');
}

function laterality(o: ObsInfo, ctx: Context): void {
  const coded = lookup(o.obs.valueCodeableConcept, LATERALITY_TABLE);
  const text = valueTexts(o.obs)[0];
  const side = coded ? coded.value : text ? parseSide(text) : undefined;
  if (side === 'left' || side === 'right')
    return emit(o, coded?.coding.display ?? text, ctx, 'laterality', side, { side });
  skip(o, ctx, 'laterality: value not readable or bilateral');
}

function procedure(o: ObsInfo, ctx: Context): void {
  for (const text of valueTexts(o.obs)) {
    const v = parseBreastSurgery(text, true);
    if (v) return emit(o, text, ctx, 'breastSurgery', v);
  }
  skip(o, ctx, 'breastSurgery: procedure is not a breast excision or mastectomy');
}

/** CAP "Treatment Effect": any stated response (or none) to presurgical therapy means it was given. */
function treatmentEffect(o: ObsInfo, ctx: Context): void {
  for (const text of valueTexts(o.obs)) {
    if (/no known presurgical|not applicable|no (prior )?(presurgical|neoadjuvant)/i.test(text))
      return skip(o, ctx, `treatment effect "${text}" does not say therapy was given`);
    if (/response|residual|treatment effect|therapy/i.test(text)) {
      return emit(o, text, ctx, 'neoadjuvantTherapy', true, {
        note: 'a treatment effect of presurgical therapy is reported',
      });
    }
  }
  skip(o, ctx, 'neoadjuvantTherapy: treatment effect not readable');
}

/** A clock position gives a quadrant only with the side of its own specimen, and only while no source contradicts that side. */
function clockPosition(o: ObsInfo, ctx: Context): void {
  const text = valueTexts(o.obs).find((t) => parseClock(t) !== undefined);
  if (!text) return skip(o, ctx, 'quadrant: clock position not readable');
  if (!o.side) return skip(o, ctx, 'quadrant: clock position without a known side');
  const q = quadrantFromClock(parseClock(text)!, o.side);
  if (!q) return skip(o, ctx, 'quadrant: clock position on a quadrant boundary');
  emit(o, text, ctx, 'quadrant', q, { note: `${text} on the ${o.side} breast`, sideDependent: true });
}

/** "Uninvolved by tumor cells": no node holds metastasis or ITCs, so none of the sentinel nodes does. */
function regionalNodeStatus(o: ObsInfo, ctx: Context): void {
  const text = valueTexts(o.obs).find((t) => /uninvolved by tumou?r|all regional lymph nodes negative/i.test(t));
  if (!text) return skip(o, ctx, 'regional lymph node status: not a statement that every node is uninvolved');
  if (!ctx.sentinelNodes)
    return skip(o, ctx, 'regional lymph node status: uninvolved nodes, but no sentinel node is named');
  const note = `all nodes ${text.toLowerCase()}`;
  emit(o, text, ctx, 'slnPositive', 0, { note });
  emit(o, text, ctx, 'slnItcOnly', 0, { note });
}

/** CAP TNM descriptors answered as components or values: "m" multiple foci, "y" after presurgical therapy. */
function tnmDescriptors(o: ObsInfo, ctx: Context): void {
  const words = [
    ...valueTexts(o.obs),
    ...records(o.obs.component).flatMap((c) => [conceptText(c.code), ...valueTexts(c)]),
  ].filter((w): w is string => !!w);
  const m = words.find((w) => /^\s*m\b\s*\(|multiple foci of invasive/i.test(w));
  const y = words.find((w) => /^\s*y\b\s*\(|post-?neoadjuvant/i.test(w));
  if (m) emit(o, m, ctx, 'multifocal', true, { note: 'TNM descriptor "m"' });
  if (y) emit(o, y, ctx, 'neoadjuvantTherapy', true, { note: 'TNM descriptor "y"' });
  if (!m && !y) skip(o, ctx, 'TNM descriptors: neither "m" nor "y"');
}

function narrative(o: ObsInfo, ctx: Context): void {
  const text =
    str(o.obs.valueString) ?? (isRecord(o.obs.valueCodeableConcept) ? str(o.obs.valueCodeableConcept.text) : undefined);
  if (!text) return skip(o, ctx, 'narrative without text');
  const dissection = onDissection(o, ctx);
  readReportText(text, { reference: o.ref, date: o.date, status: o.status, specimen: o.specimen, dissection }, ctx);
}

const HANDLERS: Record<ObservationConcept, Handler> = {
  tumorSizeInvasive: size(0),
  tumorSize: size(1),
  tumorSizeOverall: size(2),
  tumorLongestDimension: size(1),
  histologicType: histology,
  grade,
  gradeTotalScore: totalScore,
  nuclearPleomorphism,
  dcisNuclearGrade: (o, ctx) => skip(o, ctx, 'DCIS nuclear grade is not the nuclear grade of the invasive tumour'),
  lvi: (o, ctx) => presence(o, ctx, 'lvi'),
  extranodalExtension: (o, ctx) => presence(o, ctx, 'extranodalExtension'),
  focality,
  erStatus: receptor('erStatus'),
  erPercent: receptorPercent('erStatus'),
  prStatus: receptor('prStatus'),
  prPercent: receptorPercent('prStatus'),
  her2Overall: her2(0),
  her2Ish: her2(1),
  her2Ihc: her2(2),
  her2Serum: (o, ctx) => skip(o, ctx, 'serum HER2 is not a tumour result'),
  her2Other: (o, ctx) => skip(o, ctx, 'HER2 measure not used (ratio, copy number or panel)'),
  ki67,
  slnExamined: nodeCount('slnExamined'),
  slnPositive: nodeCount('slnPositive'),
  regionalExamined: nodeCount('regionalExamined'),
  regionalPositive: nodeCount('regionalPositive'),
  nodesItc: nodeCount('nodesItc'),
  nodesMicro: nodeCount('nodesMicro'),
  nodesMacro: nodeCount('nodesMacro'),
  largestDeposit: deposit,
  clinicalT: tnm('T', 'c'),
  clinicalN: tnm('N', 'c'),
  pathologicT: tnm('T', 'p'),
  pathologicN: tnm('N', 'p'),
  menopausalStatus: menopause,
  laterality,
  procedure,
  treatmentEffect,
  clockPosition,
  regionalNodeStatus,
  tnmDescriptors,
  notInput: (o, ctx) => skip(o, ctx, `${o.source.code ?? 'item'}: not a model input`),
  narrative,
};
