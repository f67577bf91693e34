// Norwegian Breast Cancer Group (NBCG) national guideline, version 11 (2019).
import { and, is, isTrue, macroCountWithin, or, within } from '../read.ts';
import type { GuidelineDef } from '../types.ts';
import { chemoBeforeSurgery } from './shared.ts';

const NBCG = 'NBCG national guideline v11, 2019 (table valid from 18.11.15), helsebiblioteket.no';

export const NBCG_2019: GuidelineDef = {
  id: 'guideline-nbcg-2019',
  title: 'Norwegian Breast Cancer Group (NBCG) v11, 2019',
  short: 'NBCG 2019',
  recommendations: [
    {
      id: 'nbcg.micro',
      situations: ['micro'],
      text: 'Micrometastases: no axillary dissection.',
      criteria: [
        {
          id: 'nbcg.micro',
          label: 'Micrometastases',
          kind: 'inclusion',
          inputs: ['nodalBurden'],
          rule: (f) => is(f, 'nodalBurden', 'micro'),
          grade: 'P',
          question: 'Worst sentinel node category?',
          citation: NBCG,
        },
      ],
      citation: NBCG,
    },
    {
      id: 'nbcg.omit',
      situations: ['macro', 'positive-unknown-burden'],
      text: 'Up to 2 macrometastatic sentinel nodes: axillary dissection may be omitted if ALL are present: T1/T2 tumour, palpation-negative axilla, 1 or 2 positive sentinel nodes, no perinodal growth or perinodal growth of 2 mm or less, planned systemic adjuvant treatment, planned external radiotherapy, no preoperative chemotherapy. More than 2 macrometastatic sentinel nodes: axillary dissection.',
      criteria: [
        {
          id: 'nbcg.ct',
          label: 'T1/T2 tumour',
          kind: 'inclusion',
          inputs: ['clinicalT'],
          rule: (f) => is(f, 'clinicalT', 'cT1', 'cT2'),
          grade: 'P',
          question: 'Clinical T?',
          citation: NBCG,
        },
        {
          id: 'nbcg.cn',
          label: 'Palpation-negative axilla (cN0)',
          kind: 'inclusion',
          inputs: ['clinicalN'],
          rule: (f) => is(f, 'clinicalN', 'cN0'),
          grade: 'P',
          question: 'Clinical N?',
          citation: NBCG,
        },
        {
          id: 'nbcg.sln',
          label: '1 or 2 positive sentinel nodes, at most 2 with a macrometastasis',
          kind: 'inclusion',
          inputs: ['slnPositive', 'slnMacroCount'],
          rule: (f) => and(within(f, 'slnPositive', 1, 2), macroCountWithin(f, 0, 2)),
          grade: 'P',
          question: 'Positive sentinel nodes?',
          citation: NBCG,
        },
        {
          id: 'nbcg.rt',
          label: 'External radiotherapy planned',
          kind: 'inclusion',
          inputs: ['wholeBreastRtPlanned', 'regionalNodalRtPlanned'],
          rule: (f) => or(isTrue(f, 'wholeBreastRtPlanned'), isTrue(f, 'regionalNodalRtPlanned')),
          grade: 'P',
          question: 'Radiotherapy planned?',
          citation: NBCG,
        },
        {
          id: 'nbcg.ene',
          label: 'Perinodal growth above 2 mm',
          kind: 'exclusion',
          inputs: ['extranodalExtension'],
          rule: (f) => (isTrue(f, 'extranodalExtension') === false ? false : undefined),
          grade: 'P',
          unreadable: 'extent of perinodal growth in mm',
          question: 'Perinodal growth above 2 mm?',
          citation: NBCG,
        },
        {
          id: 'nbcg.systemic',
          label: 'Planned systemic adjuvant treatment',
          kind: 'inclusion',
          inputs: [],
          rule: () => undefined,
          grade: 'P',
          unreadable: 'planned adjuvant therapy',
          question: 'Adjuvant systemic therapy planned?',
          citation: NBCG,
        },
        {
          id: 'nbcg.neoadj',
          label: 'Preoperative chemotherapy',
          kind: 'exclusion',
          inputs: ['neoadjuvantTherapy'],
          rule: chemoBeforeSurgery,
          grade: 'P',
          question: 'Preoperative chemotherapy?',
          citation: NBCG,
        },
      ],
      citation: NBCG,
    },
  ],
  context: [],
  citation: NBCG,
};
