// SINODAR-ONE: who was studied, the arms and the published results, shown in the card's evidence
// section after the bottom line has painted (the rules of its verdict are in sinodar-one.ts).
import { ASO_2022, TIP } from './sinodar-one.ts';
import type { TrialTexts } from '../types.ts';

export const SINODAR_ONE_TEXTS: TrialTexts = {
  title: 'SINODAR-ONE',
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
