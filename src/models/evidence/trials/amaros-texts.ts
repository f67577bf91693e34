// AMAROS (EORTC 10981-22023): who was studied, the arms and the published results, shown in the card's evidence
// section after the bottom line has painted (the rules of its verdict are in amaros.ts).
import { LANCET_2014, NKI } from './amaros.ts';
import type { TrialTexts } from '../types.ts';

const JCO_2023 =
  'Bartels SAL, Donker M, Poncet C, et al. J Clin Oncol 2023;41(12):2159–2165. doi:10.1200/JCO.22.01565 (10-year results)';

export const AMAROS_TEXTS: TrialTexts = {
  title: 'AMAROS (EORTC 10981-22023)',
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
