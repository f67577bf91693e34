// Condition → laterality, quadrant, histology, diagnosis date, menopausal status.
import { MENOPAUSE_ANSWERS, QUADRANT_BY_C50_DIGIT, QUADRANT_SNOMED, type Quadrant, type Side } from '../codes.ts';
import type { Source } from '../../domain/facts.ts';
import { parseQuadrantWords } from '../../report/phrases.ts';
import { codeKey, codingsOf, conceptText, lookup } from './coding.ts';
import type { Context } from './context.ts';
import { isoDate, records, resourceRef, str, type Json } from './json.ts';
import { singleSide, sideOfCondition, type SideReading } from './laterality.ts';
import { histologyOf } from './observations.ts';

export interface BreastCancer {
  reference: string;
  side: SideReading | undefined;
  onset: string | undefined;
}

/** A breast cancer Condition: ICD-10-CM C50, SNOMED 254837009 family, or words. */
export function isBreastCancer(condition: Json): boolean {
  for (const c of codingsOf(condition.code)) {
    if (c.known === 'icd10cm' && c.code && /^C50/i.test(c.code)) return true;
    if (c.known === 'snomed' && (c.code === '254837009' || c.code === '353431000119107')) return true;
  }
  const text = conceptText(condition.code) ?? '';
  return /breast/i.test(text) && /malignan|carcinoma|cancer|neoplasm/i.test(text) && !/history of|family/i.test(text);
}

/** Quadrant of a condition: SNOMED quadrant body sites, ICD-O-3 topography C50.x, ICD-10-CM C50.x…, or words. */
function quadrantOf(condition: Json): { value: Quadrant; code?: string; text?: string } | undefined {
  for (const site of Array.isArray(condition.bodySite) ? condition.bodySite : []) {
    const coded = lookup(site, { snomed: QUADRANT_SNOMED });
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

export function extractCondition(condition: Json, ctx: Context, cancers: BreastCancer[]): void {
  const ref = resourceRef(condition);
  const verification = codingsOf(condition.verificationStatus).map((c) => c.code);
  if (verification.some((v) => v === 'entered-in-error' || v === 'refuted')) {
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
    ctx.collector.add({ input: 'menopausalStatus', value: menopause.value, origin: 'fhir', source: source(codeKey(menopause.coding)), status: 'final' });
    return;
  }
  if (!isBreastCancer(condition)) return ctx.collector.ignore(ref, 'not a breast cancer diagnosis');
  const sideReading = sideOfCondition(condition);
  cancers.push({ reference: ref, side: sideReading, onset });
  const side: Side | undefined = singleSide(sideReading);
  const base = { origin: 'fhir' as const, status: 'final' as const, ...(side ? { side } : {}) };
  if (side) ctx.collector.add({ ...base, input: 'laterality', value: side, source: source(undefined, conceptText(condition.code)) });
  const quadrant = quadrantOf(condition);
  if (quadrant) ctx.collector.add({ ...base, input: 'quadrant', value: quadrant.value, source: source(quadrant.code, quadrant.text) });
  for (const ext of records(condition.extension)) {
    if (!HISTOLOGY_EXTENSION.test(str(ext.url) ?? '')) continue;
    const h = histologyOf(ext.valueCodeableConcept, [conceptText(ext.valueCodeableConcept) ?? ''].filter(Boolean));
    const coding = codingsOf(ext.valueCodeableConcept)[0];
    if (h) ctx.collector.add({ ...base, input: 'histologicType', value: h.value, source: source(coding ? codeKey(coding) : undefined, h.text) });
  }
}
