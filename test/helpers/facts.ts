import { factsFromPlainInputs } from '../../src/domain/validate.ts';
import { assess } from '../../src/models/evaluate.ts';
import type { ModelResult } from '../../src/models/result.ts';

/** Evaluates the built-in models on clinician-style inputs and returns one model's result. */
export function resultFor(modelId: string, inputs: Record<string, unknown>): ModelResult {
  const assessment = assess(factsFromPlainInputs(inputs));
  const result = assessment.models.find((m) => m.id === modelId);
  if (!result) throw new Error(`no model ${modelId}`);
  return result;
}
