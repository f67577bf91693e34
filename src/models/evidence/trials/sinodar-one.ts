// SINODAR-ONE: no further axillary treatment vs ALND after 1–2 sentinel macrometastases.
import { and, is, isTrue, or, within } from '../read.ts';
import type { TrialDef } from '../types.ts';

const ASO_2022 = 'Tinterri C, Gentile D, Gatzemeier W, et al. Ann Surg Oncol 2022. doi:10.1245/s10434-022-11866-w';
const TIP = 'SINODAR-ONE trial-in-progress abstract (eligibility)';

export const SINODAR_ONE: TrialDef = {
  id: 'sinodar-one',
  title: 'SINODAR-ONE',
  short: 'SINODAR-ONE',
  situations: ['macro', 'positive-unknown-burden'],
  basis: 'omission',
  population: {
    text: 'Age 40–75, T1–2 breast cancer, clinically N0, with 1 or 2 macrometastatic sentinel nodes, treated by breast-conserving surgery with radiotherapy or by mastectomy; 889 patients, April 2015–April 2020.',
    citation: `${ASO_2022}; ${TIP}`,
  },
  arms: {
    items: [
      {
        label: 'ALND',
        role: 'standard',
        description: 'Removal of at least 10 level I/II non-sentinel nodes (standard arm)',
      },
      { label: 'SLNB only', role: 'experimental', description: 'No further axillary treatment (experimental arm)' },
    ],
    citation: ASO_2022,
  },
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
  context: [
    {
      text: 'Median follow-up was 34.0 months: the authors conclude about 3-year survival and relapse rates.',
      citation: ASO_2022,
    },
  ],
  notPublished: ['Sex criterion', 'Extranodal extension', 'Detection method', 'Volume and pages of the 2022 article'],
  results: [
    {
      endpoint: 'Overall survival at 5 years',
      arms: [
        { label: 'ALND', value: '98.9%' },
        { label: 'SLNB only', value: '98.8%' },
      ],
      comparison: 'p = 0.936',
      followUp: 'median 34.0 months',
      citation: ASO_2022,
    },
    {
      endpoint: 'Axillary recurrences',
      arms: [
        { label: 'ALND', value: '1' },
        { label: 'SLNB only', value: '1' },
      ],
      followUp: 'median 34.0 months',
      citation: ASO_2022,
    },
    {
      endpoint: 'Deaths',
      arms: [
        { label: 'ALND', value: '4' },
        { label: 'SLNB only', value: '4' },
      ],
      followUp: 'median 34.0 months',
      citation: ASO_2022,
    },
  ],
  citation: ASO_2022,
};
