// IBCSG 23-01: who was studied, the arms and the published results, shown in the card's evidence
// section after the bottom line has painted (the rules of its verdict are in ibcsg-23-01.ts).
import { LANCET_2013, LANCET_2018 } from './ibcsg-23-01.ts';
import type { TrialTexts } from '../types.ts';

const REVIEW = 'Ann Surg Oncol review, doi:10.1245/s10434-016-5608-2';

export const IBCSG_23_01_TEXTS: TrialTexts = {
  title: 'IBCSG 23-01',
  population: {
    text: 'IBCSG 23-01 randomised 934 patients (931 evaluable): women of any age with a tumour 5 cm or smaller and one or more sentinel nodes with metastases all 2 mm or smaller, without extracapsular extension; mastectomy or breast-conserving surgery.',
    citation: `${LANCET_2018}; ${LANCET_2013}`,
  },
  arms: {
    items: [
      { label: 'No AD', role: 'experimental', description: 'No axillary dissection (467 patients)' },
      { label: 'AD', role: 'standard', description: 'Axillary dissection (464 patients)' },
    ],
    citation: LANCET_2013,
  },
  context: [
    {
      text: 'No upper limit on the number of micrometastatic sentinel nodes was stated ("one or more").',
      citation: LANCET_2018,
    },
    { text: 'Randomisation was stratified by centre and menopausal status (not a criterion).', citation: LANCET_2018 },
  ],
  notPublished: [
    'Whether ITC-only sentinel nodes were eligible',
    'Whether IHC-only micrometastases were eligible',
    'Whether neoadjuvant therapy was excluded',
    'Radiotherapy requirements',
    'Overall survival figures',
  ],
  results: [
    {
      endpoint: 'Disease-free survival at 5 years',
      arms: [
        { label: 'No AD', value: '87.8%' },
        { label: 'AD', value: '84.4%' },
      ],
      comparison: 'HR 0.78 (0.55–1.11); non-inferiority p = 0.0042',
      followUp: 'median 5.0 years',
      citation: LANCET_2013,
    },
    {
      endpoint: 'Disease-free survival at 10 years',
      arms: [
        { label: 'No AD', value: '76.8%' },
        { label: 'AD', value: '74.9%' },
      ],
      followUp: 'median 9.7 years',
      citation: LANCET_2018,
    },
    {
      endpoint: 'Grade 3–4 lymphoedema',
      arms: [
        { label: 'No AD', value: '0 patients' },
        { label: 'AD', value: '3 patients' },
      ],
      followUp: 'median 5.0 years',
      citation: LANCET_2013,
    },
    {
      endpoint: 'Additional positive nodes found by dissection',
      arms: [{ label: 'AD', value: '13%' }],
      followUp: 'at dissection',
      citation: REVIEW,
    },
  ],
  citation: LANCET_2018,
};
