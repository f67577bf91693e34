// Assessment → FHIR R4 RiskAssessment resources for "Save to chart". Pure: no I/O, no clock.
// One resource per model that computed a number, a range over unknown inputs, or complete
// relative odds; risk-factor profiles carry no single estimate, so they are not written.
import type {
  Annotation,
  CodeableConcept,
  Extension,
  Quantity,
  Reference,
  RiskAssessment,
  RiskAssessmentPrediction,
} from '@medplum/fhirtypes';
import type { ClinicalFacts, Fact } from '../domain/facts.ts';
import { INPUTS, INPUT_NAMES, formatInputValue, type InputValue } from '../domain/vocabulary.ts';
import type { Assessment } from '../models/evaluate.ts';
import { assignmentText, formatOdds, formatProbability } from '../models/display.ts';
import type { ModelResult, ProbabilityResult, RangeResult, RelativeOddsResult } from '../models/result.ts';

/** Code system of our model identifiers (an .invalid host: ours, and never resolvable by accident). */
export const MODEL_SYSTEM = 'https://nodal-risk.invalid/model';
/**
 * The relative odds as a number. R4's `relativeRisk` means risk relative to the population average,
 * which these products of published odds ratios are not, so the number travels in an extension.
 */
export const RELATIVE_ODDS_EXTENSION = 'https://nodal-risk.invalid/fhir/StructureDefinition/relative-odds';

export interface WriteBackContext {
  /** "Patient/123" */
  patientReference: string;
  /** The signed-in user (fhirUser), e.g. "Practitioner/abc", when the EHR said who it is. */
  performer?: string;
  now: Date;
  appVersion: string;
}

type WritableResult = ProbabilityResult | RangeResult | (RelativeOddsResult & { relativeOdds: number });

/** Whether a model result is one this app writes to the chart: a number, a range, or complete relative odds. */
export function isWritable(model: ModelResult): model is WritableResult {
  if (model.result === 'probability' || model.result === 'range') return true;
  return model.result === 'relative-odds' && model.relativeOdds !== null;
}

/** References of every resource a present input came from, in input order, without duplicates. */
export function basisReferences(inputs: ClinicalFacts): Reference[] {
  const seen = new Set<string>();
  for (const name of INPUT_NAMES) {
    const fact = inputs[name] as Fact;
    if (fact.status !== 'present') continue;
    for (const source of fact.sources) {
      // "clinician" is not a resource; typed entries are recorded in `note` instead.
      if (source.reference === 'clinician' || !/^[A-Z][A-Za-z]+\/[A-Za-z0-9.-]{1,64}$/.test(source.reference)) continue;
      seen.add(source.reference);
    }
  }
  return [...seen].map((reference) => ({ reference }));
}

/** One line per input the clinician entered or edited, saying what the record said. */
export function clinicianInputNotes(inputs: ClinicalFacts): string[] {
  const lines: string[] = [];
  for (const name of INPUT_NAMES) {
    const fact = inputs[name] as Fact;
    if (fact.status !== 'present' || fact.origin !== 'clinician') continue;
    const value = formatInputValue(name, fact.value as InputValue);
    lines.push(`${INPUTS[name].label}: ${value} (${fact.note ?? 'entered by the clinician'})`);
  }
  return lines;
}

function method(model: WritableResult): CodeableConcept {
  return {
    coding: [{ system: MODEL_SYSTEM, code: model.id, display: model.title }],
    text: `${model.title}. ${model.citation}`,
  };
}

function percentQuantity(p: number): Quantity {
  return { value: p * 100, unit: '%', system: 'http://unitsofmeasure.org', code: '%' };
}

function rangePrediction(model: RangeResult, outcome: CodeableConcept): RiskAssessmentPrediction {
  const choices = model.range.values.map((v) => `${assignmentText(v.assignment)}: ${formatProbability(v.probability)}`);
  return {
    outcome,
    // R4 invariant ras-1: the range's ends are UCUM percentages.
    probabilityRange: { low: percentQuantity(model.range.low), high: percentQuantity(model.range.high) },
    qualitativeRisk: {
      text: `${model.display}, depending on ${model.range.over.map((n) => INPUTS[n].label).join(', ')}`,
    },
    rationale: `Not one number: the record does not state ${model.range.over.map((n) => INPUTS[n].label).join(', ')}. ${choices.join('; ')}${model.range.capped ? '; …' : ''}.`,
  };
}

function prediction(model: WritableResult): RiskAssessmentPrediction {
  const outcome = { text: model.outcome };
  if (model.result === 'probability') return { outcome, probabilityDecimal: model.probability };
  if (model.result === 'range') return rangePrediction(model, outcome);
  const odds = model.relativeOdds;
  const words = `relative odds ×${formatOdds(odds)} vs the reference patient`;
  const out: RiskAssessmentPrediction = {
    extension: [{ url: RELATIVE_ODDS_EXTENSION, valueDecimal: odds } satisfies Extension],
    outcome,
    qualitativeRisk: { text: words },
    rationale:
      `${words} (a patient with none of the model's factors): the product of published odds ratios. ` +
      'It is not a probability and not a risk relative to the population average.',
  };
  // A relative-odds model with a locally calibrated intercept also yields a probability (shown on the card).
  if (model.calibrated) out.probabilityDecimal = model.calibrated.probability;
  return out;
}

function notes(model: WritableResult, clinicianLines: string[], appVersion: string): Annotation[] {
  const out: Annotation[] = [];
  if (clinicianLines.length > 0) {
    out.push({
      text: `Inputs entered or edited by the clinician in Nodal Risk:\n${clinicianLines.map((l) => `- ${l}`).join('\n')}`,
    });
  }
  if (model.locallyConfigured)
    out.push({ text: 'Locally configured model (deployment configuration), not a built-in published model.' });
  if (model.result === 'relative-odds' && model.calibrated)
    out.push({ text: `Calibration: ${model.calibrated.calibration}` });
  if ((model.result === 'probability' || model.result === 'range') && model.calibration)
    out.push({ text: `Calibration: ${model.calibration}` });
  for (const w of model.warnings) out.push({ text: `Warning: ${w}` });
  out.push({ text: `Computed by Nodal Risk ${appVersion}. Supports and does not replace clinical judgement.` });
  return out;
}

export function riskAssessmentsFor(assessment: Assessment, ctx: WriteBackContext): RiskAssessment[] {
  const basis = basisReferences(assessment.inputs);
  const clinicianLines = clinicianInputNotes(assessment.inputs);
  return assessment.models.filter(isWritable).map((model) => {
    const resource: RiskAssessment = {
      resourceType: 'RiskAssessment',
      status: 'final',
      method: method(model),
      code: { text: 'Further axillary nodal disease after a positive sentinel node biopsy' },
      subject: { reference: ctx.patientReference },
      occurrenceDateTime: ctx.now.toISOString(),
      ...(ctx.performer ? { performer: { reference: ctx.performer } } : {}),
      ...(basis.length > 0 ? { basis: basis.map((b) => ({ ...b })) } : {}),
      prediction: [prediction(model)],
      note: notes(model, clinicianLines, ctx.appVersion),
    };
    return resource;
  });
}
