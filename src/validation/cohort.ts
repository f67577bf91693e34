// Collects each patient's model scores and observed outcome across a cohort, with every skip and
// its reason, then summarises per model. Pure: the CLI feeds it one patient at a time.
import type { Assessment } from '../models/evaluate.ts';
import type { ModelDefinition } from '../models/definition.ts';
import { endpointOf, outcomeFor } from './endpoint.ts';
import { readModelResult, type ModelReading } from './model-reading.ts';
import type { Outcome, OutcomeReading } from './outcomes.ts';
import {
  factorValue,
  modelPlots,
  plottedProbabilities,
  summarizeModel,
  type ModelPlots,
  type ModelSummary,
  type ScoredPatient,
  type Skip,
} from './summary.ts';

/** What validation reads of an assessment: the derived inputs and each model's result (no trial evidence). */
export type ModelAssessment = Pick<Assessment, 'inputs' | 'models'>;

export interface ValidationResult {
  patients: number;
  models: ModelSummary[];
  skipped: Skip[];
}

export interface PredictionRow {
  patient: string;
  model: string;
  probability: number;
  nsnPositive?: 0 | 1;
  totalPositive?: number;
}

/** Facts the report counts across the cohort (e.g. how many had no stated detection method). */
export interface CohortCounts {
  detectionMethodUnknown: number;
  earliestDate?: string;
  latestDate?: string;
}

export class CohortValidation {
  private readonly scored = new Map<string, ScoredPatient[]>();
  private readonly notApplicable = new Map<string, number>();
  private readonly skips: Skip[] = [];
  private patientCount = 0;
  readonly counts: CohortCounts = { detectionMethodUnknown: 0 };

  constructor(readonly models: readonly ModelDefinition[]) {
    for (const m of models) {
      this.scored.set(m.id, []);
      this.notApplicable.set(m.id, 0);
    }
  }

  skip(skip: Skip): void {
    this.skips.push(skip);
  }

  /** One patient: the assessment of every model, and the outcome (FHIR or the outcomes file). */
  addPatient(patient: string, assessment: ModelAssessment, outcomeReading: OutcomeReading): void {
    this.patientCount++;
    if (assessment.inputs.detectionMethod.status !== 'present') this.counts.detectionMethodUnknown++;
    if ('reason' in outcomeReading) {
      this.skip({ patient, reason: `no outcome: ${outcomeReading.reason}` });
      return;
    }
    const outcome = outcomeReading.found;
    this.widenDates(outcome.date);
    for (const def of this.models) {
      const result = assessment.models.find((m) => m.id === def.id);
      if (result) this.addScore(patient, def, readModelResult(result), assessment.inputs, outcome);
    }
  }

  private widenDates(date: string | undefined): void {
    if (!date) return;
    if (!this.counts.earliestDate || date < this.counts.earliestDate) this.counts.earliestDate = date;
    if (!this.counts.latestDate || date > this.counts.latestDate) this.counts.latestDate = date;
  }

  // Separate from addPatient so that V8 optimises each small step once; a new shape of input met
  // late then re-optimises a small function, not the whole loop.
  private addScore(
    patient: string,
    def: ModelDefinition,
    reading: ModelReading,
    inputs: ModelAssessment['inputs'],
    outcome: Outcome,
  ): void {
    if (reading.kind === 'not-applicable') {
      this.notApplicable.set(def.id, (this.notApplicable.get(def.id) ?? 0) + 1);
      return;
    }
    if (reading.kind === 'skip') {
      this.skip({ patient, model: def.id, reason: reading.reason });
      return;
    }
    const y = outcomeFor(endpointOf(def), outcome);
    if (y === undefined) {
      this.skip({
        patient,
        model: def.id,
        reason: `outcome for ${endpointOf(def) === 'pn2' ? 'four or more nodes' : 'non-sentinel nodes'} not recorded`,
      });
      return;
    }
    this.scored.get(def.id)!.push(scoredRow(patient, y, outcome, reading, def, inputs));
  }

  private summaries(): { summary: ModelSummary; patients: ScoredPatient[] }[] {
    return this.models.map((def) => {
      const patients = this.scored.get(def.id) ?? [];
      return { summary: summarizeModel(def, patients, this.notApplicable.get(def.id) ?? 0), patients };
    });
  }

  /**
   * The summaries; the plots and the prediction rows are computed only when asked for (by
   * --report and --predictions): at 100,000 patients the plots cost about as much as the summaries.
   */
  result(): { result: ValidationResult; plots: () => ModelPlots[]; predictions: () => PredictionRow[] } {
    const all = this.summaries();
    return {
      result: { patients: this.patientCount, models: all.map((a) => a.summary), skipped: this.skips },
      plots: () =>
        all.map(({ summary, patients }) => modelPlots(summary, patients)).filter((p): p is ModelPlots => p !== null),
      predictions: () => predictionRows(all),
    };
  }
}

function predictionRows(all: readonly { summary: ModelSummary; patients: ScoredPatient[] }[]): PredictionRow[] {
  const predictions: PredictionRow[] = [];
  for (const { summary, patients } of all) {
    if (summary.auc === null) continue;
    const probabilities = plottedProbabilities(summary, patients);
    patients.forEach((p, i) => {
      const row: PredictionRow = { patient: p.patient, model: summary.id, probability: probabilities[i]! };
      if (p.nsnPositive !== undefined) row.nsnPositive = p.nsnPositive;
      if (p.totalPositive !== undefined) row.totalPositive = p.totalPositive;
      predictions.push(row);
    });
  }
  return predictions;
}

/** A scored patient, every row in one shape (a field that does not apply is undefined) for the summaries' loops. */
function scoredRow(
  patient: string,
  y: 0 | 1,
  outcome: Outcome,
  reading: Extract<ModelReading, { kind: 'probability' | 'relative-odds' | 'risk-factors' }>,
  def: ModelDefinition,
  inputs: ModelAssessment['inputs'],
): ScoredPatient {
  return {
    patient,
    outcome: y,
    nsnPositive: outcome.nsnPositive,
    totalPositive: outcome.totalPositive,
    probability: reading.kind === 'probability' ? reading.probability : undefined,
    linearPredictor: reading.kind === 'probability' ? reading.linearPredictor : undefined,
    logRelativeOdds: reading.kind === 'relative-odds' ? reading.logRelativeOdds : undefined,
    factorValues: reading.kind === 'risk-factors' ? factorValues(def, inputs) : undefined,
  };
}

function factorValues(
  def: ModelDefinition,
  inputs: ModelAssessment['inputs'],
): Record<string, string | number | boolean> {
  const values: Record<string, string | number | boolean> = {};
  for (const factor of def.riskFactors ?? []) {
    const v = factorValue(factor, inputs);
    if (v !== undefined) values[factor.id] = v;
  }
  return values;
}
