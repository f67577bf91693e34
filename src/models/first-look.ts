// The first part of an assessment: the derived inputs, the models' results and the trials'
// verdicts — what the card's bottom line and estimates show. assess() (evaluate.ts) completes it
// with the trials' texts, the guidelines and the evidence notes; the app paints from it before loading those.
import { deriveFacts } from '../domain/derive.ts';
import type { ClinicalFacts } from '../domain/facts.ts';
import { situationOf } from './evidence/situation.ts';
import { trialVerdicts } from './evidence/trial-verdicts.ts';
import type { Situation, TrialVerdict } from './evidence/types.ts';
import { evaluateModel } from './engine.ts';
import type { AssessOptions, Assessment } from './evaluate.ts';
import { BUILTIN_MODELS } from './registry.ts';

export interface FirstLook extends Omit<Assessment, 'evidence' | 'evidenceNotes'> {
  situation: Situation | null;
  /** The trials for the situation with their verdicts; with their texts, the first entries of the assessment's evidence. */
  trials: TrialVerdict[];
}

export function firstLook(facts: ClinicalFacts, options: AssessOptions = {}): FirstLook {
  const inputs = deriveFacts(facts);
  const situation = situationOf(inputs) ?? null;
  return {
    patient: options.patient ?? null,
    inputs,
    models: (options.models ?? BUILTIN_MODELS).map((model) => evaluateModel(model, inputs)),
    situation,
    trials: trialVerdicts(inputs, situation),
    ignored: options.ignored ?? [],
  };
}
