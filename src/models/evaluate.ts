// facts → Assessment: the pure core every face (app, CDS service, CLI) calls.
import type { ClinicalFacts, IgnoredItem } from '../domain/facts.ts';
import { guidelineVerdicts, type EvidenceEntry, type EvidenceNote } from './evidence/index.ts';
import { notesFor } from './evidence/notes.ts';
import { withTrialTexts } from './evidence/trial-texts.ts';
import type { ModelDefinition } from './definition.ts';
import { firstLook, type FirstLook } from './first-look.ts';
import type { ModelResult } from './result.ts';

export interface Assessment {
  patient: { reference: string } | null;
  inputs: ClinicalFacts;
  models: ModelResult[];
  /** Trials and guidelines relevant to the patient's situation, each with its verdict. */
  evidence: EvidenceEntry[];
  /** Evidence that is not a verdict: definitions, caveats, what the nodal count changes next. */
  evidenceNotes: EvidenceNote[];
  ignored: IgnoredItem[];
}

export interface AssessOptions {
  models?: readonly ModelDefinition[];
  patient?: { reference: string } | null;
  ignored?: IgnoredItem[];
}

export function assess(facts: ClinicalFacts, options: AssessOptions = {}): Assessment {
  return completeAssessment(firstLook(facts, options));
}

/** The whole assessment from its first part: the trials with their texts, the guidelines and the notes. */
export function completeAssessment(look: FirstLook): Assessment {
  const { inputs, situation } = look;
  return {
    patient: look.patient,
    inputs,
    models: look.models,
    evidence: [...look.trials.map(withTrialTexts), ...guidelineVerdicts(inputs, situation)],
    evidenceNotes: notesFor(inputs, situation),
    ignored: look.ignored,
  };
}
