// TNM categories as text: AJCC strings ("pN1mi(sn)", "ypT2", "3C") and noisy report text ("pNO",
// "pTib"). Coded values (SNOMED AJCC values, legacy findings) are read by fhir/extract/tnm.ts, which
// hands their display or code to this parser (docs/fhir-mapping.md §8 pitfall 7).

import { allMatches } from './matches.ts';

export interface TnmCategory {
  axis: 'T' | 'N';
  /** "c", "p", "yc", "yp", "rp"…, or "" when the text gave none. */
  prefix: string;
  /** Category without prefix or suffixes, normalised: "T1c", "N1mi", "N0", "Tis", "NX". */
  category: string;
  /** Suffixes in lower case: "(m)", "(i+)", "(sn)"… */
  suffixes: string[];
  /** The text the category was read from. */
  text: string;
}

const T_RE =
  /(?<![a-z])(y?r?[cp])?\s?T(is|x|[0o](?![a-z])|1mi|[1-4][a-d]?|i[a-d])((?:\((?:m|\d{1,2})\))?)(?![a-z0-9])/gi;
// Reports write the N suffixes with or without a space: "pN0(i+)", "pN0 (i+)".
const N_RE =
  /(?<![a-z])(y?r?[cp])?\s?N(x|[0o]|1mi|[1-3][a-c]?|i[a-c]?)((?:\s?\((?:i[+-]|mol[+-]|sn|f)\))*)(?![a-z0-9])/gi;

/**
 * The start of every prefixed token, as T_RE and N_RE begin it: no letter before, then y/r, c or p,
 * then T or N. Words like "ductal" or "detected" hold "ct" after a letter and are ruled out here.
 */
const PREFIXED_AXIS = /(?<![a-z])y?r?[cp]\s?[tn]/i;

function normaliseCategory(axis: 'T' | 'N', raw: string): string {
  let c = raw.toLowerCase();
  if (c === 'o') c = '0';
  if (c === 'x') return `${axis}X`;
  if (c.startsWith('i') && c !== 'is') c = `1${c.slice(1)}`; // "pTib" → T1b: a typed I for 1
  return `${axis}${c}`;
}

function isTypedDigit(raw: string): boolean {
  const c = raw.toLowerCase();
  return c.startsWith('o') || (c.startsWith('i') && c !== 'is');
}

/**
 * TNM categories in a piece of text. With `requirePrefix`, only tokens written with c/p/y
 * ("pT1c", "ypN0") count, which keeps free text like "N0" in prose from being read as staging.
 */
export function parseTnm(text: string, requirePrefix: boolean): TnmCategory[] {
  const out: TnmCategory[] = [];
  // Every prefixed token starts as PREFIXED_AXIS does: most prose lines hold none.
  if (requirePrefix && !PREFIXED_AXIS.test(text)) return out;
  for (const [axis, re] of [
    ['T', T_RE],
    ['N', N_RE],
  ] as const) {
    for (const m of allMatches(re, text)) {
      const prefix = (m[1] ?? '').toLowerCase();
      if (requirePrefix && !prefix) continue;
      // A letter O or I typed for a digit is read only after a prefix ("pNO", "pTib"): alone, "No"
      // and "To" are words ("No data" is not N0).
      if (!prefix && isTypedDigit(m[2]!)) continue;
      out.push({
        axis,
        prefix,
        category: normaliseCategory(axis, m[2]!),
        suffixes: (m[3] ?? '').toLowerCase().match(/\([^)]*\)/g) ?? [],
        text: m[0].trim(),
      });
    }
  }
  return out;
}

/**
 * The category an answer starts with, when it is followed by its definition ("pN0: No regional
 * lymph node metastasis…", "pN3b: … in the presence of cN2b"): the definition states no category.
 */
export function leadingTnm(text: string): TnmCategory | undefined {
  if (!/^\s*(?:y?r?[cp])?\s?[TN][^:]{0,16}:/i.test(text)) return undefined;
  const head = text.slice(0, text.indexOf(':'));
  const found = parseTnm(head, false);
  return found.length === 1 ? found[0] : undefined;
}

export type NodalBurden = 'itc' | 'micro' | 'macro';

/**
 * Worst node category stated by a pN category (AJCC 8th): pN0(i+) → ITC, pN1mi → micro,
 * pN1a/pN2a/pN3a → at least one deposit > 2 mm. pN0, pN1 without subcategory, pN1b/c… say nothing certain.
 */
export function burdenFromPn(tnm: TnmCategory): NodalBurden | undefined {
  if (tnm.axis !== 'N') return undefined;
  if (tnm.category === 'N0' && tnm.suffixes.includes('(i+)')) return 'itc';
  if (tnm.category === 'N1mi') return 'micro';
  if (tnm.category === 'N1a' || tnm.category === 'N2a' || tnm.category === 'N3a') return 'macro';
  return undefined;
}

/** cT0–cT4 / cN0–cN3 of the vocabulary; cTis, cTX, cNX have no place in it. */
export function clinicalValue(tnm: TnmCategory): string | undefined {
  const m = /^([TN])(\d)/.exec(tnm.category);
  if (!m) return undefined;
  return `c${m[1]}${m[2]}`;
}

export function isPostNeoadjuvant(tnm: TnmCategory): boolean {
  return tnm.prefix.startsWith('y');
}
