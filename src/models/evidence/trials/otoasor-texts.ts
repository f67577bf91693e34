// OTOASOR: who was studied, the arms and the published results, shown in the card's evidence
// section after the bottom line has painted (the rules of its verdict are in otoasor.ts).
import { EJSO_2017 } from './otoasor.ts';
import type { TrialTexts } from '../types.ts';

const EIGHT_YEAR = 'OTOASOR eight-year results as reported by BJS Scientific Surgery';

export const OTOASOR_TEXTS: TrialTexts = {
  title: 'OTOASOR',
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
