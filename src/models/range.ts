// A probability model over its categorical unknowns: when the only inputs a model still needs take
// a finite set of values (detection method, LVI, multifocality, nuclear grade, an assumption such
// as how ITC-only nodes count), the model is computed for every value consistent with the record.
//
// low/high are exact without enumerating every combination: the linear predictor is a sum of
// terms and the logistic function is increasing, so the extremes are the sums of each group's
// extremes, where a group is the set of terms that share unknown inputs (usually one term).
// Only the list of combinations shown (`values`) is enumerated, up to RANGE_VALUES_CAP.
import { present, type ClinicalFacts, type Fact } from '../domain/facts.ts';
import { INPUTS, type InputName, type InputSpec, type InputValue } from '../domain/vocabulary.ts';
import { inputsOfCondition } from './conditions.ts';
import type { Term } from './definition.ts';
import type { ProbabilityRange, RangeValue } from './result.ts';

export const RANGE_VALUES_CAP = 64;

export type Assignment = Partial<Record<InputName, InputValue>>;

/**
 * The facts with some inputs set to assumed values, one assignment after another (internal to the
 * range; never shown as record facts). One working copy serves a whole range: a copy of the
 * facts per assignment cost more than the assignment's sum, in code that runs mostly unoptimised
 * (about one patient in ten of a cohort gets a range).
 */
export class TrialFacts {
  readonly facts: ClinicalFacts;
  private readonly copy: Record<InputName, Fact>;
  constructor(private readonly record: ClinicalFacts) {
    this.copy = { ...record } as Record<InputName, Fact>;
    this.facts = this.copy as unknown as ClinicalFacts;
  }
  /** Sets one input to an assumed value. */
  assume(name: InputName, value: InputValue): void {
    this.copy[name] = present(value, 'clinician', [{ reference: 'range' }], { note: 'one value of a range' });
  }
  /** Gives the inputs back their recorded facts. */
  restore(names: readonly InputName[]): void {
    for (let i = 0; i < names.length; i++) this.copy[names[i]!] = this.record[names[i]!];
  }
}

/** Every value an input can take, as the vocabulary defines it; null for numbers (not ranged). */
export function finiteValues(name: InputName): readonly InputValue[] | null {
  const spec: InputSpec = INPUTS[name];
  if (spec.type === 'boolean') return [true, false];
  if (spec.type === 'enum') return spec.values as readonly InputValue[];
  return null;
}

/**
 * Values ruled out by another recorded input — only logical necessities, never likelihoods.
 * Nottingham grade is the sum of three scores of 1–3 (tubule formation, nuclear pleomorphism,
 * mitoses): grade 3 is 8–9 points, so the nuclear score is at least 2 (the other two give at
 * most 6); grades 1 (3–5 points) and 2 (6–7 points) allow every nuclear score.
 */
export function consistentWithRecord(name: InputName, value: InputValue, facts: ClinicalFacts): boolean {
  if (name === 'nuclearGrade') {
    const grade = facts.grade;
    return !(grade.status === 'present' && grade.value === 3 && value === 1);
  }
  return true;
}

export function inputsOfTerm(term: Term): InputName[] {
  if (term.type === 'indicator') return inputsOfCondition(term.when);
  if (term.type === 'levels') return term.levels.flatMap((l) => inputsOfCondition(l.when));
  return [term.input, ...(term.adds ?? []).flatMap((a) => [a.input, ...inputsOfCondition(a.when)])];
}

/** All combinations of the domains, in order (first input varies slowest), at most `limit`. */
function product(
  over: InputName[],
  domains: Map<InputName, readonly InputValue[]>,
  limit: number,
): { all: Assignment[]; capped: boolean } {
  let all: Assignment[] = [{}];
  let capped = false;
  for (const name of over) {
    const next: Assignment[] = [];
    for (const partial of all) {
      for (const value of domains.get(name) ?? []) {
        if (next.length >= limit) {
          capped = true;
          break;
        }
        next.push(withValue(partial, name, value));
      }
    }
    all = next;
  }
  return { all, capped };
}

/** The assignment with one more input, its keys in the same order (no spread with a computed key: slow unoptimised). */
function withValue(partial: Assignment, name: InputName, value: InputValue): Assignment {
  const out: Assignment = Object.assign({}, partial);
  out[name] = value;
  return out;
}

/** Sum of the given terms for one assignment, or null when a term stays undetermined. */
export type TermsValue = (terms: Term[], facts: ClinicalFacts) => number | null;

export interface RangeInput {
  /** The record's facts, as a working copy the assignments are tried on (every input as recorded). */
  trial: TrialFacts;
  /** The intercept plus every term not touched by the unknowns. */
  fixedLp: number;
  /** Terms that depend on at least one unknown. */
  openTerms: Term[];
  /** The open terms grouped by the unknowns they share (termGroups). */
  groups: readonly TermGroup[];
  over: InputName[];
  domains: Map<InputName, readonly InputValue[]>;
  sumTerms: TermsValue;
  toProbability: (lp: number) => number;
}

/** Terms that share unknown inputs, and those inputs in the order of `over`. */
export interface TermGroup {
  readonly terms: Term[];
  readonly inputs: InputName[];
}

// The groups depend only on a definition's terms, which of them are open and the inputs ranged
// over, and the same few combinations recur from patient to patient: made once per combination,
// per term list (read-only definition data, let go with it), at most GROUPS_MAX combinations each
// (clearing gives the same groups again). Shared read-only.
const GROUPS_MAX = 64;
const groupsOfTerms = new WeakMap<readonly Term[], Map<string, readonly TermGroup[]>>();

/** The groups of the open terms (`open`: their positions in `terms`, ascending) over the unknowns. */
export function termGroups(
  terms: readonly Term[],
  open: readonly number[],
  over: readonly InputName[],
): readonly TermGroup[] {
  const key = `${open.join(',')}|${over.join(',')}`;
  let byKey = groupsOfTerms.get(terms);
  if (!byKey) groupsOfTerms.set(terms, (byKey = new Map()));
  let found = byKey.get(key);
  if (!found) {
    found = groups(
      open.map((i) => terms[i]!),
      [...over],
    );
    if (byKey.size >= GROUPS_MAX) byKey.clear();
    byKey.set(key, found);
  }
  return found;
}

/** Groups terms that share an unknown input (connected components). */
function groups(terms: Term[], over: InputName[]): TermGroup[] {
  const out: { terms: Term[]; inputs: Set<InputName> }[] = [];
  for (const term of terms) {
    const inputs = new Set(inputsOfTerm(term).filter((n) => over.includes(n)));
    const joined = out.filter((g) => [...inputs].some((n) => g.inputs.has(n)));
    const merged = {
      terms: [term, ...joined.flatMap((g) => g.terms)],
      inputs: new Set([...inputs, ...joined.flatMap((g) => [...g.inputs])]),
    };
    for (const g of joined) out.splice(out.indexOf(g), 1);
    out.push(merged);
  }
  return out.map((g) => ({ terms: g.terms, inputs: over.filter((n) => g.inputs.has(n)) }));
}

/**
 * The lowest and highest sum of a group's terms over every combination of its inputs' values,
 * tried in the order `product` lists them (first input slowest); null when a combination leaves a
 * term undetermined. No array of combinations: an odometer of positions in the domains.
 */
function groupExtremes(
  group: TermGroup,
  domains: Map<InputName, readonly InputValue[]>,
  trial: TrialFacts,
  sumTerms: TermsValue,
): { low: number; high: number } | null {
  const { terms, inputs } = group;
  const values: (readonly InputValue[])[] = [];
  const at: number[] = [];
  for (let j = 0; j < inputs.length; j++) {
    const domain = domains.get(inputs[j]!) ?? [];
    if (domain.length === 0) return null;
    values.push(domain);
    at.push(0);
    trial.assume(inputs[j]!, domain[0]!);
  }
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (;;) {
    const sum = sumTerms(terms, trial.facts);
    if (sum === null) return null;
    low = Math.min(low, sum);
    high = Math.max(high, sum);
    // The next combination: the last input moves fastest.
    let j = inputs.length - 1;
    while (j >= 0 && at[j] === values[j]!.length - 1) {
      at[j] = 0;
      trial.assume(inputs[j]!, values[j]![0]!);
      j--;
    }
    if (j < 0) break;
    at[j]!++;
    trial.assume(inputs[j]!, values[j]![at[j]!]!);
  }
  trial.restore(inputs);
  return { low, high };
}

/** Returns null when some combination leaves a term undetermined (the range cannot be trusted). */
export function computeRange(input: RangeInput): ProbabilityRange | null {
  const { trial, fixedLp, openTerms, groups: grouped, over, domains, sumTerms, toProbability } = input;
  let lowLp = fixedLp;
  let highLp = fixedLp;
  for (let g = 0; g < grouped.length; g++) {
    // The extremes in one loop, without an array of sums (numbers or null: maps that vary).
    const extremes = groupExtremes(grouped[g]!, domains, trial, sumTerms);
    if (extremes === null) return null;
    lowLp += extremes.low;
    highLp += extremes.high;
  }
  const { all, capped } = product(over, domains, RANGE_VALUES_CAP);
  const values: RangeValue[] = [];
  for (let i = 0; i < all.length; i++) {
    const assignment = all[i]!;
    for (let j = 0; j < over.length; j++) trial.assume(over[j]!, assignment[over[j]!]!);
    const sum = sumTerms(openTerms, trial.facts);
    if (sum === null) return null;
    values.push({ assignment, probability: toProbability(fixedLp + sum) });
  }
  trial.restore(over);
  return { low: toProbability(lowLp), high: toProbability(highLp), over, values, capped };
}
