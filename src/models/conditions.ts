// Three-valued (Kleene) evaluation of model conditions: an input that is missing or in conflict
// makes a leaf unknown, and the inputs that left a condition undetermined are reported.
import type { ClinicalFacts } from '../domain/facts.ts';
import { formatInputValue, type InputName, type InputValue } from '../domain/vocabulary.ts';
import type { Condition } from './definition.ts';

export type Truth = true | false | 'unknown';

export interface ConditionResult {
  truth: Truth;
  /** Inputs that are missing and left the condition undetermined. */
  missing: ReadonlySet<InputName>;
  /** Inputs in conflict that left the condition undetermined. */
  conflicts: ReadonlySet<InputName>;
}

// Settled results carry no inputs, so two shared read-only results serve every evaluation.
const NONE: ReadonlySet<InputName> = new Set();
const TRUE: ConditionResult = Object.freeze({ truth: true, missing: NONE, conflicts: NONE });
const FALSE: ConditionResult = Object.freeze({ truth: false, missing: NONE, conflicts: NONE });
const settled = (truth: boolean): ConditionResult => (truth ? TRUE : FALSE);

function leaf(condition: Condition & { input: InputName }, facts: ClinicalFacts): ConditionResult {
  const fact = facts[condition.input];
  if (fact.status === 'missing') return { truth: 'unknown', missing: new Set([condition.input]), conflicts: NONE };
  if (fact.status === 'conflict') return { truth: 'unknown', missing: NONE, conflicts: new Set([condition.input]) };
  return settled(testValue(condition, fact.value));
}

function testValue(condition: Condition & { input: InputName }, value: InputValue): boolean {
  if ('equals' in condition) return value === condition.equals;
  if ('in' in condition) return condition.in.includes(value);
  if (typeof value !== 'number') return false;
  const c = condition as { atLeast?: number; atMost?: number; above?: number; below?: number };
  if (c.atLeast !== undefined && !(value >= c.atLeast)) return false;
  if (c.atMost !== undefined && !(value <= c.atMost)) return false;
  if (c.above !== undefined && !(value > c.above)) return false;
  if (c.below !== undefined && !(value < c.below)) return false;
  return true;
}

/** The unknown parts' inputs together (a single unknown part is its own result). */
function mergeUnknown(unknown: ConditionResult[]): ConditionResult {
  if (unknown.length === 1) return unknown[0]!;
  const missing = new Set<InputName>();
  const conflicts = new Set<InputName>();
  for (const r of unknown) {
    r.missing.forEach((n) => missing.add(n));
    r.conflicts.forEach((n) => conflicts.add(n));
  }
  return { truth: 'unknown', missing, conflicts };
}

/**
 * all/any in Kleene logic: one part equal to `decisive` (false for all, true for any) settles it
 * whatever the others are, so evaluation stops there; else any unknown part leaves it unknown.
 */
function junction(parts: readonly Condition[], decisive: boolean, facts: ClinicalFacts): ConditionResult {
  let unknown: ConditionResult[] | undefined;
  for (const part of parts) {
    const r = evaluateCondition(part, facts);
    if (r.truth === decisive) return settled(decisive);
    if (r.truth === 'unknown') (unknown ??= []).push(r);
  }
  return unknown ? mergeUnknown(unknown) : settled(!decisive);
}

export function evaluateCondition(condition: Condition, facts: ClinicalFacts): ConditionResult {
  if ('all' in condition) return junction(condition.all, false, facts);
  if ('any' in condition) return junction(condition.any, true, facts);
  if ('not' in condition) {
    const inner = evaluateCondition(condition.not, facts);
    return inner.truth === 'unknown' ? inner : settled(!inner.truth);
  }
  return leaf(condition, facts);
}

/** Every input a condition refers to (for schema checks and documentation). */
export function inputsOfCondition(condition: Condition): InputName[] {
  if ('all' in condition) return condition.all.flatMap(inputsOfCondition);
  if ('any' in condition) return condition.any.flatMap(inputsOfCondition);
  if ('not' in condition) return inputsOfCondition(condition.not);
  return [condition.input];
}

/** The patient's value of one input as text, "unknown" when absent (what `{inputName}` fills in). */
export function describeInput(name: InputName, facts: ClinicalFacts): string {
  const fact = facts[name];
  return fact.status === 'present' ? formatInputValue(name, fact.value) : 'unknown';
}

/**
 * Fills `{inputName}` with the patient's value ("unknown" when absent) and `{percent:a/b}` with
 * the rounded percentage a/b of two numeric inputs.
 */
export function fillTemplate(template: string, facts: ClinicalFacts): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{(percent:)?([A-Za-z]+)(?:\/([A-Za-z]+))?\}/g, (whole, percent, a: string, b?: string) => {
    if (percent && b) {
      const num = valueOf(facts, a);
      const den = valueOf(facts, b);
      if (typeof num !== 'number' || typeof den !== 'number' || den === 0) return 'unknown';
      return `${Math.round((100 * num) / den)}%`;
    }
    const value = valueOf(facts, a);
    return value === undefined ? 'unknown' : formatInputValue(a as InputName, value);
  });
}

// Module level, not a closure made per template: every model result fills several.
function valueOf(facts: ClinicalFacts, name: string): InputValue | undefined {
  const fact = (facts as Record<string, ClinicalFacts[InputName] | undefined>)[name];
  return fact?.status === 'present' ? fact.value : undefined;
}
