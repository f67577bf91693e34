// The one engine behind every model: applicability first, then the kind's arithmetic.
import { DERIVATION_SOURCES } from '../domain/derive.ts';
import type { ClinicalFacts } from '../domain/facts.ts';
import { INPUTS, formatInputValue, isAssumption, type InputName, type InputValue } from '../domain/vocabulary.ts';
import { describeInput, evaluateCondition, fillTemplate, type ConditionResult } from './conditions.ts';
import type { ModelDefinition, OddsFactor, Requirement, RiskFactor, Term } from './definition.ts';
import { formatProbability, formatRange } from './display.ts';
import { TrialFacts, computeRange, consistentWithRecord, finiteValues, termGroups } from './range.ts';
import type {
  Contribution,
  Estimate,
  FactorResult,
  ModelResult,
  NotApplicableResult,
  NotComputedResult,
  ObservedRateResult,
  ProbabilityResult,
  RangeResult,
  RelativeOddsResult,
  RiskFactorsResult,
} from './result.ts';

export const expit = (lp: number): number => 1 / (1 + Math.exp(-lp));

// Most evaluations leave nothing undetermined: the sets are made on the first gap, not per
// evaluation (five models per patient, and one evaluation per term of a range).
const NO_INPUTS: ReadonlySet<InputName> = new Set();

/** Collects inputs that left something undetermined, in first-seen order. */
class Gaps {
  private missingSet: Set<InputName> | undefined = undefined;
  private conflictSet: Set<InputName> | undefined = undefined;
  get missing(): ReadonlySet<InputName> {
    return this.missingSet ?? NO_INPUTS;
  }
  get conflicts(): ReadonlySet<InputName> {
    return this.conflictSet ?? NO_INPUTS;
  }
  add(result: ConditionResult): void {
    for (const n of result.missing) this.addMissing(n);
    for (const n of result.conflicts) this.addConflict(n);
  }
  addInput(name: InputName, facts: ClinicalFacts): void {
    // A derived-only input cannot be entered: name the inputs it is computed from instead.
    const sources = DERIVATION_SOURCES[name];
    if (sources && this.addSources(sources, facts)) return;
    const status = facts[name].status;
    if (status === 'missing') this.addMissing(name);
    if (status === 'conflict') this.addConflict(name);
  }
  private addMissing(name: InputName): void {
    (this.missingSet ??= new Set()).add(name);
  }
  private addConflict(name: InputName): void {
    (this.conflictSet ??= new Set()).add(name);
  }
  /** The sources not present, each as an input; false when every source is present. */
  private addSources(sources: readonly InputName[], facts: ClinicalFacts): boolean {
    let added = false;
    for (const s of sources) {
      if (facts[s].status === 'present') continue;
      this.addInput(s, facts);
      added = true;
    }
    return added;
  }
  get any(): boolean {
    return this.missing.size + this.conflicts.size > 0;
  }
}

function citationText(def: ModelDefinition): string {
  return def.citations.map((c) => (c.doi ? `${c.text} doi:${c.doi}` : c.text)).join(' ');
}

/** The fields every result variant shares. */
type Common = Pick<
  ModelResult,
  | 'id'
  | 'title'
  | 'shortTitle'
  | 'kind'
  | 'outcome'
  | 'population'
  | 'citation'
  | 'warnings'
  | 'notes'
  | 'locallyConfigured'
>;

/** The parts of a result that depend on the definition alone. */
interface FixedFields {
  citation: string;
  notes: string[];
  /** Relative-odds models: the warning naming the factors whose coding is not published, if any. */
  notCodedWarning: string | undefined;
}

// A definition's citation text, notes and not-coded factors are the same for every patient:
// built once, frozen, shared.
const fixedOfDefinition = new WeakMap<ModelDefinition, FixedFields>();
function fixedFields(def: ModelDefinition): FixedFields {
  let fixed = fixedOfDefinition.get(def);
  if (!fixed) {
    fixed = {
      citation: citationText(def),
      notes: Object.freeze([...(def.notes ?? [])]) as string[],
      notCodedWarning: notCodedWarning(def),
    };
    fixedOfDefinition.set(def, fixed);
  }
  return fixed;
}

// A factor without a coding (`when`) is always "not-coded" (oddsFactorResult), whatever the patient.
function notCodedWarning(def: ModelDefinition): string | undefined {
  const excluded = (def.oddsFactors ?? []).filter((f) => !f.when);
  if (excluded.length === 0) return undefined;
  return `Left out of the relative odds because their coding is not published: ${excluded.map((f) => f.label).join('; ')}`;
}

function commonFields(def: ModelDefinition): Common {
  const { citation, notes } = fixedFields(def);
  const common: Common = {
    id: def.id,
    title: def.title,
    kind: def.kind,
    outcome: def.outcome,
    population: def.population,
    citation,
    warnings: [],
    notes,
  };
  if (def.shortTitle) common.shortTitle = def.shortTitle;
  if (def.locallyConfigured) common.locallyConfigured = true;
  return common;
}

/**
 * The result grown from the common fields in place (no copy): each `common` becomes exactly one
 * result, and its fields keep their order, so the JSON is the same as a spread would give.
 */
function resultFrom<R extends ModelResult>(common: Common, rest: Omit<R, keyof Common>): R {
  return Object.assign(common, rest) as R;
}

// The frequent results set their fields one by one on `common`, in the order resultFrom would
// add them (the same JSON), without a second object per result to copy from.

function notApplicable(common: Common, reason: string): NotApplicableResult {
  const result = common as NotApplicableResult;
  result.result = 'not-applicable';
  result.applicable = false;
  result.reason = reason;
  return result;
}

function notComputed(common: Common, gaps: Gaps): NotComputedResult {
  const result = common as NotComputedResult;
  result.result = 'not-computed';
  result.applicable = true;
  result.missing = [...gaps.missing];
  result.conflicts = [...gaps.conflicts];
  return result;
}

function estimateFrom(lp: number, explain: boolean): Estimate {
  const probability = expit(lp);
  return { probability, display: explain ? formatProbability(probability) : '', linearPredictor: lp };
}

/** Applies the requirements; returns a not-applicable reason, or null with gaps and warnings filled. */
function checkRequirements(
  def: ModelDefinition,
  facts: ClinicalFacts,
  gaps: Gaps,
  warnings: string[],
  explain: boolean,
): { reason: string; failed?: Requirement } | null {
  // Conditions are pure: stopping at the first unmet one gives what evaluating them all would.
  // Only the undetermined ones are kept (most patients have none or one), in requirement order.
  const requirements = def.requirements;
  let unknownReqs: Requirement[] | undefined;
  let unknownResults: ConditionResult[] | undefined;
  for (let i = 0; i < requirements.length; i++) {
    const req = requirements[i]!;
    const result = evaluateCondition(req.condition, facts);
    if (result.truth === false) return { reason: explain ? fillTemplate(req.reason, facts) : '', failed: req };
    if (result.truth !== 'unknown') continue;
    (unknownReqs ??= []).push(req);
    (unknownResults ??= []).push(result);
  }
  if (!unknownReqs || !unknownResults) return null;
  for (let i = 0; i < unknownReqs.length; i++) {
    const req = unknownReqs[i]!;
    const result = unknownResults[i]!;
    if (req.whenUnknown === 'not-applicable') return { reason: explain ? unknownText(req, facts) : '' };
    if (req.whenUnknown === 'missing') gaps.add(result);
    else if (!explain) continue;
    else if (result.conflicts.size > 0) {
      const labels = [...result.conflicts].map((n) => INPUTS[n].label).join(', ');
      warnings.push(
        `Sources disagree on ${labels}, so this population condition cannot be confirmed: ${fillTemplate(req.reason, facts)}.`,
      );
    } else if (req.whenUnknown === 'warn') warnings.push(unknownText(req, facts));
  }
  return null;
}

function unknownText(req: Requirement, facts: ClinicalFacts): string {
  return fillTemplate(req.unknownText ?? req.reason, facts);
}

/** A not-applicable reason when a present value lies outside what the calculator accepts. */
function outsideAcceptedRange(def: ModelDefinition, facts: ClinicalFacts): string | null {
  for (const range of def.acceptedRanges ?? []) {
    const fact = facts[range.input];
    if (fact.status !== 'present' || typeof fact.value !== 'number') continue;
    if (fact.value < range.min || fact.value > range.max) {
      return `outside the range the nomogram accepts: ${range.label}, here ${formatInputValue(range.input, fact.value)}`;
    }
  }
  return null;
}

/** Adds the caveats that hold to the warnings, in definition order. */
function addCaveats(def: ModelDefinition, facts: ClinicalFacts, warnings: string[]): void {
  const caveats = def.caveats;
  if (!caveats) return;
  for (let i = 0; i < caveats.length; i++) {
    const c = caveats[i]!;
    if (evaluateCondition(c.when, facts).truth === true) warnings.push(fillTemplate(c.text, facts));
  }
}

/** The term's x·β for this patient, or null when undetermined (gaps filled) — or a reason string when no category fits. */
function termContribution(
  term: Term,
  facts: ClinicalFacts,
  gaps: Gaps,
  explain: boolean,
): Contribution | null | { noLevel: string } {
  switch (term.type) {
    case 'indicator': {
      const r = evaluateCondition(term.when, facts);
      if (r.truth === 'unknown') return (gaps.add(r), null);
      return { term: term.id, label: explain ? term.label : '', value: r.truth ? term.coefficient : 0 };
    }
    case 'levels': {
      for (const level of term.levels) {
        const r = evaluateCondition(level.when, facts);
        if (r.truth === 'unknown') return (gaps.add(r), null);
        if (r.truth)
          return { term: term.id, label: explain ? `${term.label}: ${level.label}` : '', value: level.coefficient };
      }
      return { noLevel: `${term.label}: the patient's values fit none of the model's categories` };
    }
    case 'numeric': {
      const fact = facts[term.input];
      if (fact.status !== 'present' || typeof fact.value !== 'number') return (gaps.addInput(term.input, facts), null);
      const added = addedCounts(term.adds ?? [], facts, gaps);
      if (added === null) return null;
      const scaled = (fact.value + added) * (term.scale ?? 1);
      const x = term.transform === 'sqrt' ? Math.sqrt(scaled) : scaled;
      return { term: term.id, label: explain ? numericLabel(term, scaled) : '', value: term.coefficient * x };
    }
  }
}

function numericLabel(term: Extract<Term, { type: 'numeric' }>, scaled: number): string {
  const shown = Math.round(scaled * 100) / 100;
  return `${term.label} (${shown}${term.unit ? ` ${term.unit}` : ''})`;
}

/** The counts a numeric term adds under its conditions; null when undetermined (gaps filled). A zero count needs no condition. */
function addedCounts(
  adds: NonNullable<Extract<Term, { type: 'numeric' }>['adds']>,
  facts: ClinicalFacts,
  gaps: Gaps,
): number | null {
  let total = 0;
  let open = false;
  for (const add of adds) {
    const fact = facts[add.input];
    if (fact.status !== 'present' || typeof fact.value !== 'number') {
      gaps.addInput(add.input, facts);
      open = true;
      continue;
    }
    if (fact.value === 0) continue;
    const r = evaluateCondition(add.when, facts);
    if (r.truth === 'unknown') {
      gaps.add(r);
      open = true;
    } else if (r.truth) total += fact.value;
  }
  return open ? null : total;
}

/** Adds a warning for each validated range a present value lies outside, in definition order. */
function addRangeWarnings(def: ModelDefinition, facts: ClinicalFacts, warnings: string[]): void {
  const ranges = def.validatedRanges;
  if (!ranges) return;
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i]!;
    const fact = facts[range.input];
    if (fact.status !== 'present' || typeof fact.value !== 'number') continue;
    if (fact.value < range.min || fact.value > range.max) {
      warnings.push(`${range.label} is outside the range the model was built on`);
    }
  }
}

/** Sum of the terms' x·β, or null when one stays undetermined or fits no category. */
function sumOfTerms(terms: Term[], facts: ClinicalFacts): number | null {
  let sum = 0;
  for (const term of terms) {
    // Only the values count here: no labels.
    const c = termContribution(term, facts, new Gaps(), false);
    if (c === null || 'noLevel' in c) return null;
    sum += c.value;
  }
  return sum;
}

/** The values of a ranged input consistent with the record and with every requirement. */
function rangeDomain(def: ModelDefinition, name: InputName, trial: TrialFacts): InputValue[] {
  const values = finiteValues(name) ?? [];
  const out: InputValue[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!consistentWithRecord(name, value, trial.facts)) continue;
    trial.assume(name, value);
    if (meetsRequirements(def, trial.facts)) out.push(value);
    trial.restore([name]);
  }
  return out;
}

/** Whether no requirement is false (unknown ones pass). */
function meetsRequirements(def: ModelDefinition, facts: ClinicalFacts): boolean {
  const requirements = def.requirements;
  for (let i = 0; i < requirements.length; i++) {
    if (evaluateCondition(requirements[i]!.condition, facts).truth === false) return false;
  }
  return true;
}

/**
 * The range over the model's categorical unknowns, or null when an unknown cannot be ranged.
 * Plain loops over one working copy of the facts: ranges are rare (about one patient in ten of a
 * cohort), so this runs mostly unoptimised, where every closure, iterator and copy costs.
 */
function rangeResult(
  def: ModelDefinition,
  facts: ClinicalFacts,
  common: Common,
  gaps: Gaps,
  known: Contribution[],
): RangeResult | null {
  if (def.intercept === undefined || gaps.conflicts.size > 0) return null;
  const over = [...gaps.missing];
  for (let i = 0; i < over.length; i++) if (!def.rangeOver?.includes(over[i]!)) return null;
  const trial = new TrialFacts(facts);
  const domains = new Map<InputName, readonly InputValue[]>();
  for (let i = 0; i < over.length; i++) {
    const values = rangeDomain(def, over[i]!, trial);
    if (values.length === 0) return null;
    domains.set(over[i]!, values);
  }
  const terms = def.terms ?? [];
  const open: number[] = [];
  const openTerms: Term[] = [];
  for (let i = 0; i < terms.length; i++) {
    if (contributes(known, terms[i]!.id)) continue;
    open.push(i);
    openTerms.push(terms[i]!);
  }
  let knownSum = 0;
  for (let i = 0; i < known.length; i++) knownSum += known[i]!.value;
  const fixedLp = def.intercept + knownSum;
  const groups = termGroups(terms, open, over);
  const range = computeRange({
    trial,
    fixedLp,
    openTerms,
    groups,
    over,
    domains,
    sumTerms: sumOfTerms,
    toProbability: expit,
  });
  if (range === null) return null;
  const result = common as RangeResult;
  result.result = 'range';
  result.applicable = true;
  result.range = range;
  result.display = formatRange(range.low, range.high);
  result.contributions = known;
  if (def.localCalibration) result.calibration = calibrationText(def.localCalibration);
  return result;
}

function contributes(known: readonly Contribution[], termId: string): boolean {
  for (let i = 0; i < known.length; i++) if (known[i]!.term === termId) return true;
  return false;
}

function evaluateProbability(
  def: ModelDefinition,
  facts: ClinicalFacts,
  common: Common,
  gaps: Gaps,
  explain: boolean,
): ModelResult {
  const contributions: Contribution[] = [];
  const terms = def.terms ?? [];
  for (let i = 0; i < terms.length; i++) {
    const c = termContribution(terms[i]!, facts, gaps, explain);
    if (c === null) continue;
    if ('noLevel' in c) return notApplicable(common, c.noLevel);
    contributions.push(c);
  }
  if (gaps.any) return rangeResult(def, facts, common, gaps, contributions) ?? blocked(def, common, gaps);
  if (def.intercept === undefined) return notComputed(common, gaps);
  let sum = 0;
  for (let i = 0; i < contributions.length; i++) sum += contributions[i]!.value;
  const lp = def.intercept + sum;
  const probability = expit(lp);
  const result = common as ProbabilityResult;
  result.result = 'probability';
  result.applicable = true;
  result.probability = probability;
  result.display = explain ? formatProbability(probability) : '';
  result.linearPredictor = lp;
  result.contributions = contributions;
  if (def.localCalibration) result.calibration = calibrationText(def.localCalibration);
  return result;
}

function calibrationText(calibration: NonNullable<ModelDefinition['localCalibration']>): string {
  return calibration.label ?? `locally calibrated intercept (${calibration.source})`;
}

/** Not computed, naming only what blocks a number or a range (rangeable unknowns and assumptions follow once it is entered). */
function blocked(def: ModelDefinition, common: Common, gaps: Gaps): NotComputedResult {
  const result = notComputed(common, gaps);
  const blocking = result.missing.filter((n) => !def.rangeOver?.includes(n) && !isAssumption(n));
  if (blocking.length > 0 || result.conflicts.length > 0) result.missing = blocking;
  return result;
}

function oddsFactorResult(factor: OddsFactor, facts: ClinicalFacts, gaps: Gaps, explain: boolean): FactorResult {
  let shown = '';
  for (let i = 0; explain && i < factor.shows.length; i++) {
    const name = factor.shows[i]!;
    shown += `${i > 0 ? '; ' : ''}${INPUTS[name].label}: ${describeInput(name, facts)}`;
  }
  const base: FactorResult = { id: factor.id, label: factor.label, status: 'unknown', oddsRatio: factor.oddsRatio };
  if (factor.ci95) base.ci95 = factor.ci95;
  if (shown) base.patientValue = shown;
  if (!factor.when) {
    base.status = 'not-coded';
    base.note = factor.uncodableReason ?? 'coding not published';
    return base;
  }
  const r = evaluateCondition(factor.when, facts);
  if (r.truth === 'unknown') {
    gaps.add(r);
    return base;
  }
  base.status = r.truth ? 'present' : 'absent';
  return base;
}

/** The definition's observed rates whose population the patient belongs to, in definition order. */
function observedRatesFor(def: ModelDefinition, facts: ClinicalFacts): ObservedRateResult[] {
  const out: ObservedRateResult[] = [];
  const rates = def.observedRates ?? [];
  for (let i = 0; i < rates.length; i++) {
    const { when, label, outcome, events, total, rate, source } = rates[i]!;
    if (evaluateCondition(when, facts).truth !== true) continue;
    const observed: ObservedRateResult = {
      label,
      outcome: outcome ?? def.outcome,
      rate: rate ?? (events as number) / (total as number),
      source,
    };
    if (events !== undefined && total !== undefined) Object.assign(observed, { events, total });
    out.push(observed);
  }
  return out;
}

function evaluateRelativeOdds(
  def: ModelDefinition,
  facts: ClinicalFacts,
  common: Common,
  gaps: Gaps,
  explain: boolean,
): ModelResult {
  const factors: FactorResult[] = [];
  const oddsFactors = def.oddsFactors ?? [];
  for (let i = 0; i < oddsFactors.length; i++) factors.push(oddsFactorResult(oddsFactors[i]!, facts, gaps, explain));
  const observedRates = explain ? observedRatesFor(def, facts) : [];
  const result = common as RelativeOddsResult;
  result.result = 'relative-odds';
  result.applicable = true;
  result.observedRates = observedRates;
  result.factors = factors;
  result.missing = [...gaps.missing];
  result.conflicts = [...gaps.conflicts];
  if (gaps.any) {
    result.relativeOdds = null;
    result.contributions = [];
    return result;
  }
  const contributions: Contribution[] = [];
  let relativeOdds = 1;
  let sum = 0;
  for (const f of factors) {
    if (f.status !== 'present') continue;
    const value = Math.log(f.oddsRatio as number);
    contributions.push({ term: f.id, label: f.label, value });
    relativeOdds *= f.oddsRatio as number;
    sum += value;
  }
  const { notCodedWarning } = fixedFields(def);
  if (notCodedWarning && explain) result.warnings.push(notCodedWarning);
  result.relativeOdds = relativeOdds;
  result.contributions = contributions;
  if (!def.localCalibration) return result;
  const lp = def.localCalibration.intercept + sum;
  const calibration = calibrationText(def.localCalibration);
  result.calibrated = { ...estimateFrom(lp, explain), calibration };
  return result;
}

function riskFactorResult(factor: RiskFactor, facts: ClinicalFacts, gaps: Gaps, explain: boolean): FactorResult {
  const base: FactorResult = { id: factor.id, label: factor.label, status: 'unknown' };
  let unknown = false;
  for (const name of factor.inputs) {
    if (facts[name].status === 'present') continue;
    gaps.addInput(name, facts);
    unknown = true;
  }
  if (unknown) return base;
  if (explain) base.patientValue = fillTemplate(factor.describe, facts);
  if (!factor.presentWhen) {
    base.status = 'no-cutoff';
    base.note = factor.noCutoffText ?? 'cut-off not published';
    return base;
  }
  const r = evaluateCondition(factor.presentWhen, facts);
  if (r.truth === 'unknown') return (gaps.add(r), base);
  base.status = r.truth ? 'present' : 'absent';
  return base;
}

function evaluateRiskFactors(
  def: ModelDefinition,
  facts: ClinicalFacts,
  common: Common,
  gaps: Gaps,
  explain: boolean,
): ModelResult {
  const defs = def.riskFactors ?? [];
  const factors: FactorResult[] = [];
  for (let i = 0; i < defs.length; i++) factors.push(riskFactorResult(defs[i]!, facts, gaps, explain));
  const result = resultFrom<RiskFactorsResult>(common, {
    result: 'risk-factors',
    applicable: true,
    factors,
    statistics: [...(def.statistics ?? [])],
    missing: [...gaps.missing],
    conflicts: [...gaps.conflicts],
  } as Omit<RiskFactorsResult, keyof Common>);
  // Once a paper's coefficients and cut-offs are entered in the definition, the same data computes a probability.
  const complete = def.intercept !== undefined && defs.every((f) => f.coefficient !== undefined && f.presentWhen);
  if (!complete || gaps.any) return Object.assign(result, { contributions: [] });
  const contributions = defs.map((f, i) => ({
    term: f.id,
    label: f.label,
    value: factors[i]?.status === 'present' ? (f.coefficient as number) : 0,
  }));
  const lp = (def.intercept as number) + contributions.reduce((s, c) => s + c.value, 0);
  return Object.assign(result, { contributions, estimate: estimateFrom(lp, explain) });
}

function evaluateKind(
  def: ModelDefinition,
  facts: ClinicalFacts,
  common: Common,
  gaps: Gaps,
  explain: boolean,
): ModelResult {
  if (def.kind === 'probability') return evaluateProbability(def, facts, common, gaps, explain);
  if (def.kind === 'relative-odds') return evaluateRelativeOdds(def, facts, common, gaps, explain);
  return evaluateRiskFactors(def, facts, common, gaps, explain);
}

// The definition without one population requirement, made once per (definition, requirement).
const reducedOf = new WeakMap<ModelDefinition, Map<Requirement, ModelDefinition>>();
function withoutRequirement(def: ModelDefinition, limit: Requirement): ModelDefinition {
  let byLimit = reducedOf.get(def);
  if (!byLimit) reducedOf.set(def, (byLimit = new Map()));
  let reduced = byLimit.get(limit);
  if (!reduced) {
    reduced = { ...def, requirements: def.requirements.filter((r) => r !== limit) };
    byLimit.set(limit, reduced);
  }
  return reduced;
}

/** Not applicable, carrying the value without the population limit for a what-if on request. */
function outsidePopulation(
  def: ModelDefinition,
  facts: ClinicalFacts,
  common: Common,
  reason: string,
  limit: Requirement,
): NotApplicableResult {
  const result = notApplicable(common, reason);
  const anyway = evaluateModel(withoutRequirement(def, limit), facts);
  if (anyway.result === 'probability' || anyway.result === 'range') {
    anyway.warnings = [`Outside the model's population: ${reason}.`, ...anyway.warnings];
    result.outsidePopulation = anyway;
  }
  return result;
}

/** What a caller reads of a model's result. */
export interface EvaluateOptions {
  /**
   * false for a caller that reads only the numbers and the inputs that block them (cohort
   * validation): the texts are then left empty — warnings, the reason a model does not apply,
   * contribution labels, the patient's values of factors, observed rates, the display of a single
   * probability — and no what-if is computed outside the population. The numbers, the missing and
   * conflicting inputs and a range (with its display) are the same either way. Default true.
   */
  explain?: boolean;
}

/** Evaluates one model for one patient. Pure; never fills a missing input. */
export function evaluateModel(def: ModelDefinition, facts: ClinicalFacts, options?: EvaluateOptions): ModelResult {
  const explain = options?.explain ?? true;
  const common = commonFields(def);
  const gaps = new Gaps();
  const unmet = checkRequirements(def, facts, gaps, common.warnings, explain);
  if (unmet?.failed?.population && explain) return outsidePopulation(def, facts, common, unmet.reason, unmet.failed);
  if (unmet !== null) return notApplicable(common, unmet.reason);
  const outside = outsideAcceptedRange(def, facts);
  if (outside !== null) return notApplicable(common, outside);
  if (explain) addCaveats(def, facts, common.warnings);
  // Undetermined population conditions block the factor models; a probability model may still range over them.
  if (gaps.any && def.kind !== 'probability') return notComputed(common, gaps);
  const result = evaluateKind(def, facts, common, gaps, explain);
  if (result.applicable && explain) addRangeWarnings(def, facts, result.warnings);
  return result;
}
