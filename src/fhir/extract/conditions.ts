// Condition → laterality, quadrant, histology, diagnosis date, menopausal status.
import {
  HISTOLOGY_SNOMED,
  BREAST_CANCER_SNOMED,
  BREAST_SITE_SNOMED,
  GENERIC_CANCER_SNOMED,
  MENOPAUSE_ANSWERS,
  QUADRANT_BY_C50_DIGIT,
  QUADRANT_SNOMED,
} from '../codes.ts';
import type { InputValue, Quadrant, Side } from '../../domain/vocabulary.ts';
import type { Source } from '../../domain/facts.ts';
import { parseQuadrantWords } from '../../report/phrases.ts';
import { codeKey, codingsOf, conceptText, hasCodeIn, lookup } from './coding.ts';
import type { Candidate } from './candidate.ts';
import type { Context } from './context.ts';
import { records, str, type Json } from '../../domain/json.ts';
import { isoDate, resourceRef } from '../fields.ts';
import { singleSide, sideOfCondition, type SideReading } from './laterality.ts';
import { histologyOf } from './observations.ts';

// Code tables made once: lookup keeps its Maps per table.
const QUADRANT_TABLE = { snomed: QUADRANT_SNOMED };
const HISTOLOGY_TABLE = { snomed: HISTOLOGY_SNOMED };

export interface BreastCancer {
  reference: string;
  side: SideReading | undefined;
  onset: string | undefined;
}

function isBreastSite(site: unknown): boolean {
  return (
    codingsOf(site).some((c) => c.known === 'snomed' && !!c.code && BREAST_SITE_SNOMED[c.code] === true) ||
    /\bbreast\b/i.test(conceptText(site) ?? '')
  );
}

const CANCER_WORDS = /malignan|carcinoma|cancer|neoplasm/i;

/**
 * A breast cancer Condition: ICD-10-CM C50, a breast cancer SNOMED code, words, or a generic
 * cancer code (or words) with a breast body site.
 */
export function isBreastCancer(condition: Json): boolean {
  const codings = codingsOf(condition.code);
  for (const c of codings) {
    if (c.known === 'icd10cm' && c.code && /^C50/i.test(c.code)) return true;
    if (c.known === 'snomed' && c.code && BREAST_CANCER_SNOMED[c.code]) return true;
  }
  const text = conceptText(condition.code) ?? '';
  if (/history of|family/i.test(text)) return false;
  if (/breast/i.test(text) && CANCER_WORDS.test(text)) return true;
  const generic =
    codings.some((c) => c.known === 'snomed' && !!c.code && GENERIC_CANCER_SNOMED[c.code] === true) ||
    CANCER_WORDS.test(text);
  return generic && records(condition.bodySite).some(isBreastSite);
}

/** Quadrant of a condition: SNOMED quadrant body sites, ICD-O-3 topography C50.x, ICD-10-CM C50.x…, or words. */
function quadrantOf(condition: Json): { value: Quadrant; code?: string; text?: string } | undefined {
  for (const site of Array.isArray(condition.bodySite) ? condition.bodySite : []) {
    const coded = lookup(site, QUADRANT_TABLE);
    if (coded) return { value: coded.value, code: codeKey(coded.coding)! };
    for (const c of codingsOf(site)) {
      const m = c.code && /^C50\.?(\d)$/i.exec(c.code);
      if (m && QUADRANT_BY_C50_DIGIT[m[1]!]) return { value: QUADRANT_BY_C50_DIGIT[m[1]!]!, code: codeKey(c)! };
    }
    const words = conceptText(site);
    const q = words ? parseQuadrantWords(words) : undefined;
    if (q) return { value: q, text: words! };
  }
  for (const c of codingsOf(condition.code)) {
    const m = c.known === 'icd10cm' && c.code ? /^C50\.(\d)\d\d$/i.exec(c.code) : null;
    if (m && QUADRANT_BY_C50_DIGIT[m[1]!]) return { value: QUADRANT_BY_C50_DIGIT[m[1]!]!, code: codeKey(c)! };
  }
  return undefined;
}

const HISTOLOGY_EXTENSION = /histology-morphology-behavior/i;
/** Verification statuses that make the diagnosis void. */
const VOID_VERIFICATION: ReadonlySet<string> = new Set(['entered-in-error', 'refuted']);

export function extractCondition(condition: Json, ctx: Context, cancers: BreastCancer[]): void {
  const ref = resourceRef(condition);
  // The raw codings are read (no arrays built): an array empty in some records and holding
  // strings in others made V8 optimise this again.
  if (hasCodeIn(condition.verificationStatus, VOID_VERIFICATION)) {
    const verification = codingsOf(condition.verificationStatus).map((c) => c.code);
    return ctx.collector.ignore(ref, `verification status ${verification.join(', ')}`);
  }
  const menopause = lookup(condition.code, MENOPAUSE_ANSWERS);
  const onset = isoDate(condition.onsetDateTime) ?? isoDate(str(condition.recordedDate));
  const source = (code?: string, text?: string): Source => {
    const s: Source = { reference: ref };
    if (code) s.code = code;
    if (onset) s.date = onset;
    if (text) s.text = text;
    return s;
  };
  if (menopause) {
    ctx.collector.add({
      input: 'menopausalStatus',
      value: menopause.value,
      origin: 'fhir',
      source: source(codeKey(menopause.coding)),
      status: 'final',
    });
    return;
  }
  if (!isBreastCancer(condition)) return ctx.collector.ignore(ref, 'not a breast cancer diagnosis');
  const sideReading = sideOfCondition(condition);
  cancers.push({ reference: ref, side: sideReading, onset });
  const side: Side | undefined = singleSide(sideReading);
  const add = (input: 'laterality' | 'quadrant' | 'histologicType', value: InputValue, from: Source): void => {
    const c: Candidate = { origin: 'fhir', status: 'final', input, value, source: from };
    if (side) c.side = side;
    ctx.collector.add(c);
  };
  if (side) add('laterality', side, source(undefined, conceptText(condition.code)));
  const quadrant = quadrantOf(condition);
  if (quadrant) add('quadrant', quadrant.value, source(quadrant.code, quadrant.text));
  let histologyRead = false;
  for (const ext of records(condition.extension)) {
    if (!HISTOLOGY_EXTENSION.test(str(ext.url) ?? '')) continue;
    const h = histologyOf(ext.valueCodeableConcept, [conceptText(ext.valueCodeableConcept) ?? ''].filter(Boolean));
    const coding = codingsOf(ext.valueCodeableConcept)[0];
    if (h) add('histologicType', h.value, source(coding ? codeKey(coding) : undefined, h.text));
    histologyRead = histologyRead || !!h;
  }
  // A diagnosis code may name the histology itself ("Infiltrating duct carcinoma of breast").
  const coded = histologyRead
    ? undefined
    : histologyOf(condition.code, [conceptText(condition.code) ?? ''].filter(Boolean));
  if (coded) {
    const coding = lookup(condition.code, HISTOLOGY_TABLE)?.coding;
    add('histologicType', coded.value, source(coding ? codeKey(coding) : undefined, coded.text));
  }
}
