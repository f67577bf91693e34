// The trial and guideline evidence that fits this patient's situation, each with its verdict.
import type { ClinicalFacts } from '../../domain/facts.ts';
import { evaluateGuideline, evaluateTrial } from './evaluate.ts';
import { ASCO_2017 } from './guidelines/asco-2017.ts';
import { ESMO_2019 } from './guidelines/esmo-2019.ts';
import { NBCG_2019 } from './guidelines/nbcg-2019.ts';
import { NCCN_2015 } from './guidelines/nccn-2015.ts';
import { NICE_2018 } from './guidelines/nice-2018.ts';
import { notesFor } from './notes.ts';
import { situationOf } from './situation.ts';
import { AMAROS } from './trials/amaros.ts';
import { IBCSG_23_01 } from './trials/ibcsg-23-01.ts';
import { INSEMA } from './trials/insema.ts';
import { OTOASOR } from './trials/otoasor.ts';
import { POSNOC } from './trials/posnoc.ts';
import { SENOMAC } from './trials/senomac.ts';
import { SINODAR_ONE } from './trials/sinodar-one.ts';
import { Z0011 } from './trials/z0011.ts';
import type { EvidenceReport, GuidelineDef, TrialDef } from './types.ts';

export type * from './types.ts';
export { VERDICT_TEXT, criterionLabel, criterionStatusText, resultText } from './wording.ts';

/** Omission trials first, then axillary radiotherapy, then the signal against omission and the trial in follow-up. */
export const TRIALS: readonly TrialDef[] = [Z0011, IBCSG_23_01, SENOMAC, SINODAR_ONE, AMAROS, OTOASOR, INSEMA, POSNOC];
export const GUIDELINES: readonly GuidelineDef[] = [ASCO_2017, NICE_2018, NBCG_2019, ESMO_2019, NCCN_2015];

export function evidenceFor(facts: ClinicalFacts): EvidenceReport {
  const situation = situationOf(facts);
  if (!situation) return { situation: null, entries: [], notes: notesFor(facts, null) };
  const trials = TRIALS.filter((t) => t.situations.includes(situation)).map((t) => evaluateTrial(t, facts));
  const guidelines = GUIDELINES.flatMap((g) => evaluateGuideline(g, facts, situation) ?? []);
  return { situation, entries: [...trials, ...guidelines], notes: notesFor(facts, situation) };
}
