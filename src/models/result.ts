// What evaluating one model yields: shared by the CLI JSON, the app card and the CDS card.
import type { InputName } from '../domain/vocabulary.ts';
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

export interface ModelResult {
  id: string;
  title: string;
  kind: ModelKind;
  outcome: string;
  population: string;
  citation: string;
  applicable: boolean;
  /** Why the model does not apply (only when applicable is false). */
  reason?: string;
  /** Inputs the model needs that are missing; when non-empty nothing is computed. */
  missing: InputName[];
  /** Inputs the model needs whose sources disagree; when non-empty nothing is computed. */
  conflicts: InputName[];
  warnings: string[];
  notes: string[];
  contributions: Contribution[];
  locallyConfigured?: true;
  // probability (and relative-odds with a local calibration)
  probability?: number;
  display?: string;
  linearPredictor?: number;
  calibration?: string;
  // relative-odds
  relativeOdds?: number;
  observedRate?: { label: string; events: number; total: number; rate: number; source: string };
  // relative-odds and risk-factors
  factors?: FactorResult[];
  statistics?: string[];
}
