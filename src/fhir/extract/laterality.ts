// Which breast a resource is about: mCODE laterality qualifier, pre-coordinated body sites,
// ICD-10-CM 6th character, or words.
import { LATERALITY_SNOMED } from '../codes.ts';
import type { Side } from '../../domain/vocabulary.ts';
import { parseSide } from '../../report/phrases.ts';
import { codingsOf, conceptText, lookup } from './coding.ts';
import { isRecord, records, str } from '../../domain/json.ts';

export type SideReading = Side | 'both';

/** Made once: lookup keeps its Maps per table. */
export const LATERALITY_TABLE = { snomed: LATERALITY_SNOMED };

/** Side stated by a CodeableConcept body site (with its laterality/location qualifier extensions). */
export function sideOfBodySite(bodySite: unknown): SideReading | undefined {
  if (!isRecord(bodySite)) return undefined;
  for (const ext of records(bodySite.extension)) {
    if (!/laterality/i.test(str(ext.url) ?? '')) continue;
    const hit = lookup(ext.valueCodeableConcept, LATERALITY_TABLE);
    if (hit) return hit.value;
  }
  const coded = lookup(bodySite, LATERALITY_TABLE);
  if (coded) return coded.value;
  const text = conceptText(bodySite);
  return text ? parseSide(text) : undefined;
}

/** ICD-10-CM C50.xyz: the 6th character is 1 right, 2 left (9 unspecified). */
export function sideOfIcd10(code: string): Side | undefined {
  const m = /^C50\.\d[12]([12])$/i.exec(code);
  if (!m) return undefined;
  return m[1] === '1' ? 'right' : 'left';
}

/** Side of a condition: body sites first, then its code. */
export function sideOfCondition(condition: Record<string, unknown>): SideReading | undefined {
  const sides = new Set<SideReading>();
  for (const site of Array.isArray(condition.bodySite) ? condition.bodySite : []) {
    const s = sideOfBodySite(site);
    if (s) sides.add(s);
  }
  for (const c of codingsOf(condition.code)) {
    if (c.known === 'icd10cm' && c.code) {
      const s = sideOfIcd10(c.code);
      if (s) sides.add(s);
    }
    if (c.known === 'snomed' && c.code && LATERALITY_SNOMED[c.code]) sides.add(LATERALITY_SNOMED[c.code]!);
  }
  if (sides.size === 1) return [...sides][0];
  return sides.size > 1 ? 'both' : undefined;
}

export function singleSide(s: SideReading | undefined): Side | undefined {
  return s === 'left' || s === 'right' ? s : undefined;
}
