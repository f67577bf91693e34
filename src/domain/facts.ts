// Facts: every clinical input is present (with provenance), missing, or in conflict.
// Nothing is ever filled with a default (docs/architecture.md "The core").
import { INPUT_NAMES, type InputName, type InputValue, type InputValues } from './vocabulary.ts';

export type Origin = 'fhir' | 'report-text' | 'derived' | 'clinician';

export interface Source {
  /** "Observation/o7", "DiagnosticReport/r1", or "clinician" for a typed entry. */
  reference: string;
  /** "system|code" of the coding that identified the value, when there was one. */
  code?: string;
  /** Effective or issued date of the source (ISO 8601). */
  date?: string;
  /** The exact text the value was read from (report line, valueString, code display). */
  text?: string;
}

export interface PresentFact<T = InputValue> {
  status: 'present';
  value: T;
  origin: Origin;
  sources: Source[];
  note?: string;
  /** For origin "derived": the inputs this fact was computed from. */
  derivedFrom?: InputName[];
}

export interface MissingFact {
  status: 'missing';
  /** Why it is missing when that is known (e.g. "counts are inconsistent"). */
  note?: string;
}

export interface ConflictFact<T = InputValue> {
  status: 'conflict';
  candidates: PresentFact<T>[];
  note?: string;
}

export type Fact<T = InputValue> = PresentFact<T> | MissingFact | ConflictFact<T>;

export type ClinicalFacts = { [K in InputName]: Fact<InputValues[K]> };

/** A resource or value the extraction skipped, with the reason (shown, never silently dropped). */
export interface IgnoredItem {
  reference: string;
  reason: string;
}

export const MISSING: MissingFact = Object.freeze({ status: 'missing' }) as MissingFact;

/** Every input missing, built once: each call copies it. */
const NO_FACTS: ClinicalFacts = noFacts();

function noFacts(): ClinicalFacts {
  const facts = {} as Record<InputName, Fact>;
  for (const name of INPUT_NAMES) facts[name] = MISSING;
  // Dozens of keys added one by one leave V8 a slow dictionary object; a spread copy (same keys,
  // same order) is a fast one, which every reader of the facts and every later copy then uses.
  return { ...facts } as ClinicalFacts;
}

export function emptyFacts(): ClinicalFacts {
  // A spread of one fast object of one shape: a single copy, no keys added one by one.
  return { ...NO_FACTS };
}

export function present<T extends InputValue>(
  value: T,
  origin: Origin,
  sources: Source[],
  extra: { note?: string; derivedFrom?: InputName[] } = {},
): PresentFact<T> {
  return { status: 'present', value, origin, sources, ...extra };
}

/** The value of a fact when it is present, else undefined (missing and conflict alike). */
export function valueOf<K extends InputName>(facts: ClinicalFacts, name: K): InputValues[K] | undefined {
  const fact = facts[name] as Fact<InputValues[K]>;
  return fact.status === 'present' ? fact.value : undefined;
}
