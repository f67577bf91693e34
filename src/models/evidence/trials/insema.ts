// INSEMA randomisation 2: SLNB alone vs completion ALND after 1–3 sentinel macrometastases.
// Randomisation 1 (omitting SLNB) concerns patients before any axillary surgery: context only.
// The rules of its verdict; what the card's evidence section shows of it is in insema-texts.ts.
import { and, is, isTrue, macroCountWithin, not } from '../read.ts';
import type { TrialRules } from '../types.ts';

export const NPJ_2026 =
  'Reimer T, Stachs A, Veselinovic K, et al. Axillary surgery in patients with sentinel node macrometastases: secondary results of the randomized INSEMA trial. npj Breast Cancer, published 27 January 2026';
const PROTOCOL_2016 = 'INSEMA protocol, Cancer Res 2017;77(4 Suppl):OT2-04-02';

export const INSEMA: TrialRules = {
  id: 'insema',
  short: 'INSEMA R2',
  situations: ['macro', 'positive-unknown-burden'],
  basis: 'against-omission',
  criteria: [
    {
      id: 'insema2.ct',
      label: 'T1/T2',
      kind: 'inclusion',
      inputs: ['clinicalT'],
      rule: (f) => is(f, 'clinicalT', 'cT1', 'cT2'),
      grade: 'P',
      question: 'Clinical T?',
      citation: NPJ_2026,
    },
    {
      id: 'insema2.cn',
      label: 'cN0',
      kind: 'inclusion',
      inputs: ['clinicalN'],
      rule: (f) => is(f, 'clinicalN', 'cN0'),
      grade: 'P',
      question: 'Clinical N?',
      bounds: 'clinical-n',
      citation: NPJ_2026,
    },
    {
      id: 'insema2.bcs',
      label: 'Breast-conserving surgery',
      kind: 'inclusion',
      inputs: ['breastSurgery'],
      rule: (f) => is(f, 'breastSurgery', 'breast-conserving'),
      grade: 'P',
      question: 'Breast surgery?',
      citation: NPJ_2026,
    },
    {
      id: 'insema2.macro',
      label: '1 to 3 sentinel node macrometastases',
      kind: 'inclusion',
      inputs: ['slnMacroCount', 'nodalBurden', 'slnPositive'],
      rule: (f) => and(is(f, 'nodalBurden', 'macro'), macroCountWithin(f, 1, 3)),
      grade: 'P',
      question: 'Sentinel nodes with a macrometastasis?',
      bounds: 'sentinel-nodes',
      citation: NPJ_2026,
    },
    {
      id: 'insema2.count',
      label: 'The 2016 protocol said one or two macrometastases; the 2026 report says one to three',
      kind: 'inclusion',
      inputs: ['slnMacroCount', 'nodalBurden', 'slnPositive'],
      rule: (f) => (macroCountWithin(f, 1, 2) === true ? true : undefined),
      grade: 'CONFLICT',
      question: 'Three macrometastases?',
      citation: `${NPJ_2026}; ${PROTOCOL_2016}`,
    },
    {
      id: 'insema2.upfront',
      label: 'Upfront surgery (read here as no neoadjuvant therapy)',
      kind: 'inclusion',
      inputs: ['neoadjuvantTherapy'],
      rule: (f) => (not(isTrue(f, 'neoadjuvantTherapy')) === true ? true : undefined),
      grade: 'DERIVED',
      question: 'Neoadjuvant therapy?',
      citation: NPJ_2026,
    },
  ],
};
