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

// Each condition is read once into one object shape (`Compiled`), cached per condition object:
// evaluation then reads fixed fields instead of asking each step which of six forms the
// condition has (`'all' in c`…), which made every step see many object shapes. Definitions are
// read-only data, so a condition's compiled form never goes stale; the WeakMap lets it go with
// its definition.
const EQUALS = 0;
const IN = 1;
const BOUNDS = 2;
const ALL = 3;
const ANY = 4;
const NOT = 5;

type Primitive = string | number | boolean;

class Compiled {
  /** A leaf's results when its input is missing or in conflict: the same for every patient. */
  readonly missingResult: ConditionResult | undefined;
  readonly conflictResult: ConditionResult | undefined;
  constructor(
    readonly op: number,
    readonly input: InputName | undefined,
    readonly equals: Primitive | undefined,
    readonly values: readonly Primitive[] | undefined,
    readonly bounds: { atLeast?: number; atMost?: number; above?: number; below?: number } | undefined,
    readonly parts: readonly Compiled[],
  ) {
    const one = input === undefined ? undefined : new Set([input]);
    this.missingResult = one && { truth: 'unknown', missing: one, conflicts: NONE };
    this.conflictResult = one && { truth: 'unknown', missing: NONE, conflicts: one };
  }
}

const compiledOf = new WeakMap<Condition, Compiled>();

function compile(condition: Condition): Compiled {
  let compiled = compiledOf.get(condition);
  if (!compiled) {
    compiled = compileNew(condition);
    compiledOf.set(condition, compiled);
  }
  return compiled;
}

// The same precedence as the forms were tested in before: all, any, not, then a leaf's equals, in, bounds.
function compileNew(c: Condition): Compiled {
  if ('all' in c) return new Compiled(ALL, undefined, undefined, undefined, undefined, c.all.map(compile));
  if ('any' in c) return new Compiled(ANY, undefined, undefined, undefined, undefined, c.any.map(compile));
  if ('not' in c) return new Compiled(NOT, undefined, undefined, undefined, undefined, [compile(c.not)]);
  if ('equals' in c) return new Compiled(EQUALS, c.input, c.equals, undefined, undefined, []);
  if ('in' in c) return new Compiled(IN, c.input, undefined, c.in, undefined, []);
  return new Compiled(BOUNDS, c.input, undefined, undefined, c, []);
}

function leaf(c: Compiled, facts: ClinicalFacts): ConditionResult {
  const fact = facts[c.input!];
  if (fact.status === 'missing') return c.missingResult!;
  if (fact.status === 'conflict') return c.conflictResult!;
  return settled(testValue(c, fact.value));
}

function testValue(c: Compiled, value: InputValue): boolean {
  if (c.op === EQUALS) return value === c.equals;
  if (c.op === IN) return c.values!.includes(value);
  if (typeof value !== 'number') return false;
  const b = c.bounds!;
  if (b.atLeast !== undefined && !(value >= b.atLeast)) return false;
  if (b.atMost !== undefined && !(value <= b.atMost)) return false;
  if (b.above !== undefined && !(value > b.above)) return false;
  if (b.below !== undefined && !(value < b.below)) return false;
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
function junction(parts: readonly Compiled[], decisive: boolean, facts: ClinicalFacts): ConditionResult {
  let unknown: ConditionResult[] | undefined;
  for (let i = 0; i < parts.length; i++) {
    const r = evaluate(parts[i]!, facts);
    if (r.truth === decisive) return settled(decisive);
    if (r.truth === 'unknown') (unknown ??= []).push(r);
  }
  return unknown ? mergeUnknown(unknown) : settled(!decisive);
}

function evaluate(c: Compiled, facts: ClinicalFacts): ConditionResult {
  if (c.op === ALL) return junction(c.parts, false, facts);
  if (c.op === ANY) return junction(c.parts, true, facts);
  if (c.op === NOT) {
    const inner = evaluate(c.parts[0]!, facts);
    return inner.truth === 'unknown' ? inner : settled(!inner.truth);
  }
  return leaf(c, facts);
}

/** The condition's truth for these facts, and the inputs that left it undetermined. */
export function evaluateCondition(condition: Condition, facts: ClinicalFacts): ConditionResult {
  return evaluate(compile(condition), facts);
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

/** One `{…}` placeholder of a template, as the pattern below reads it. */
interface Placeholder {
  percent: boolean;
  a: string;
  b: string | undefined;
}

/** A template split once into its text and placeholders, alternating: text, placeholder, text, …, text. */
interface ParsedTemplate {
  texts: string[];
  placeholders: Placeholder[];
}

const PLACEHOLDER = /\{(percent:)?([A-Za-z]+)(?:\/([A-Za-z]+))?\}/g;

// Templates are definition texts, a few dozen in all; the bound only guards against an unbounded
// stream of distinct ones (e.g. from many configs), and clearing keeps the result the same.
const PARSED_TEMPLATES_MAX = 512;
const parsedTemplates = new Map<string, ParsedTemplate>();

function parseTemplate(template: string): ParsedTemplate {
  let parsed = parsedTemplates.get(template);
  if (parsed) return parsed;
  parsed = { texts: [], placeholders: [] };
  let from = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parsed.texts.push(template.slice(from, m.index));
    parsed.placeholders.push({ percent: m[1] !== undefined, a: m[2]!, b: m[3] });
    from = m.index + m[0].length;
  }
  parsed.texts.push(template.slice(from));
  if (parsedTemplates.size >= PARSED_TEMPLATES_MAX) parsedTemplates.clear();
  parsedTemplates.set(template, parsed);
  return parsed;
}

/**
 * Fills `{inputName}` with the patient's value ("unknown" when absent) and `{percent:a/b}` with
 * the rounded percentage a/b of two numeric inputs.
 */
export function fillTemplate(template: string, facts: ClinicalFacts): string {
  if (!template.includes('{')) return template;
  // Parsed once per template rather than a regular-expression replace per result: every model
  // result fills several.
  const { texts, placeholders } = parseTemplate(template);
  let out = texts[0]!;
  for (let i = 0; i < placeholders.length; i++) out += placeholderText(placeholders[i]!, facts) + texts[i + 1]!;
  return out;
}

function placeholderText({ percent, a, b }: Placeholder, facts: ClinicalFacts): string {
  if (percent && b) {
    const num = valueOf(facts, a);
    const den = valueOf(facts, b);
    if (typeof num !== 'number' || typeof den !== 'number' || den === 0) return 'unknown';
    return `${Math.round((100 * num) / den)}%`;
  }
  const value = valueOf(facts, a);
  return value === undefined ? 'unknown' : formatInputValue(a as InputName, value);
}

function valueOf(facts: ClinicalFacts, name: string): InputValue | undefined {
  const fact = (facts as Record<string, ClinicalFacts[InputName] | undefined>)[name];
  return fact?.status === 'present' ? fact.value : undefined;
}
