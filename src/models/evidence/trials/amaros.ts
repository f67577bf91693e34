// AMAROS (EORTC 10981-22023): axillary radiotherapy vs ALND after a positive sentinel node.
import { is, within } from '../read.ts';
import type { TrialDef } from '../types.ts';

const LANCET_2014 =
  'Donker M, van Tienhoven G, Straver ME, et al. Lancet Oncol 2014;15:1303–10. doi:10.1016/S1470-2045(14)70460-7 (5-year results)';
const JCO_2023 =
  'Bartels SAL, Donker M, Poncet C, et al. J Clin Oncol 2023;41(12):2159–2165. doi:10.1200/JCO.22.01565 (10-year results)';
const NKI = 'AMAROS results page, research.nki.nl/amaros/results.htm';
const COCHRANE = 'Cochrane review table of AMAROS, PMC6464919';

export const AMAROS: TrialDef = {
  id: 'amaros',
  title: 'AMAROS (EORTC 10981-22023)',
  short: 'AMAROS',
  situations: ['micro', 'macro', 'positive-unknown-burden'],
  basis: 'axillary-rt',
  population: {
    text: 'T1–2 primary breast cancer without palpable lymphadenopathy, randomised before sentinel node biopsy; 1,425 sentinel-node-positive patients treated (60% with a macrometastasis). AMAROS supports axillary radiotherapy instead of ALND, not omitting axillary treatment.',
    citation: `${LANCET_2014}; ${NKI}`,
  },
  arms: {
    items: [
      { label: 'ALND', role: 'standard', description: 'Axillary lymph node dissection (744 patients)' },
      { label: 'Axillary RT', role: 'experimental', description: 'Axillary radiotherapy (681 patients)' },
    ],
    citation: NKI,
  },
  criteria: [
    {
      id: 'amaros.ct',
      label: 'T1–2 primary',
      kind: 'inclusion',
      inputs: ['clinicalT'],
      rule: (f) => is(f, 'clinicalT', 'cT1', 'cT2'),
      grade: 'P',
      question: 'Clinical T?',
      citation: LANCET_2014,
    },
    {
      id: 'amaros.cn',
      label: 'No palpable lymphadenopathy (cN0)',
      kind: 'inclusion',
      inputs: ['clinicalN'],
      rule: (f) => is(f, 'clinicalN', 'cN0'),
      grade: 'P',
      question: 'Clinical N?',
      bounds: 'clinical-n',
      citation: LANCET_2014,
    },
    {
      id: 'amaros.sln',
      label: 'Positive sentinel node (micro- or macrometastasis)',
      kind: 'inclusion',
      inputs: ['slnPositive'],
      rule: (f) => within(f, 'slnPositive', 1, Infinity),
      grade: 'P',
      question: 'Positive sentinel nodes?',
      citation: NKI,
    },
    {
      id: 'amaros.size',
      label: 'Original registry entry: unifocal, 5–30 mm (not in the published population)',
      kind: 'inclusion',
      inputs: ['tumorSizeMm', 'multifocal'],
      rule: () => undefined,
      grade: 'CONFLICT',
      question: 'Unifocal 5–30 mm?',
      citation: COCHRANE,
    },
    {
      id: 'amaros.prior',
      label: 'Previous axillary surgery or radiotherapy, previous cancer, pregnancy',
      kind: 'exclusion',
      inputs: [],
      rule: () => undefined,
      grade: 'S',
      unreadable: 'prior axillary treatment, previous cancer, pregnancy',
      question: 'Prior axillary treatment, cancer or pregnancy?',
      citation: COCHRANE,
    },
    {
      id: 'amaros.sex',
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
      text: 'AMAROS compared axillary radiotherapy with ALND: it supports replacing ALND by axillary radiotherapy, not omitting axillary treatment.',
      citation: LANCET_2014,
    },
  ],
  notPublished: [
    'Maximum number of positive sentinel nodes',
    'Breast surgery type',
    'Sex and age criteria',
    'Neoadjuvant therapy',
    'Detection method',
  ],
  results: [
    {
      endpoint: 'Axillary recurrence at 10 years',
      arms: [
        { label: 'ALND', value: '0.93% (7 events)' },
        { label: 'Axillary RT', value: '1.82% (11 events)' },
      ],
      comparison: 'HR 1.71 (0.67–4.39)',
      followUp: '10-year analysis',
      citation: JCO_2023,
    },
    {
      endpoint: 'Overall survival at 10 years',
      arms: [
        { label: 'ALND', value: '84.6%' },
        { label: 'Axillary RT', value: '81.4%' },
      ],
      comparison: 'HR 1.17 (0.89–1.52)',
      followUp: '10-year analysis',
      citation: JCO_2023,
    },
    {
      endpoint: 'Disease-free survival at 10 years',
      arms: [
        { label: 'ALND', value: '75.0%' },
        { label: 'Axillary RT', value: '70.1%' },
      ],
      comparison: 'HR 1.19 (0.97–1.46)',
      followUp: '10-year analysis',
      citation: JCO_2023,
    },
    {
      endpoint: 'Lymphoedema at 5 years (updated analysis)',
      arms: [
        { label: 'ALND', value: '24.5%' },
        { label: 'Axillary RT', value: '11.9%' },
      ],
      comparison: 'P < .001',
      followUp: '10-year analysis',
      citation: JCO_2023,
    },
    {
      endpoint: 'Second primary cancers at 10 years (exploratory)',
      arms: [
        { label: 'ALND', value: '8.3%' },
        { label: 'Axillary RT', value: '12.1%' },
      ],
      comparison: 'HR 1.45 (1.03–2.04); P = .035',
      followUp: '10-year analysis',
      citation: JCO_2023,
    },
    {
      endpoint: 'Axillary recurrence at 5 years',
      arms: [
        { label: 'ALND', value: '0.54% (4/744)' },
        { label: 'Axillary RT', value: '1.03% (7/681)' },
      ],
      followUp: 'median 6.1 years',
      citation: `${LANCET_2014}; ${NKI}`,
    },
  ],
  citation: `${LANCET_2014}; ${JCO_2023}`,
};
