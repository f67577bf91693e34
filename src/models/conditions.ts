// Three-valued (Kleene) evaluation of model conditions: an input that is missing or in conflict
// makes a leaf unknown, and the inputs that left a condition undetermined are reported.
import type { ClinicalFacts } from '../domain/facts.ts';
import { formatInputValue, type InputName, type InputValue } from '../domain/vocabulary.ts';
import type { Condition } from './definition.ts';

export type Truth = true | false | 'unknown';

export interface ConditionResult {
  truth: Truth;
  /** Inputs that are missing and left the condition undetermined. */
  missing: Set<InputName>;
  /** Inputs in conflict that left the condition undetermined. */
  conflicts: Set<InputName>;
}

const settled = (truth: boolean): ConditionResult => ({ truth, missing: new Set(), conflicts: new Set() });

function leaf(condition: Condition & { input: InputName }, facts: ClinicalFacts): ConditionResult {
  const fact = facts[condition.input];
  if (fact.status === 'missing') return { truth: 'unknown', missing: new Set([condition.input]), conflicts: new Set() };
  if (fact.status === 'conflict')
    return { truth: 'unknown', missing: new Set(), conflicts: new Set([condition.input]) };
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

function merge(results: ConditionResult[], truth: Truth): ConditionResult {
  const out: ConditionResult = { truth, missing: new Set(), conflicts: new Set() };
  if (truth !== 'unknown') return out;
  for (const r of results) {
    if (r.truth !== 'unknown') continue;
    r.missing.forEach((n) => out.missing.add(n));
    r.conflicts.forEach((n) => out.conflicts.add(n));
  }
  return out;
}

export function evaluateCondition(condition: Condition, facts: ClinicalFacts): ConditionResult {
  if ('all' in condition) {
    const parts = condition.all.map((c) => evaluateCondition(c, facts));
    if (parts.some((p) => p.truth === false)) return settled(false);
    return merge(parts, parts.some((p) => p.truth === 'unknown') ? 'unknown' : true);
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => evaluateCondition(c, facts));
    if (parts.some((p) => p.truth === true)) return settled(true);
    return merge(parts, parts.some((p) => p.truth === 'unknown') ? 'unknown' : false);
  }
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

/**
 * Fills `{inputName}` with the patient's value ("unknown" when absent) and `{percent:a/b}` with
 * the rounded percentage a/b of two numeric inputs.
 */
export function fillTemplate(template: string, facts: ClinicalFacts): string {
  const valueOf = (name: string): InputValue | undefined => {
    const fact = (facts as Record<string, ClinicalFacts[InputName] | undefined>)[name];
    return fact?.status === 'present' ? fact.value : undefined;
  };
  return template.replace(/\{(percent:)?([A-Za-z]+)(?:\/([A-Za-z]+))?\}/g, (whole, percent, a: string, b?: string) => {
    if (percent && b) {
      const num = valueOf(a);
      const den = valueOf(b);
      if (typeof num !== 'number' || typeof den !== 'number' || den === 0) return 'unknown';
      return `${Math.round((100 * num) / den)}%`;
    }
    const value = valueOf(a);
    return value === undefined ? 'unknown' : formatInputValue(a as InputName, value);
  });
}
