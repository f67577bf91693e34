// The one place validation reads a model result: a single score for the patient, or why there is none.
import type { ModelResult } from '../models/result.ts';

export type ModelReading =
  | { kind: 'probability'; probability: number; linearPredictor: number }
  | { kind: 'relative-odds'; logRelativeOdds: number }
  | { kind: 'risk-factors' }
  | { kind: 'not-applicable'; reason: string }
  | { kind: 'skip'; reason: string };

/** One score per patient and model; ranges, gaps and conflicts are skips with their reason. */
export function readModelResult(result: ModelResult): ModelReading {
  if (!result.applicable) return { kind: 'not-applicable', reason: result.reason ?? 'not applicable' };
  if (result.conflicts.length > 0)
    return { kind: 'skip', reason: `sources disagree on ${result.conflicts.join(', ')}` };
  if (result.missing.length > 0) return { kind: 'skip', reason: `missing ${result.missing.join(', ')}` };
  if (result.kind === 'risk-factors') return { kind: 'risk-factors' };
  if (result.kind === 'relative-odds' && result.relativeOdds !== undefined && result.probability === undefined) {
    return { kind: 'relative-odds', logRelativeOdds: Math.log(result.relativeOdds) };
  }
  if (result.probability !== undefined && result.linearPredictor !== undefined) {
    return { kind: 'probability', probability: result.probability, linearPredictor: result.linearPredictor };
  }
  return { kind: 'skip', reason: 'no single probability computed' };
}
