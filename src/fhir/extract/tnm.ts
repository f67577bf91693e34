// TNM categories from coded values, in every encoding seen (docs/fhir-mapping.md §8 pitfall 7):
// SNOMED AJCC values, AJCC strings as codes, legacy SNOMED findings; else the concept's text.
// The text itself is parsed by report/tnm.ts.
import { TNM_SNOMED } from '../codes.ts';
import { leadingTnm, parseTnm, type TnmCategory } from '../../report/tnm.ts';
import { codingsOf, lookup } from './coding.ts';

/** Made once: lookup keeps its Maps per table. */
const TNM_TABLE = { snomed: TNM_SNOMED };

/** A TNM category from a coded value: SNOMED AJCC codes, AJCC strings, legacy findings; else its text. */
export function tnmFromConcept(concept: unknown, texts: string[]): { tnm: TnmCategory; code?: string } | undefined {
  const coded = lookup(concept, TNM_TABLE);
  if (coded) {
    const found = parseTnm(coded.value, false)[0];
    if (found) return { tnm: found, code: `${coded.coding.system ?? ''}|${coded.coding.code}` };
  }
  // AJCC strings are often the code itself ("ypN1mi" under http://cancerstaging.org).
  for (const c of codingsOf(concept)) {
    if (c.known !== 'ajcc' || !c.code) continue;
    const found = parseTnm(c.code!, false);
    if (found.length === 1) return { tnm: found[0]!, code: `${c.system}|${c.code}` };
  }
  for (const text of texts) {
    const lead = leadingTnm(text);
    if (lead) return { tnm: lead };
    const found = parseTnm(text, false);
    if (found.length === 1) return { tnm: found[0]! };
  }
  return undefined;
}
