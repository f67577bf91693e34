// OTOASOR: regional nodal irradiation vs completion ALND after a positive sentinel node.
import { atMost, is, within } from '../read.ts';
import type { TrialDef } from '../types.ts';

const EJSO_2017 =
  'Sávolt Á, Péley G, Polgár C, et al. Eur J Surg Oncol 2017;43(4):672–679. doi:10.1016/j.ejso.2016.12.011';
const EIGHT_YEAR = 'OTOASOR eight-year results as reported by BJS Scientific Surgery';

export const OTOASOR: TrialDef = {
  id: 'otoasor',
  title: 'OTOASOR',
  short: 'OTOASOR',
  situations: ['micro', 'macro', 'positive-unknown-burden'],
  basis: 'axillary-rt',
  population: {
    text: 'Primary invasive breast cancer, cN0 and clinical tumour 3 cm or smaller, randomised before surgery; 474 sentinel-node-positive patients evaluable. OTOASOR supports regional nodal irradiation instead of completion ALND, not omitting axillary treatment.',
    citation: EJSO_2017,
  },
  arms: {
    items: [
      { label: 'cALND', role: 'standard', description: 'Completion axillary lymph node dissection (244 patients)' },
      { label: 'RNI', role: 'experimental', description: 'Regional nodal irradiation, 50 Gy (230 patients)' },
    ],
    citation: EJSO_2017,
  },
  criteria: [
    {
      id: 'oto.cn',
      label: 'Clinically node-negative (cN0)',
      kind: 'inclusion',
      inputs: ['clinicalN'],
      rule: (f) => is(f, 'clinicalN', 'cN0'),
      grade: 'P',
      question: 'Clinical N?',
      bounds: 'clinical-n',
      citation: EJSO_2017,
    },
    {
      id: 'oto.size',
      label: 'Tumour 3 cm or smaller (trial: clinical size; pathological size used here)',
      kind: 'inclusion',
      inputs: ['tumorSizeMm'],
      rule: (f) => atMost(f, 'tumorSizeMm', 30),
      grade: 'P',
      question: 'Tumour size?',
      citation: EJSO_2017,
    },
    {
      id: 'oto.sln',
      label: 'Sentinel node metastasis on serial H&E sections',
      kind: 'inclusion',
      inputs: ['slnPositive'],
      rule: (f) => within(f, 'slnPositive', 1, Infinity),
      grade: 'P',
      question: 'Positive sentinel nodes?',
      citation: EJSO_2017,
    },
    {
      id: 'oto.sex',
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
      text: 'OTOASOR gave regional nodal irradiation instead of completion ALND: it supports replacing ALND by radiotherapy, not omitting axillary treatment.',
      citation: EJSO_2017,
    },
  ],
  notPublished: [
    'Number of positive sentinel nodes allowed',
    'Breast surgery type',
    'Sex and age criteria',
    'Neoadjuvant therapy',
  ],
  results: [
    {
      endpoint: 'Axillary recurrence',
      arms: [
        { label: 'cALND', value: '2.0%' },
        { label: 'RNI', value: '1.7%' },
      ],
      comparison: 'P = 1.00',
      followUp: '97 months',
      citation: EIGHT_YEAR,
    },
    {
      endpoint: 'Disease-free survival',
      arms: [
        { label: 'cALND', value: '72.1%' },
        { label: 'RNI', value: '77.4%' },
      ],
      followUp: '97 months',
      citation: EIGHT_YEAR,
    },
    {
      endpoint: 'Overall survival',
      arms: [
        { label: 'cALND', value: '77.9%' },
        { label: 'RNI', value: '84.8%' },
      ],
      followUp: '97 months',
      citation: EIGHT_YEAR,
    },
    {
      endpoint: 'Additional positive nodes found by dissection',
      arms: [{ label: 'cALND', value: '38.5% (94/244)' }],
      followUp: 'at dissection',
      citation: EJSO_2017,
    },
  ],
  citation: EJSO_2017,
};
