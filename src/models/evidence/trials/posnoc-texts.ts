// POSNOC: who was studied, the arms and the published results, shown in the card's evidence
// section after the bottom line has painted (the rules of its verdict are in posnoc.ts).
import { ABS, REGISTRY } from './posnoc.ts';
import type { TrialTexts } from '../types.ts';

export const POSNOC_TEXTS: TrialTexts = {
  title: 'POSNOC',
  population: {
    text: 'Women 18 or older, largest invasive lesion 5 cm or smaller, 1 or 2 sentinel node macrometastases with or without extranodal extension, receiving adjuvant systemic therapy; target 1,900. Closed to recruitment and in follow-up: no results found.',
    citation: `${ABS}; ${REGISTRY}`,
  },
  arms: {
    items: [
      {
        label: 'Adjuvant therapy alone',
        role: 'experimental',
        description: 'No axillary or supraclavicular radiotherapy',
      },
      {
        label: 'Adjuvant therapy plus axillary treatment',
        role: 'standard',
        description: 'ALND or axillary radiotherapy',
      },
    ],
    citation: REGISTRY,
  },
  context: [
    { text: 'Extranodal extension allowed; sentinel node biopsy before neoadjuvant therapy allowed.', citation: ABS },
    { text: 'Primary outcome: axillary recurrence at 5 years.', citation: REGISTRY },
  ],
  notPublished: ['Results (the trial is in follow-up)'],
  results: [],
  citation: REGISTRY,
};
