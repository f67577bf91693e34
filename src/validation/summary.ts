// Cohort performance of each model from per-patient scores and outcomes: the numbers of
// `nodal-risk validate --json`, and the curves the HTML report plots. Pure.
import type { ClinicalFacts } from '../domain/facts.ts';
import type { ModelDefinition, RiskFactor } from '../models/definition.ts';
import { endpointOf, type Endpoint } from './endpoint.ts';
import {
  aucDeLong,
  brierScore,
  calibrationSlope,
  expit,
  groupedCalibration,
  interceptWithOffset,
  observedExpected,
  rocCurve,
  smoothedCalibration,
  type CalibrationGroup,
  type CurvePoint,
} from './metrics.ts';

export interface Skip {
  /** Patient.id; null for input that names no patient (an unreadable line, a resource without a patient). */
  patient: string | null;
  /** Absent when the whole patient was skipped. */
  model?: string;
  reason: string;
}

type FactorValue = number | string | boolean;

/** One patient's contribution to one model. */
export interface ScoredPatient {
  patient: string;
  outcome: 0 | 1;
  nsnPositive?: 0 | 1;
  totalPositive?: number;
  /** Probability models: the model's probability and linear predictor. */
  probability?: number;
  linearPredictor?: number;
  /** Relative-odds models: log of the product of the coded odds ratios. */
  logRelativeOdds?: number;
  /** Risk-factor models: the patient's value of each factor. */
  factorValues?: Record<string, FactorValue | undefined>;
}

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;
const roundPair = (p: [number, number]): [number, number] => [round(p[0]), round(p[1])];

export interface FactorSummary {
  factor: string;
  label: string;
  /** Categorical factors: the observed event rate by value. */
  byValue?: { value: string; n: number; events: number; rate: number }[];
  /** Continuous factors: the distribution in patients with and without the event. */
  withEvent?: Distribution;
  withoutEvent?: Distribution;
}

export interface Distribution {
  n: number;
  median: number;
  quartiles: [number, number];
}

export interface ModelSummary {
  id: string;
  endpoint: Endpoint;
  kind: ModelDefinition['kind'];
  n: number;
  events: number;
  auc: number | null;
  aucCi95: [number, number] | null;
  observedExpected: number | null;
  interceptShift: number | null;
  interceptShiftCi95?: [number, number];
  calibrationSlope: number | null;
  calibrationSlopeCi95?: [number, number];
  brier: number | null;
  /** Relative-odds models: the intercept fitted with the log odds ratios as offset. */
  fittedIntercept?: number;
  fittedInterceptCi95?: [number, number];
  /** Risk-factor models: observed rates by factor; no cut-offs are published, so no count of factors. */
  factors?: FactorSummary[];
  /** Patients outside the model's population (counted, not listed). */
  notApplicable: number;
}

export interface ModelPlots {
  id: string;
  roc: { fpr: number; tpr: number }[];
  groups: CalibrationGroup[];
  curve: CurvePoint[] | null;
}

function quantile(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function distribution(values: number[]): Distribution | undefined {
  if (values.length === 0) return undefined;
  // A numeric sort of a typed copy: the same order as comparing a − b, without a comparator.
  const sorted = Float64Array.from(values).sort();
  return {
    n: sorted.length,
    median: round(quantile(sorted, 0.5), 3),
    quartiles: [round(quantile(sorted, 0.25), 3), round(quantile(sorted, 0.75), 3)],
  };
}

/**
 * The order of a factor's values in every output: one fixed locale, so the same cohort gives the
 * same report on any machine (the process's locale would reorder them: Danish sorts "aa" last).
 */
const VALUE_ORDER = new Intl.Collator('en');

function factorSummary(factor: RiskFactor, patients: ScoredPatient[]): FactorSummary {
  const values = patients
    .map((p) => ({ value: p.factorValues?.[factor.id], outcome: p.outcome }))
    .filter((v): v is { value: FactorValue; outcome: 0 | 1 } => v.value !== undefined);
  const out: FactorSummary = { factor: factor.id, label: factor.label };
  if (values.every((v) => typeof v.value === 'number')) {
    const of = (o: 0 | 1) => distribution(values.filter((v) => v.outcome === o).map((v) => v.value as number));
    const withEvent = of(1);
    const withoutEvent = of(0);
    if (withEvent) out.withEvent = withEvent;
    if (withoutEvent) out.withoutEvent = withoutEvent;
    return out;
  }
  const groups = new Map<string, { n: number; events: number }>();
  for (const v of values) {
    const key = String(v.value);
    const g = groups.get(key) ?? { n: 0, events: 0 };
    g.n++;
    g.events += v.outcome;
    groups.set(key, g);
  }
  out.byValue = [...groups.entries()]
    .sort(([a], [b]) => VALUE_ORDER.compare(a, b))
    .map(([value, g]) => ({ value, n: g.n, events: g.events, rate: round(g.events / g.n) }));
  return out;
}

const KEY_ORDER: (keyof ModelSummary)[] = [
  'id',
  'endpoint',
  'kind',
  'n',
  'events',
  'auc',
  'aucCi95',
  'observedExpected',
  'interceptShift',
  'interceptShiftCi95',
  'calibrationSlope',
  'calibrationSlopeCi95',
  'brier',
  'fittedIntercept',
  'fittedInterceptCi95',
  'factors',
  'notApplicable',
];

/** The same summary with its keys in the documented order. */
function ordered(summary: ModelSummary): ModelSummary {
  const out: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (summary[key] !== undefined) out[key] = summary[key];
  return out as unknown as ModelSummary;
}

/** The summary of one model over its scored patients. */
export function summarizeModel(def: ModelDefinition, patients: ScoredPatient[], notApplicable: number): ModelSummary {
  return ordered(computeSummary(def, patients, notApplicable));
}

function computeSummary(def: ModelDefinition, patients: ScoredPatient[], notApplicable: number): ModelSummary {
  const y = outcomes(patients);
  const events = y.reduce((s, v) => s + v, 0);
  const base: ModelSummary = {
    id: def.id,
    endpoint: endpointOf(def),
    kind: def.kind,
    n: patients.length,
    events,
    auc: null,
    aucCi95: null,
    observedExpected: null,
    interceptShift: null,
    calibrationSlope: null,
    brier: null,
    notApplicable,
  };
  if (patients.length === 0) return base;
  if (patients.every((p) => p.factorValues !== undefined) && def.kind === 'risk-factors') {
    return { ...base, factors: (def.riskFactors ?? []).map((f) => factorSummary(f, patients)) };
  }
  const lp = scores(patients);
  const auc = aucDeLong(lp, y);
  if (auc) Object.assign(base, { auc: round(auc.auc), aucCi95: roundPair(auc.ci95) });
  // The fit with the scores as offset runs before the slope fit, which starts from η = 0 for every
  // patient: the fits' loops then first meet fractional numbers, and V8 does not optimise them for
  // whole numbers and re-optimise them when the slope fit's second step brings fractions.
  const shift = interceptWithOffset(lp, y);
  const slope = calibrationSlope(lp, y);
  if (slope)
    Object.assign(base, {
      calibrationSlope: round(slope.slope.value),
      calibrationSlopeCi95: roundPair(slope.slope.ci95),
    });
  if (patients.every((p) => p.probability !== undefined)) {
    const p = probabilities(patients);
    base.observedExpected = round(observedExpected(p, y));
    base.brier = round(brierScore(p, y));
    if (shift) Object.assign(base, { interceptShift: round(shift.value), interceptShiftCi95: roundPair(shift.ci95) });
  } else if (shift) {
    // Relative odds: the fitted intercept turns the product of odds ratios into an absolute risk.
    Object.assign(base, { fittedIntercept: round(shift.value), fittedInterceptCi95: roundPair(shift.ci95) });
    base.brier = round(
      brierScore(
        lp.map((x) => expit(shift.value + x)),
        y,
      ),
    );
  }
  return base;
}

// The metrics get Float64Arrays only: one element type, so each of their loops is compiled once.
// Filled by Float64Array.from with a small function per patient, which V8 optimises by itself.

function outcomes(patients: ScoredPatient[]): Float64Array {
  return Float64Array.from(patients, (p) => p.outcome);
}

function probabilities(patients: ScoredPatient[]): Float64Array {
  return Float64Array.from(patients, (p) => p.probability!);
}

/** Each patient's linear predictor, or log relative odds. */
function scores(patients: ScoredPatient[]): Float64Array {
  return Float64Array.from(patients, (p) => {
    // Both fields read for every patient, so the function is compiled knowing both.
    const { linearPredictor, logRelativeOdds } = p;
    return linearPredictor ?? logRelativeOdds ?? NaN;
  });
}

/** The probabilities a summary's plots use: the model's own, or for relative odds those of the fitted intercept. */
export function plottedProbabilities(summary: ModelSummary, patients: ScoredPatient[]): number[] {
  return patients.map((p) => p.probability ?? expit((summary.fittedIntercept ?? 0) + (p.logRelativeOdds ?? 0)));
}

export function modelPlots(summary: ModelSummary, patients: ScoredPatient[]): ModelPlots | null {
  if (summary.auc === null) return null;
  const y = patients.map((p) => p.outcome);
  const p = plottedProbabilities(summary, patients);
  return { id: summary.id, roc: rocCurve(p, y), groups: groupedCalibration(p, y), curve: smoothedCalibration(p, y) };
}

/** A risk factor's value for one patient, from the facts the factor names (a ratio for two counts). */
export function factorValue(factor: RiskFactor, facts: ClinicalFacts): FactorValue | undefined {
  // Read without an array of the values: such an array holds small integers, doubles or strings
  // from patient to patient, each its own map, and every new one re-optimised this function.
  const inputs = factor.inputs;
  let first: unknown;
  let second: unknown;
  for (let i = 0; i < inputs.length; i++) {
    const fact = facts[inputs[i]!];
    if (fact.status !== 'present' || fact.value === undefined) return undefined;
    if (i === 0) first = fact.value;
    else if (i === 1) second = fact.value;
  }
  if (inputs.length === 2 && typeof first === 'number' && typeof second === 'number') {
    return second > 0 ? round(first / second, 4) : undefined;
  }
  return typeof first === 'number' || typeof first === 'string' || typeof first === 'boolean' ? first : undefined;
}
