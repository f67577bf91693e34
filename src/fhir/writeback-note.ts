// Assessment → one FHIR R4 DocumentReference clinical note, for EHRs that accept a note but not a
// RiskAssessment (docs/deploy-epic.md, docs/deploy-oracle.md). Pure: no I/O, no clock.
// The note is short plain text: inputs with where each came from, the results, and the models' citations.
import type { DocumentReference } from '@medplum/fhirtypes';
import type { Fact } from '../domain/facts.ts';
import { INPUTS, INPUT_NAMES, formatInputValue, type InputName, type InputValue } from '../domain/vocabulary.ts';
import type { Assessment } from '../models/evaluate.ts';
import { formatOdds, percentOf } from '../models/display.ts';
import type { ModelResult } from '../models/result.ts';
import { basisReferences, isWritable, type WriteBackContext } from './writeback.ts';

/** LOINC 11488-4 "Consult note": the US Core clinical-note type for a consultation/assessment. */
export const NOTE_TYPE = { system: 'http://loinc.org', code: '11488-4', display: 'Consult note' } as const;
export const NOTE_CATEGORY = {
  system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
  code: 'clinical-note',
  display: 'Clinical Note',
} as const;

const ORIGIN_WORDS = {
  fhir: 'EHR data',
  'report-text': 'report text',
  derived: 'derived',
  clinician: 'entered by the clinician',
} as const;

function inputLine(name: (typeof INPUT_NAMES)[number], fact: Fact): string {
  const label = INPUTS[name].label;
  if (fact.status === 'missing') return `- ${label}: missing${fact.note ? ` (${fact.note})` : ''}`;
  if (fact.status === 'conflict')
    return `- ${label}: sources disagree (${fact.candidates.map((c) => formatInputValue(name, c.value as InputValue)).join(' / ')})`;
  const sources = fact.sources.map((s) => s.reference).filter((r) => r !== 'clinician');
  const from = [ORIGIN_WORDS[fact.origin], ...sources].join(', ');
  return `- ${label}: ${formatInputValue(name, fact.value as InputValue)} (${from})`;
}

function labels(names: readonly InputName[]): string {
  return names.map((n) => INPUTS[n].label).join(', ');
}

/** One line per model, worded as the card shows it; a relative odds is never a percentage. */
function resultLine(model: ModelResult): string {
  switch (model.result) {
    case 'not-applicable':
      return `- ${model.title}: does not apply (${model.reason})`;
    case 'not-computed':
      if (model.missing.length > 0) return `- ${model.title}: not computed, missing ${labels(model.missing)}`;
      return `- ${model.title}: not computed, sources disagree on ${labels(model.conflicts)}`;
    case 'probability':
      return `- ${model.title}: ${model.outcome}: ${model.display}${model.calibration ? ` (${model.calibration})` : ''}. ${model.citation}`;
    case 'range':
      return `- ${model.title}: ${model.outcome}: ${model.display}, depending on ${labels(model.range.over)}${model.calibration ? ` (${model.calibration})` : ''}. ${model.citation}`;
    case 'relative-odds': {
      const observed = model.observedRates[0];
      const parts = observed
        ? [`${observed.outcome}: ${percentOf(observed.rate)} observed with ${observed.label} (${observed.source})`]
        : [];
      if (model.relativeOdds !== null)
        parts.push(
          `relative odds ×${formatOdds(model.relativeOdds)} vs the model's reference patient (not a probability)`,
        );
      if (parts.length === 0) parts.push('factor profile (see the card)');
      return `- ${model.title}: ${parts.join('; ')}. ${model.citation}`;
    }
    case 'risk-factors':
      return `- ${model.title}: risk-factor profile (no single estimate; see the card). ${model.citation}`;
  }
}

/** The note's text. */
export function noteText(assessment: Assessment, ctx: WriteBackContext): string {
  return [
    'Nodal Risk: further axillary nodal disease after a positive sentinel node biopsy',
    `Computed ${ctx.now.toISOString().slice(0, 16).replace('T', ' ')} UTC by Nodal Risk ${ctx.appVersion}.`,
    '',
    'Results:',
    ...assessment.models.map(resultLine),
    '',
    'Inputs (value and where it came from):',
    ...INPUT_NAMES.map((name) => inputLine(name, assessment.inputs[name] as Fact)),
    '',
    'These estimates are the chance of further nodal disease, not of recurrence or survival. They support and do not replace clinical judgement.',
  ].join('\n');
}

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** One DocumentReference note of the assessment, or undefined when no model computed a result. */
export function clinicalNoteFor(assessment: Assessment, ctx: WriteBackContext): DocumentReference | undefined {
  if (!assessment.models.some(isWritable)) return undefined;
  const related = basisReferences(assessment.inputs);
  return {
    resourceType: 'DocumentReference',
    status: 'current',
    docStatus: 'final',
    type: { coding: [{ ...NOTE_TYPE }], text: 'Nodal Risk assessment' },
    category: [{ coding: [{ ...NOTE_CATEGORY }] }],
    subject: { reference: ctx.patientReference },
    date: ctx.now.toISOString(),
    ...(ctx.performer ? { author: [{ reference: ctx.performer }] } : {}),
    description: 'Nodal Risk: further axillary nodal disease after a positive sentinel node biopsy',
    content: [
      {
        attachment: {
          contentType: 'text/plain; charset=utf-8',
          data: base64Utf8(noteText(assessment, ctx)),
          title: 'Nodal Risk assessment',
          creation: ctx.now.toISOString(),
        },
      },
    ],
    ...(related.length > 0 ? { context: { related } } : {}),
  };
}
