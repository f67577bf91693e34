// Collects each patient's model scores and observed outcome across a cohort, with every skip and
// its reason, then summarises per model. Pure: the CLI feeds it one patient at a time.
import type { Assessment } from '../models/evaluate.ts';
import type { ModelDefinition } from '../models/definition.ts';
import type { ModelResult } from '../models/result.ts';
import { endpointOf, outcomeFor, type Endpoint } from './endpoint.ts';
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

/** One model's running tally across the cohort. */
interface ModelTally {
  readonly def: ModelDefinition;
  /** Read once from the model's outcome wording (a regular expression), not once per patient. */
  readonly endpoint: Endpoint;
  readonly scored: ScoredPatient[];
  notApplicable: number;
}

export class CohortValidation {
  private readonly tallies: ModelTally[];
  private readonly skips: Skip[] = [];
  private patientCount = 0;
  readonly counts: CohortCounts = { detectionMethodUnknown: 0 };

  constructor(readonly models: readonly ModelDefinition[]) {
    this.tallies = models.map((def) => ({ def, endpoint: endpointOf(def), scored: [], notApplicable: 0 }));
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
    for (let i = 0; i < this.tallies.length; i++) {
      const tally = this.tallies[i]!;
      const result = resultFor(assessment.models, tally.def.id);
      if (result) this.addScore(patient, tally, readModelResult(result), assessment.inputs, outcome);
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
    tally: ModelTally,
    reading: ModelReading,
    inputs: ModelAssessment['inputs'],
    outcome: Outcome,
  ): void {
    if (reading.kind === 'not-applicable') {
      tally.notApplicable++;
      return;
    }
    if (reading.kind === 'skip') {
      this.skip({ patient, model: tally.def.id, reason: reading.reason });
      return;
    }
    const y = outcomeFor(tally.endpoint, outcome);
    if (y === undefined) {
      this.skip({
        patient,
        model: tally.def.id,
        reason: `outcome for ${tally.endpoint === 'pn2' ? 'four or more nodes' : 'non-sentinel nodes'} not recorded`,
      });
      return;
    }
    tally.scored.push(scoredRow(patient, y, outcome, reading, tally.def, inputs));
  }

  private summaries(): { summary: ModelSummary; patients: ScoredPatient[] }[] {
    return this.tallies.map(({ def, scored, notApplicable }) => ({
      summary: summarizeModel(def, scored, notApplicable),
      patients: scored,
    }));
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

/** The first result with the model's id (a plain loop: no closure per model and patient). */
function resultFor(results: readonly ModelResult[], id: string): ModelResult | undefined {
  for (let i = 0; i < results.length; i++) if (results[i]!.id === id) return results[i];
  return undefined;
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

/**
 * A scored patient, every row in one shape (a field that does not apply is undefined) for the
 * summaries' loops. An instance of a class, not an object literal: the rows live to the end of the
 * run, so V8 soon allocates a literal's objects in the old generation, and that change of its
 * allocation site discards the optimised code that inlined the literal (addPatient was optimised
 * twice per run); objects made by `new` have no allocation site.
 */
class ScoredRow implements ScoredPatient {
  readonly patient: string;
  readonly outcome: 0 | 1;
  // The fields that hold a number in some rows and undefined in others start as 0 and are then
  // set: V8 gives such a field a representation that allows both at the first row. Set to their
  // values at once, a field first seen holding undefined or fractions turns general only at the
  // first row whose value is a whole number (log relative odds of exactly 0), which re-optimised
  // addPatient mid-run.
  nsnPositive: 0 | 1 | undefined = 0;
  totalPositive: number | undefined = 0;
  probability: number | undefined = 0;
  linearPredictor: number | undefined = 0;
  logRelativeOdds: number | undefined = 0;
  factorValues: ScoredPatient['factorValues'] = undefined;

  constructor(patient: string, outcome: 0 | 1) {
    this.patient = patient;
    this.outcome = outcome;
  }
}

function scoredRow(
  patient: string,
  y: 0 | 1,
  outcome: Outcome,
  reading: Extract<ModelReading, { kind: 'probability' | 'relative-odds' | 'risk-factors' }>,
  def: ModelDefinition,
  inputs: ModelAssessment['inputs'],
): ScoredPatient {
  const row = new ScoredRow(patient, y);
  row.nsnPositive = outcome.nsnPositive;
  row.totalPositive = outcome.totalPositive;
  row.probability = reading.kind === 'probability' ? reading.probability : undefined;
  row.linearPredictor = reading.kind === 'probability' ? reading.linearPredictor : undefined;
  row.logRelativeOdds = reading.kind === 'relative-odds' ? reading.logRelativeOdds : undefined;
  if (reading.kind === 'risk-factors') row.factorValues = factorValues(def, inputs);
  return row;
}

/** Every factor of the model, in definition order (undefined where the patient has no value): one shape per model. */
function factorValues(
  def: ModelDefinition,
  inputs: ModelAssessment['inputs'],
): Record<string, string | number | boolean | undefined> {
  const values: Record<string, string | number | boolean | undefined> = {};
  for (const factor of def.riskFactors ?? []) values[factor.id] = factorValue(factor, inputs);
  return values;
}
