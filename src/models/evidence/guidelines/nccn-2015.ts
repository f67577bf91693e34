// NCCN Invasive Breast Cancer v2.2015 (BINV-D): superseded; kept because its criteria are quoted.
import { is, isTrue, within } from '../read.ts';
import type { GuidelineDef } from '../types.ts';
import { chemoBeforeSurgery } from './shared.ts';

const NCCN = 'NCCN Guidelines Invasive Breast Cancer v2.2015, BINV-D (dated 03/11/2015)';

export const NCCN_2015: GuidelineDef = {
  id: 'guideline-nccn-2015',
  title: 'NCCN Invasive Breast Cancer v2.2015 (superseded)',
  short: 'NCCN 2015',
  superseded:
    'Superseded: NCCN modified its criteria for axillary radiotherapy instead of ALND in 2022 (JNCCN 2022;20(5.5)); the current wording was not found.',
  recommendations: [
    {
      id: 'nccn15.noAlnd',
      situations: ['micro', 'macro', 'positive-unknown-burden'],
      text: 'No further axillary surgery when ALL are met: T1 or T2 tumour, 1 or 2 positive sentinel nodes, breast-conserving therapy, whole-breast RT planned, no neoadjuvant chemotherapy; otherwise ALND level I/II.',
      criteria: [
        {
          id: 'nccn15.cn',
          label: 'Clinically negative axilla (cN0)',
          kind: 'inclusion',
          inputs: ['clinicalN'],
          rule: (f) => is(f, 'clinicalN', 'cN0'),
          grade: 'P',
          question: 'Clinical N?',
          citation: NCCN,
        },
        {
          id: 'nccn15.ct',
          label: 'T1 or T2 tumour',
          kind: 'inclusion',
          inputs: ['clinicalT'],
          rule: (f) => is(f, 'clinicalT', 'cT1', 'cT2'),
          grade: 'P',
          question: 'Clinical T?',
          citation: NCCN,
        },
        {
          id: 'nccn15.sln',
          label: '1 or 2 positive sentinel nodes',
          kind: 'inclusion',
          inputs: ['slnPositive'],
          rule: (f) => within(f, 'slnPositive', 1, 2),
          grade: 'P',
          question: 'Positive sentinel nodes?',
          citation: NCCN,
        },
        {
          id: 'nccn15.bct',
          label: 'Breast-conserving therapy',
          kind: 'inclusion',
          inputs: ['breastSurgery'],
          rule: (f) => is(f, 'breastSurgery', 'breast-conserving'),
          grade: 'P',
          question: 'Breast surgery?',
          citation: NCCN,
        },
        {
          id: 'nccn15.wbrt',
          label: 'Whole-breast RT planned',
          kind: 'inclusion',
          inputs: ['wholeBreastRtPlanned'],
          rule: (f) => isTrue(f, 'wholeBreastRtPlanned'),
          grade: 'P',
          question: 'Whole-breast RT planned?',
          citation: NCCN,
        },
        {
          id: 'nccn15.neoadj',
          label: 'Neoadjuvant chemotherapy',
          kind: 'exclusion',
          inputs: ['neoadjuvantTherapy'],
          rule: chemoBeforeSurgery,
          grade: 'P',
          question: 'Neoadjuvant chemotherapy?',
          citation: NCCN,
        },
      ],
      citation: NCCN,
    },
  ],
  context: [
    {
      text: 'Clinically negative axilla, mastectomy and radiotherapy planned: axillary radiation may replace axillary dissection level I/II.',
      citation: NCCN,
    },
    {
      text: 'Sentinel node involvement is defined on H&E; routine cytokeratin IHC is not recommended in clinical decision making.',
      citation: NCCN,
    },
  ],
  citation: NCCN,
};
