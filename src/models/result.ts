// What evaluating one model yields: shared by the CLI JSON, the app card and the CDS card.
// A union discriminated by `result`, so a face can only read a number where one exists and a
// relative-odds model can never be shown as a percentage.
import type { InputName, InputValue } from '../domain/vocabulary.ts';
import type { ModelKind } from './definition.ts';

/** One term's share of the linear predictor, on the log-odds scale. */
export interface Contribution {
  term: string;
  label: string;
  value: number;
}

export type FactorStatus = 'present' | 'absent' | 'unknown' | 'no-cutoff' | 'not-coded';

export interface FactorResult {
  id: string;
  label: string;
  status: FactorStatus;
  /** The patient's raw value(s), e.g. "tumour size 18 mm". */
  patientValue?: string;
  oddsRatio?: number;
  ci95?: [number, number];
  note?: string;
}

/** A probability from a full equation, shown with the calculator's conventions. */
export interface Estimate {
  probability: number;
  /** As the calculator shows it: whole percent, "<1%", ">99%". */
  display: string;
  linearPredictor: number;
}

/** One value a categorical unknown (or an assumption) can take, and the probability it gives. */
export interface RangeValue {
  assignment: Partial<Record<InputName, InputValue>>;
  probability: number;
}

/** The model over every value of its categorical unknowns consistent with the record. */
export interface ProbabilityRange {
  low: number;
  high: number;
  /** The inputs the range runs over. */
  over: InputName[];
  /** Each assignment and its probability, at most RANGE_VALUES_CAP of them. */
  values: RangeValue[];
  /** True when `values` was cut at the cap (low/high are exact regardless). */
  capped: boolean;
}

/** An absolute rate observed in a published cohort, shown only for the population it was observed in. */
export interface ObservedRateResult {
  /** The stratum, e.g. "1 positive sentinel node". */
  label: string;
  /** What was counted, e.g. "four or more involved nodes". */
  outcome: string;
  events?: number;
  total?: number;
  rate: number;
  source: string;
}

interface ResultCommon {
  id: string;
  title: string;
  /** The definition's short title, when it has one. */
  shortTitle?: string;
  kind: ModelKind;
  outcome: string;
  population: string;
  citation: string;
  warnings: string[];
  notes: string[];
  locallyConfigured?: true;
}

export interface NotApplicableResult extends ResultCommon {
  result: 'not-applicable';
  applicable: false;
  reason: string;
  /** Outside the model's population only: the value anyway, for a what-if on request, never a headline. */
  outsidePopulation?: ProbabilityResult | RangeResult;
}

/** Applies, but a numeric input is missing or sources disagree: nothing is computed. */
export interface NotComputedResult extends ResultCommon {
  result: 'not-computed';
  applicable: true;
  missing: InputName[];
  conflicts: InputName[];
}

export interface ProbabilityResult extends ResultCommon, Estimate {
  result: 'probability';
  applicable: true;
  contributions: Contribution[];
  /** A published model recalibrated by deployment config: "locally calibrated on N patients (site, dates)". */
  calibration?: string;
}

export interface RangeResult extends ResultCommon {
  result: 'range';
  applicable: true;
  range: ProbabilityRange;
  /** "7–28%". */
  display: string;
  /** The terms that are the same for every value in the range. */
  contributions: Contribution[];
  /** As for a single probability: the range of a recalibrated published model says so. */
  calibration?: string;
}

export interface RelativeOddsResult extends ResultCommon {
  result: 'relative-odds';
  applicable: true;
  /** Observed absolute rates for the patient's stratum; the first is the headline. */
  observedRates: ObservedRateResult[];
  /** Odds relative to a patient with none of the coded factors; null while a coded factor is unknown. */
  relativeOdds: number | null;
  factors: FactorResult[];
  /** Inputs whose factor is unknown (missing, or sources disagree). */
  missing: InputName[];
  conflicts: InputName[];
  contributions: Contribution[];
  /** Only with a locally calibrated intercept from deployment config. */
  calibrated?: Estimate & { calibration: string };
}

export interface RiskFactorsResult extends ResultCommon {
  result: 'risk-factors';
  applicable: true;
  factors: FactorResult[];
  statistics: string[];
  /** Inputs whose factor is unknown (missing, or sources disagree). */
  missing: InputName[];
  conflicts: InputName[];
  contributions: Contribution[];
  /** Only once the paper's coefficients and cut-offs are entered in the definition. */
  estimate?: Estimate;
}

export type ModelResult =
  ProbabilityResult | RangeResult | RelativeOddsResult | RiskFactorsResult | NotComputedResult | NotApplicableResult;

export type ComputedResult = Exclude<ModelResult, NotApplicableResult | NotComputedResult>;

/** Inputs a result still needs to be complete (missing or in conflict). */
export function neededBy(m: ModelResult): { missing: InputName[]; conflicts: InputName[] } {
  if (m.result === 'not-computed' || m.result === 'relative-odds' || m.result === 'risk-factors') {
    return { missing: m.missing, conflicts: m.conflicts };
  }
  return { missing: [], conflicts: [] };
}
