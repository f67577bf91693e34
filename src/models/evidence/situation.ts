// Which post-biopsy situation the patient is in: decides which trials and guidelines are shown.
import { valueOf, type ClinicalFacts } from '../../domain/facts.ts';
import type { Situation } from './types.ts';

/** The patient's situation, or none when the sentinel node result is not known or negative. */
export function situationOf(facts: ClinicalFacts): Situation | undefined {
  const burden = valueOf(facts, 'nodalBurden');
  const positive = valueOf(facts, 'slnPositive');
  const itcOnly = valueOf(facts, 'slnItcOnly');
  if (burden === 'macro' || burden === 'micro') return burden;
  if (burden === 'itc' || (positive === 0 && itcOnly !== undefined && itcOnly > 0)) return 'itc';
  if (positive !== undefined && positive >= 1) return 'positive-unknown-burden';
  return undefined;
}
