// The model-definition format. Built-in models and locally configured ones share it, so a
// deployment can add a model (or a calibrated intercept) as JSON without code changes.
// It is plain data: conditions, terms and factors reference inputs of src/domain/vocabulary.ts.
import type { InputName } from '../domain/vocabulary.ts';

export type ModelKind = 'probability' | 'relative-odds' | 'risk-factors';

type Primitive = string | number | boolean;

/** A predicate on inputs, evaluated with three-valued logic (an absent input makes it unknown). */
export type Condition =
  | { input: InputName; equals: Primitive }
  | { input: InputName; in: Primitive[] }
  | { input: InputName; atLeast?: number; atMost?: number; above?: number; below?: number }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/**
 * A condition the patient must meet for the model to apply.
 * `reason` is shown when it is not met; `{inputName}` placeholders are filled with the patient's values.
 * `whenUnknown` says what an undetermined condition means: the inputs are "missing" (nothing is
 * computed), the result carries a warning ("warn"), the model is not offered ("not-applicable"), or
 * it applies ("accept"; a conflict among sources still warns).
 */
export interface Requirement {
  condition: Condition;
  reason: string;
  whenUnknown: 'missing' | 'warn' | 'not-applicable' | 'accept';
  /** Text of the warning or reason when the condition cannot be determined. */
  unknownText?: string;
  /** A population limit: the value may still be shown on request (what-if), labelled outside the population. */
  population?: boolean;
}

/** One additive term of a linear predictor (log-odds scale). */
export type Term =
  | { id: string; label: string; type: 'indicator'; when: Condition; coefficient: number }
  | {
      id: string;
      label: string;
      type: 'levels';
      /** Exactly one level must hold; the first that holds is used. */
      levels: { label: string; when: Condition; coefficient: number }[];
    }
  | {
      id: string;
      label: string;
      type: 'numeric';
      input: InputName;
      /** x = transform(value × scale), e.g. scale 0.1 turns mm into cm. */
      scale?: number;
      transform?: 'identity' | 'sqrt';
      /** Unit of x after scaling, for display. */
      unit?: string;
      /** Counts added to the value when their condition holds (e.g. ITC-only nodes counted as negative). */
      adds?: { input: InputName; when: Condition }[];
      coefficient: number;
    };

/** A published odds ratio (relative-odds models). */
export interface OddsFactor {
  id: string;
  label: string;
  oddsRatio: number;
  ci95?: [number, number];
  /** How the factor is coded for this patient; absent when its coding was not published. */
  when?: Condition;
  /** Inputs whose raw values are shown beside the factor. */
  shows: InputName[];
  /** Why the factor is left out of the product (required when `when` is absent). */
  uncodableReason?: string;
}

/** A published risk factor without usable coefficients (risk-factor models). */
export interface RiskFactor {
  id: string;
  label: string;
  /** Present when this holds; absent when the published cut-off or direction is not available. */
  presentWhen?: Condition;
  /** Inputs needed to describe the factor for this patient. */
  inputs: InputName[];
  /** Text describing the patient's value, with `{input}` and `{percent:a/b}` placeholders. */
  describe: string;
  /** Shown when `presentWhen` is absent, e.g. "cut-off not published". */
  noCutoffText?: string;
  /** Filled in when the paper's coefficient becomes available. */
  coefficient?: number;
}

/** An absolute rate observed in a published cohort; shown only when the patient is in that stratum. */
export interface ObservedRate {
  when: Condition;
  /** The stratum, e.g. "1 positive sentinel node". */
  label: string;
  /** What was counted, when it differs from the model's outcome. */
  outcome?: string;
  /** Counts when published; otherwise `rate` as published. */
  events?: number;
  total?: number;
  rate?: number;
  source: string;
}

export interface InputRange {
  input: InputName;
  min: number;
  max: number;
  label: string;
}

export interface Citation {
  text: string;
  doi?: string;
}

export interface ModelDefinition {
  id: string;
  title: string;
  /** The name in a one-line summary (a CDS card's <140 characters), e.g. "MSKCC"; else the title. */
  shortTitle?: string;
  kind: ModelKind;
  /** The predicted outcome in plain words. */
  outcome: string;
  /** The population in plain words. */
  population: string;
  citations: Citation[];
  /** Heading of docs/models.md the numbers come from (built-in models). */
  docsSection?: string;
  /** Development/validation performance in plain words (AUCs, cohort sizes). */
  performance?: string;
  /** Shown with every result of this model. */
  notes?: string[];
  requirements: Requirement[];
  /** Validated ranges: outside them the model computes but warns. */
  validatedRanges?: InputRange[];
  /** Ranges the calculator accepts: outside them the model shows no number and says why. */
  acceptedRanges?: InputRange[];
  /** Categorical inputs (and assumptions) the model may be ranged over when they are unknown. */
  rangeOver?: InputName[];
  /** Shown as warnings when they hold, e.g. a cohort whose sex is not published. */
  caveats?: { when: Condition; text: string }[];
  // probability
  intercept?: number;
  terms?: Term[];
  // relative-odds
  oddsFactors?: OddsFactor[];
  observedRates?: ObservedRate[];
  // risk-factors
  riskFactors?: RiskFactor[];
  statistics?: string[];
  /** Set by the loader for definitions that come from deployment config. */
  locallyConfigured?: boolean;
  /**
   * A locally calibrated intercept (deployment config): the fitted intercept of a relative-odds
   * model, or the recalibrated intercept of a probability model. `label` is what results say,
   * e.g. "locally calibrated on 812 patients (Springfield, 2019-01-03 to 2024-11-30)".
   */
  localCalibration?: { intercept: number; source: string; label?: string };
}
