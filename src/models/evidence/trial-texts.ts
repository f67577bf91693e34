// The trials' texts (who was studied, the arms, the results), joined to their verdicts by trial id.
import { trialEntry } from './evaluate.ts';
import { AMAROS_TEXTS } from './trials/amaros-texts.ts';
import { IBCSG_23_01_TEXTS } from './trials/ibcsg-23-01-texts.ts';
import { INSEMA_TEXTS } from './trials/insema-texts.ts';
import { OTOASOR_TEXTS } from './trials/otoasor-texts.ts';
import { POSNOC_TEXTS } from './trials/posnoc-texts.ts';
import { SENOMAC_TEXTS } from './trials/senomac-texts.ts';
import { SINODAR_ONE_TEXTS } from './trials/sinodar-one-texts.ts';
import { Z0011_TEXTS } from './trials/z0011-texts.ts';
import type { EvidenceEntry, TrialTexts, TrialVerdict } from './types.ts';

const TEXTS: Readonly<Record<string, TrialTexts>> = {
  z0011: Z0011_TEXTS,
  'ibcsg-23-01': IBCSG_23_01_TEXTS,
  senomac: SENOMAC_TEXTS,
  'sinodar-one': SINODAR_ONE_TEXTS,
  amaros: AMAROS_TEXTS,
  otoasor: OTOASOR_TEXTS,
  insema: INSEMA_TEXTS,
  posnoc: POSNOC_TEXTS,
};

/** The texts of the trial with this id; every trial has them. */
export function trialTexts(id: string): TrialTexts {
  const texts = TEXTS[id];
  if (!texts) throw new Error(`no texts for trial ${id}`);
  return texts;
}

/** The trial's whole entry: its verdict with its texts. */
export function withTrialTexts(verdict: TrialVerdict): EvidenceEntry {
  return trialEntry(verdict, trialTexts(verdict.id));
}
