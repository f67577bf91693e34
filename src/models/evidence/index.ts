// The trial and guideline evidence that fits this patient's situation, each with its verdict.
import type { ClinicalFacts } from '../../domain/facts.ts';
import { evaluateGuideline } from './evaluate.ts';
import { ASCO_2017 } from './guidelines/asco-2017.ts';
import { ESMO_2019 } from './guidelines/esmo-2019.ts';
import { NBCG_2019 } from './guidelines/nbcg-2019.ts';
import { NCCN_2015 } from './guidelines/nccn-2015.ts';
import { NICE_2018 } from './guidelines/nice-2018.ts';
import { trialTexts } from './trial-texts.ts';
import { TRIAL_RULES } from './trial-verdicts.ts';
import type { EvidenceEntry, GuidelineDef, Situation, TrialDef } from './types.ts';

export type * from './types.ts';
export { VERDICT_TEXT, criterionLabel, criterionStatusText, resultText } from './wording.ts';

/** Each trial's rules with its texts. */
export const TRIALS: readonly TrialDef[] = TRIAL_RULES.map((rules) => ({ ...rules, ...trialTexts(rules.id) }));

export const GUIDELINES: readonly GuidelineDef[] = [ASCO_2017, NICE_2018, NBCG_2019, ESMO_2019, NCCN_2015];

/** The guidelines' recommendations for this situation, each with its verdict; none without a situation. */
export function guidelineVerdicts(facts: ClinicalFacts, situation: Situation | null): EvidenceEntry[] {
  if (!situation) return [];
  return GUIDELINES.flatMap((g) => evaluateGuideline(g, facts, situation) ?? []);
}
