// The trials' rules and their verdicts for a patient's situation: all of the evidence the bottom
// line shows. Kept apart from the trials' texts, the guidelines and the notes, so the app can paint
// the bottom line before loading them.
import type { ClinicalFacts } from '../../domain/facts.ts';
import { judgeTrial } from './evaluate.ts';
import { AMAROS } from './trials/amaros.ts';
import { IBCSG_23_01 } from './trials/ibcsg-23-01.ts';
import { INSEMA } from './trials/insema.ts';
import { OTOASOR } from './trials/otoasor.ts';
import { POSNOC } from './trials/posnoc.ts';
import { SENOMAC } from './trials/senomac.ts';
import { SINODAR_ONE } from './trials/sinodar-one.ts';
import { Z0011 } from './trials/z0011.ts';
import type { Situation, TrialRules, TrialVerdict } from './types.ts';

/** Omission trials first, then axillary radiotherapy, then the signal against omission and the trial in follow-up. */
export const TRIAL_RULES: readonly TrialRules[] = [
  Z0011,
  IBCSG_23_01,
  SENOMAC,
  SINODAR_ONE,
  AMAROS,
  OTOASOR,
  INSEMA,
  POSNOC,
];

/** The trials that studied this situation, each with its verdict; none without a situation. */
export function trialVerdicts(facts: ClinicalFacts, situation: Situation | null): TrialVerdict[] {
  if (!situation) return [];
  return TRIAL_RULES.filter((t) => t.situations.includes(situation)).map((t) => judgeTrial(t, facts));
}
