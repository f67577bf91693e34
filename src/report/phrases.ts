// Reading values out of pathology wording (docs/fhir-mapping.md §6). Shared by the report
// parser and by FHIR values that arrive as text (valueString, CodeableConcept.text, CAP answer
// displays). Every function returns undefined when the wording is not clearly one answer:
// a phrase we cannot read confidently must not become a fact.
import type { HistologicType, Quadrant, Side } from '../domain/vocabulary.ts';
import { allMatches } from './matches.ts';

const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  none: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
};

/** "3", "three", "03" → 3. Only a whole, unqualified count. */
export function parseCountWord(text: string): number | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[.;]+$/, '');
  if (/^\d{1,3}$/.test(t)) return Number(t);
  return Object.prototype.hasOwnProperty.call(NUMBER_WORDS, t) ? NUMBER_WORDS[t] : undefined;
}

export interface Fraction {
  numerator: number;
  denominator: number;
}

const COUNT_WORDS = Object.keys(NUMBER_WORDS).join('|');
const FRACTION = new RegExp(
  `\\b(\\d{1,3}|${COUNT_WORDS})\\s*(?:/|\\bof\\b|\\bout of\\b)\\s*(\\d{1,3}|${COUNT_WORDS})\\b`,
  'i',
);

/** "1/3", "1 of 3", "one of three", "(2/3)". Undefined when absent or numerator > denominator. */
export function parseFraction(text: string): Fraction | undefined {
  const m = FRACTION.exec(text);
  if (!m) return undefined;
  const numerator = parseCountWord(m[1]!);
  const denominator = parseCountWord(m[2]!);
  if (numerator === undefined || denominator === undefined || numerator > denominator) return undefined;
  return { numerator, denominator };
}

/** A count written as the whole value: "3", "three", "3 nodes". Fractions are not counts. */
export function parseCount(text: string): number | undefined {
  const t = text
    .trim()
    .replace(/\s*\(.*\)\s*$/, '')
    .replace(/\s+(lymph\s+)?nodes?$/i, '');
  if (/\//.test(t)) return undefined;
  return parseCountWord(t);
}

const UNIT_MM: Record<string, number> = {
  mm: 1,
  millimeter: 1,
  millimeters: 1,
  millimetre: 1,
  millimetres: 1,
  cm: 10,
  centimeter: 10,
  centimeters: 10,
  centimetre: 10,
  centimetres: 10,
  um: 0.001,
  µm: 0.001,
  μm: 0.001,
  micron: 0.001,
  microns: 0.001,
  micrometer: 0.001,
  micrometers: 0.001,
  micrometre: 0.001,
  micrometres: 0.001,
};

/** Millimetres per unit, for unit strings written by people or UCUM ("mm", "cm", "um", "[mm]"…). */
export function unitToMm(unit: string | undefined): number | undefined {
  if (!unit) return undefined;
  const u = unit
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  return Object.prototype.hasOwnProperty.call(UNIT_MM, u) ? UNIT_MM[u] : undefined;
}

export type LengthReading = { mm: number } | { reason: string };

const QUALIFIER =
  /(at least|greater than|more than|less than|up to|approximately|approx\.?|about|under|over|<=?|>=?|≤|≥|~)\s*$/i;

/**
 * The largest dimension in a size phrase: "13 mm", "1.3 cm", "1,8 cm", "2.1 x 1.5 x 1.0 cm".
 * Qualified sizes ("at least 13 mm", "< 1 mm") and "cannot be determined" give a reason instead.
 */
export function parseLengthMm(text: string): LengthReading | undefined {
  if (/cannot be (determined|assessed)|indeterminate|not applicable/i.test(text)) {
    return { reason: `size not determinable: "${text.trim()}"` };
  }
  if (/\bspecify\b/i.test(text)) return { reason: `size coded without the measurement: "${text.trim()}"` };
  const m =
    /(\d+(?:[.,]\d+)?)((?:\s*(?:x|×|by)\s*\d+(?:[.,]\d+)?)*)\s*(mm|cm|µm|μm|um|microns?|mill?imet(?:er|re)s?|centimet(?:er|re)s?|micromet(?:er|re)s?)\b/i.exec(
      text,
    );
  if (!m) return undefined;
  if (QUALIFIER.test(text.slice(0, m.index))) return { reason: `qualified size: "${text.trim()}"` };
  const factor = unitToMm(m[3]);
  if (factor === undefined) return undefined;
  const numbers = [m[1]!, ...(m[2]!.match(/\d+(?:[.,]\d+)?/g) ?? [])].map((n) => Number(n.replace(',', '.')));
  const mm = Math.max(...numbers) * factor;
  return Number.isFinite(mm) ? { mm: roundMm(mm) } : undefined;
}

/** Removes floating-point noise from unit conversion (1.8 cm → 18 mm, not 18.000000000000004). */
export function roundMm(mm: number): number {
  return Math.round(mm * 1e6) / 1e6;
}

/** "90%", "15 %". A range ("15-20%") or a qualified value ("<1%") is not one number. */
export function parsePercent(text: string): number | undefined {
  const m = /(\d{1,3}(?:[.,]\d+)?)\s*%/.exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index);
  if (/[-–]\s*$/.test(before) || /(less than|greater than|<|>|≤|≥|up to)\s*$/i.test(before)) return undefined;
  const value = Number(m[1]!.replace(',', '.'));
  return value >= 0 && value <= 100 ? value : undefined;
}

function only<T>(hits: T[]): T | undefined {
  const distinct = [...new Set(hits)];
  return distinct.length === 1 ? distinct[0] : undefined;
}

/** ER wording: "Positive (95%, strong)", "Low Positive (1–10%)", "Negative". */
export function parseErStatus(text: string): 'positive' | 'low-positive' | 'negative' | undefined {
  if (/low[\s-]*positive/i.test(text)) return 'low-positive';
  return parseReceptor(text);
}

/** PR has no low-positive category in the vocabulary: CAP's "Low Positive" is positive. */
export function parsePrStatus(text: string): 'positive' | 'negative' | undefined {
  if (/low[\s-]*positive/i.test(text)) return 'positive';
  return parseReceptor(text);
}

function parseReceptor(text: string): 'positive' | 'negative' | undefined {
  const hits: ('positive' | 'negative')[] = [];
  if (/\bnegative\b/i.test(text)) hits.push('negative');
  if (/\bpositive\b/i.test(text)) hits.push('positive');
  return only(hits);
}

/** HER2 wording, IHC or ISH: "Negative (Score 1+)", "Equivocal (2+)", "Positive (3+)", "Not amplified". */
export function parseHer2Status(text: string): 'positive' | 'equivocal' | 'negative' | undefined {
  const hits: ('positive' | 'equivocal' | 'negative')[] = [];
  if (/\bequivocal\b/i.test(text)) hits.push('equivocal');
  if (/\bnegative\b|\bnot amplified\b|\bnon-?amplified\b/i.test(text)) hits.push('negative');
  if (/\bpositive\b|(?<!not |non-?)\bamplified\b/i.test(text)) hits.push('positive');
  if (hits.length > 0) return only(hits);
  const score = /(?:score\s*)?\b([0-3])\s*\+|\bscore\s*([0-3])\b/i.exec(text);
  if (!score) return undefined;
  const n = Number(score[1] ?? score[2]);
  return n === 3 ? 'positive' : n === 2 ? 'equivocal' : 'negative';
}

/** Present / absent wording (LVI, extranodal extension). "Cannot be determined" → undefined. */
export function parsePresence(text: string): boolean | undefined {
  const t = text.toLowerCase();
  if (
    /cannot be (determined|assessed)|indeterminate|equivocal|suspicious|not assessed|unknown|not applicable/.test(t)
  ) {
    return undefined;
  }
  if (/not identified|not present|not seen|\babsent\b|\bnegative\b|no evidence|\bnone\b|^\s*no\b|not detected/.test(t))
    return false;
  if (/\bpresent\b|\bidentified\b|\bpositive\b|^\s*yes\b|\bdetected\b/.test(t)) return true;
  return undefined;
}

const ROMAN: Record<string, 1 | 2 | 3> = { i: 1, ii: 2, iii: 3, '1': 1, '2': 2, '3': 3 };
const GRADE = /\bgrade\s*(iii|ii|i|[123])\b|\bG([123])\b/gi;

/** Nottingham grade wording: "Grade 2 (scores of 6 or 7)", "G3", "Nottingham grade II", "intermediate". */
export function parseGrade(text: string): 1 | 2 | 3 | undefined {
  const hits: (1 | 2 | 3)[] = [];
  for (const m of allMatches(GRADE, text)) {
    hits.push(ROMAN[(m[1] ?? m[2]!).toLowerCase()]!);
  }
  if (hits.length === 0) {
    if (/\blow\b|well[\s-]differentiated/i.test(text)) hits.push(1);
    if (/\bintermediate\b|moderately[\s-]differentiated/i.test(text)) hits.push(2);
    if (/\bhigh\b|poorly[\s-]differentiated/i.test(text)) hits.push(3);
  }
  return only(hits);
}

/** Nottingham total score 3–9 → grade (3–5 → 1, 6–7 → 2, 8–9 → 3; Elston–Ellis, as CAP's answer lists state). */
export function gradeFromTotalScore(score: number): 1 | 2 | 3 | undefined {
  if (!Number.isInteger(score) || score < 3 || score > 9) return undefined;
  return score <= 5 ? 1 : score <= 7 ? 2 : 3;
}

/** A Nottingham component score "Score 2" or a bare "2". */
export function parseComponentScore(text: string): 1 | 2 | 3 | undefined {
  const m = /^\s*(?:score\s*)?([123])\b/i.exec(text) ?? /\bscore\s*([123])\b/i.exec(text);
  return m ? ROMAN[m[1]!] : undefined;
}

const IN_SITU = /(ductal|duct|lobular) carcinoma in situ|\bDCIS\b|\bLCIS\b/gi;

/** Histologic type wording: "Invasive carcinoma of no special type (ductal)", "Invasive lobular carcinoma"… */
export function parseHistologicType(text: string): HistologicType | undefined {
  const t = text.replace(IN_SITU, ' ');
  if (
    /\bmixed\b|ductal (and|&) lobular|lobular (and|&) ductal|ductal\b.{0,30}\blobular features|lobular\b.{0,30}\bductal features/i.test(
      t,
    )
  ) {
    return 'mixed';
  }
  const hits: HistologicType[] = [];
  if (/\blobular\b/i.test(t)) hits.push('lobular');
  if (/no special type|\bductal\b|\b(infiltrating|invasive) duct carcinoma|\bNST\b|\bIDC\b/i.test(t))
    hits.push('ductal');
  if (
    /mucinous|tubular carcinoma|medullary|micropapillary|metaplastic|cribriform carcinoma|papillary carcinoma|apocrine|adenoid cystic/i.test(
      t,
    )
  ) {
    hits.push('other');
  }
  return only(hits);
}

export function parseSide(text: string): Side | undefined {
  const hits: Side[] = [];
  if (/\bleft\b|\blt\.?\s+breast/i.test(text)) hits.push('left');
  if (/\bright\b|\brt\.?\s+breast/i.test(text)) hits.push('right');
  if (/bilateral/i.test(text)) return undefined;
  return only(hits);
}

/** Quadrant from wording ("Upper outer quadrant", "UOQ", "subareolar"). */
export function parseQuadrantWords(text: string): Quadrant | undefined {
  const hits: Quadrant[] = [];
  if (/upper[\s-]outer|\bUOQ\b/i.test(text)) hits.push('UOQ');
  if (/upper[\s-]inner|\bUIQ\b/i.test(text)) hits.push('UIQ');
  if (/lower[\s-]outer|\bLOQ\b/i.test(text)) hits.push('LOQ');
  if (/lower[\s-]inner|\bLIQ\b/i.test(text)) hits.push('LIQ');
  if (/\bcentral\b|subareolar|retroareolar/i.test(text)) hits.push('central');
  if (/axillary tail/i.test(text)) hits.push('axillary-tail');
  if (/overlapping/i.test(text)) hits.push('overlapping');
  return only(hits);
}

/** The clock position in hours (10:30 → 10.5) from "10 o'clock" / "10:30 o'clock". */
export function parseClock(text: string): number | undefined {
  const m = /\b(1[0-2]|0?[1-9])(?::([0-5]\d))?\s*o['’]?\s*clock/i.exec(text);
  if (!m) return undefined;
  return Number(m[1]) + (m[2] ? Number(m[2]) / 60 : 0);
}

/**
 * Clock position → quadrant, as seen facing the patient (docs/fhir-mapping.md §6): on the right breast
 * the outer half is 6–12 o'clock, on the left 12–6. A position on a quadrant boundary (12, 3, 6, 9)
 * belongs to two quadrants and gives no answer.
 */
export function quadrantFromClock(hours: number, side: Side): Quadrant | undefined {
  const h = hours % 12; // 12 → 0
  if (h === 0 || h === 3 || h === 6 || h === 9) return undefined;
  const upper = h < 3 || h > 9;
  const medialOnRight = h > 0 && h < 6; // 12–6 is the inner half of the right breast
  const outer = side === 'right' ? !medialOnRight : medialOnRight;
  return upper ? (outer ? 'UOQ' : 'UIQ') : outer ? 'LOQ' : 'LIQ';
}

/** "Lumpectomy", "Excision (less than total mastectomy)", "Total mastectomy". */
export function parseBreastSurgery(
  text: string,
  allowPlainExcision = false,
): 'breast-conserving' | 'mastectomy' | undefined {
  if (
    /less than total mastectomy|partial mastectomy|segmental mastectomy|lumpectomy|wide local excision|breast[\s-]conserving|quadrantectomy/i.test(
      text,
    )
  ) {
    return 'breast-conserving';
  }
  if (/mastectomy/i.test(text)) return 'mastectomy';
  if (allowPlainExcision && /\bexcision\b/i.test(text) && !/node/i.test(text)) return 'breast-conserving';
  return undefined;
}

/** Focality wording: "Single focus of invasive carcinoma" / "Multiple foci…" / "multifocal". */
export function parseFocality(text: string): boolean | undefined {
  const hits: boolean[] = [];
  if (/single focus|unifocal|\bsolitary\b/i.test(text)) hits.push(false);
  if (/multiple foci|multifocal|multicentric/i.test(text)) hits.push(true);
  return only(hits);
}
