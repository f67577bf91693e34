// SENOMAC: who was studied, the arms and the published results, shown in the card's evidence
// section after the bottom line has painted (the rules of its verdict are in senomac.ts).
import { NEJM_2024, SABCS } from './senomac.ts';
import type { TrialTexts } from '../types.ts';

const ASCO_POST = 'The ASCO Post, 10 May 2024 (SENOMAC report)';

export const SENOMAC_TEXTS: TrialTexts = {
  title: 'SENOMAC',
  population: {
    text: 'Clinically node-negative T1–T3 breast cancer with 1 or 2 sentinel node macrometastases (more than 2 mm); breast-conserving surgery or mastectomy; extranodal extension and additional micrometastases allowed; 2,540 patients per protocol, sites in Sweden, Denmark, Germany, Greece and Italy.',
    citation: `${NEJM_2024}; ${SABCS}`,
  },
  arms: {
    items: [
      {
        label: 'SLNB only',
        role: 'experimental',
        description: 'Sentinel node biopsy only (1,335 patients per protocol)',
      },
      {
        label: 'ALND',
        role: 'standard',
        description: 'Completion axillary lymph node dissection (1,205 patients per protocol)',
      },
    ],
    citation: ASCO_POST,
  },
  context: [
    { text: 'Sentinel node extracapsular extension was allowed (about one third had it).', citation: SABCS },
    {
      text: 'Non-palpable suspicious axillary nodes were eligible even if proven metastatic by biopsy.',
      citation: SABCS,
    },
    {
      text: 'Radiotherapy followed national guidelines: regional nodal radiotherapy in 89.9% (1,192/1,326) of the SLNB-only arm vs 88.4% (1,058/1,197) of the ALND arm.',
      citation: ASCO_POST,
    },
    {
      text: 'The primary end point, overall survival, is not yet final; the non-inferiority margin was an upper confidence limit of the hazard ratio below 1.44.',
      citation: `${NEJM_2024}; ${ASCO_POST}`,
    },
  ],
  notPublished: [
    'Handling of neoadjuvant therapy in the published analysis (the 2017 protocol allowed biopsy before neoadjuvant therapy)',
    'Sex criterion',
  ],
  results: [
    {
      endpoint: 'Recurrence-free survival at 5 years',
      arms: [
        { label: 'SLNB only', value: '89.7%' },
        { label: 'ALND', value: '88.7%' },
      ],
      comparison: 'HR 0.89 (0.66–1.19)',
      followUp: 'median 46.8 months',
      citation: ASCO_POST,
    },
    {
      endpoint: 'Overall survival at 5 years',
      arms: [
        { label: 'SLNB only', value: '92.9%' },
        { label: 'ALND', value: '92.0%' },
      ],
      followUp: 'median 46.8 months',
      citation: ASCO_POST,
    },
    {
      endpoint: 'Breast cancer-specific survival at 5 years',
      arms: [
        { label: 'SLNB only', value: '97.1%' },
        { label: 'ALND', value: '96.6%' },
      ],
      followUp: 'median 46.8 months',
      citation: ASCO_POST,
    },
  ],
  citation: NEJM_2024,
};
