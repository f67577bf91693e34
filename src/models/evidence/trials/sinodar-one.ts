// SINODAR-ONE: no further axillary treatment vs ALND after 1–2 sentinel macrometastases.
// The rules of its verdict; what the card's evidence section shows of it is in sinodar-one-texts.ts.
import { and, is, isTrue, or, within } from '../read.ts';
import type { TrialRules } from '../types.ts';

export const ASO_2022 =
  'Tinterri C, Gentile D, Gatzemeier W, et al. Ann Surg Oncol 2022. doi:10.1245/s10434-022-11866-w';
export const TIP = 'SINODAR-ONE trial-in-progress abstract (eligibility)';

export const SINODAR_ONE: TrialRules = {
  id: 'sinodar-one',
  short: 'SINODAR-ONE',
  situations: ['macro', 'positive-unknown-burden'],
  basis: 'omission',
  criteria: [
    {
      id: 'sino.age',
      label: 'Age 40–75',
      kind: 'inclusion',
      inputs: ['ageYears'],
      rule: (f) => within(f, 'ageYears', 40, 75),
      grade: 'P',
      question: 'Age?',
      citation: TIP,
    },
    {
      id: 'sino.ct',
      label: 'Primary invasive T1–T2',
      kind: 'inclusion',
      inputs: ['clinicalT'],
      rule: (f) => is(f, 'clinicalT', 'cT1', 'cT2'),
      grade: 'P',
      question: 'Clinical T?',
      citation: `${ASO_2022}; ${TIP}`,
    },
    {
      id: 'sino.cn',
      label: 'Axilla clinically N0',
      kind: 'inclusion',
      inputs: ['clinicalN'],
      rule: (f) => is(f, 'clinicalN', 'cN0'),
      grade: 'P',
      question: 'Clinical N?',
      bounds: 'clinical-n',
      citation: TIP,
    },
    {
      id: 'sino.sln',
      label: '1 or 2 macrometastatic sentinel nodes (micrometastatic sentinel nodes excluded)',
      kind: 'inclusion',
      inputs: ['nodalBurden', 'slnPositive'],
      rule: (f) => and(is(f, 'nodalBurden', 'macro'), within(f, 'slnPositive', 1, 2)),
      grade: 'P',
      question: 'Macrometastases in 1–2 nodes?',
      bounds: 'sentinel-nodes',
      citation: `${TIP}; ${ASO_2022}`,
    },
    {
      id: 'sino.neoadj',
      label: 'Neoadjuvant therapy',
      kind: 'exclusion',
      inputs: ['neoadjuvantTherapy'],
      rule: (f) => isTrue(f, 'neoadjuvantTherapy'),
      grade: 'P',
      question: 'Neoadjuvant therapy?',
      citation: TIP,
    },
    {
      id: 'sino.contra',
      label: 'Contralateral breast cancer',
      kind: 'exclusion',
      inputs: ['bilateralCancer'],
      rule: (f) => isTrue(f, 'bilateralCancer'),
      grade: 'P',
      question: 'Bilateral cancer?',
      citation: TIP,
    },
    {
      id: 'sino.surgery',
      label: 'Mastectomy, or breast-conserving surgery with radiotherapy',
      kind: 'inclusion',
      inputs: ['breastSurgery', 'wholeBreastRtPlanned'],
      rule: (f) =>
        or(
          is(f, 'breastSurgery', 'mastectomy'),
          and(is(f, 'breastSurgery', 'breast-conserving'), isTrue(f, 'wholeBreastRtPlanned')),
        ),
      grade: 'P',
      question: 'Mastectomy, or BCS with RT?',
      citation: TIP,
    },
    {
      id: 'sino.prior',
      label: 'Previous invasive breast cancer, in situ or inflammatory cancer, pregnancy',
      kind: 'exclusion',
      inputs: [],
      rule: () => undefined,
      grade: 'P',
      unreadable: 'previous cancer, pregnancy',
      question: 'Previous cancer or pregnancy?',
      citation: TIP,
    },
    {
      id: 'sino.sex',
      label: 'Sex: no published criterion found',
      kind: 'inclusion',
      inputs: ['sex'],
      rule: () => undefined,
      grade: 'NOT FOUND',
      question: 'Sex?',
      citation: 'not found in a published source',
    },
  ],
};
