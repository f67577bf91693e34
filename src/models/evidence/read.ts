// Three-valued readings of the clinical facts for the eligibility rules: a missing or disputed
// input yields undefined (unknown), never false.
import { valueOf, type ClinicalFacts } from '../../domain/facts.ts';
import type { InputName, InputValues } from '../../domain/vocabulary.ts';
import type { Tri } from './types.ts';

export function is<K extends InputName>(facts: ClinicalFacts, name: K, ...values: InputValues[K][]): Tri {
  const v = valueOf(facts, name);
  return v === undefined ? undefined : values.includes(v);
}

export function isTrue(facts: ClinicalFacts, name: InputName): Tri {
  const v = valueOf(facts, name);
  return typeof v === 'boolean' ? v : undefined;
}

export function atMost(facts: ClinicalFacts, name: InputName, max: number): Tri {
  const v = valueOf(facts, name);
  return typeof v === 'number' ? v <= max : undefined;
}

export function within(facts: ClinicalFacts, name: InputName, min: number, max: number): Tri {
  const v = valueOf(facts, name);
  return typeof v === 'number' ? v >= min && v <= max : undefined;
}

/** Kleene AND: false wins over unknown. */
export function and(...values: Tri[]): Tri {
  if (values.includes(false)) return false;
  return values.includes(undefined) ? undefined : true;
}

/** Kleene OR: true wins over unknown. */
export function or(...values: Tri[]): Tri {
  if (values.includes(true)) return true;
  return values.includes(undefined) ? undefined : false;
}

export function not(value: Tri): Tri {
  return value === undefined ? undefined : !value;
}

/** Women only: "other" or "unknown" sex cannot be decided. */
export function female(facts: ClinicalFacts): Tri {
  const sex = valueOf(facts, 'sex');
  if (sex === 'female') return true;
  if (sex === 'male') return false;
  return undefined;
}

/**
 * The number of sentinel nodes with a macrometastasis as a range the facts force: stated, or
 * bounded by the worst deposit and the positive count (macro worst with 2 positive ⇒ 1–2).
 */
export function macroCountRange(facts: ClinicalFacts): { min: number; max: number } | undefined {
  const stated = valueOf(facts, 'slnMacroCount');
  if (stated !== undefined) return { min: stated, max: stated };
  const burden = valueOf(facts, 'nodalBurden');
  const positive = valueOf(facts, 'slnPositive');
  if (positive === 0 || burden === 'itc' || burden === 'micro') return { min: 0, max: 0 };
  if (burden === 'macro') return { min: 1, max: positive ?? Infinity };
  return positive === undefined ? undefined : { min: 0, max: positive };
}

/** Is the number of macrometastatic sentinel nodes within min..max? Unknown when the range straddles it. */
export function macroCountWithin(facts: ClinicalFacts, min: number, max: number): Tri {
  const range = macroCountRange(facts);
  if (!range) return undefined;
  if (range.min >= min && range.max <= max) return true;
  if (range.max < min || range.min > max) return false;
  return undefined;
}

/** For criteria needing facts outside the vocabulary: always unknown. */
export const unreadable = (): Tri => undefined;
