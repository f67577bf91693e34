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

/** Narrows a result to the expected variant, failing with what it was instead. */
export function expectVariant<K extends ModelResult['result']>(
  r: ModelResult,
  variant: K,
): Extract<ModelResult, { result: K }> {
  if (r.result !== variant) {
    const why =
      r.result === 'not-applicable'
        ? r.reason
        : r.result === 'not-computed'
          ? `missing ${r.missing.join(', ')}; conflicts ${r.conflicts.join(', ')}`
          : '';
    throw new Error(`expected ${variant}, got ${r.result} ${why}`);
  }
  return r as Extract<ModelResult, { result: K }>;
}
