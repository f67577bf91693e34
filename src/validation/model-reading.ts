// The one place validation reads a model result: a single score for the patient, or why there is none.
import type { ModelResult } from '../models/result.ts';

export type ModelReading =
  | { kind: 'probability'; probability: number; linearPredictor: number }
  | { kind: 'relative-odds'; logRelativeOdds: number }
  | { kind: 'risk-factors' }
  | { kind: 'not-applicable'; reason: string }
  | { kind: 'skip'; reason: string };

function gaps(missing: string[], conflicts: string[]): string {
  if (conflicts.length > 0) return `sources disagree on ${conflicts.join(', ')}`;
  return `missing ${missing.join(', ')}`;
}

/** One score per patient and model; ranges, gaps and conflicts are skips with their reason. */
export function readModelResult(result: ModelResult): ModelReading {
  switch (result.result) {
    case 'not-applicable':
      return { kind: 'not-applicable', reason: result.reason };
    case 'not-computed':
      return { kind: 'skip', reason: gaps(result.missing, result.conflicts) };
    case 'range':
      return {
        kind: 'skip',
        reason: `a range (${result.display}) over ${result.range.over.join(', ')}, not one probability`,
      };
    case 'probability':
      return { kind: 'probability', probability: result.probability, linearPredictor: result.linearPredictor };
    case 'relative-odds':
      if (result.calibrated) {
        return {
          kind: 'probability',
          probability: result.calibrated.probability,
          linearPredictor: result.calibrated.linearPredictor,
        };
      }
      if (result.relativeOdds === null) return { kind: 'skip', reason: gaps(result.missing, result.conflicts) };
      return { kind: 'relative-odds', logRelativeOdds: Math.log(result.relativeOdds) };
    case 'risk-factors':
      if (result.missing.length + result.conflicts.length > 0)
        return { kind: 'skip', reason: gaps(result.missing, result.conflicts) };
      return { kind: 'risk-factors' };
  }
}
