// ACOSOG Z0011: who was studied, the arms and the published results, shown in the card's evidence
// section after the bottom line has painted (the rules of its verdict are in z0011.ts).
import { JAMA_2017, METHODS } from './z0011.ts';
import type { TrialTexts } from '../types.ts';

const JAMA_2011 = 'Giuliano AE, Hunt KK, Ballman KV, et al. JAMA 2011;305(6):569–575 (5-year results)';
const REVIEW = 'Ann Surg Oncol review, doi:10.1245/s10434-016-5608-2';

export const Z0011_TEXTS: TrialTexts = {
  title: 'ACOSOG Z0011',
  population: {
    text: 'Women with clinical T1–T2 invasive breast cancer, no palpable axillary adenopathy and 1 or 2 sentinel nodes with metastases seen on H&E, treated by lumpectomy with planned tangential whole-breast irradiation; 891 randomised (target 1,900, closed early).',
    citation: JAMA_2017,
  },
  arms: {
    items: [
      { label: 'SLND alone', role: 'experimental', description: 'Sentinel node dissection alone (446 patients)' },
      {
        label: 'ALND',
        role: 'standard',
        description: 'Completion level I/II axillary dissection, at least 10 nodes (445 patients)',
      },
    ],
    citation: `${JAMA_2017}; ${METHODS}`,
  },
  context: [
    {
      text: 'Micrometastases were included (about 40% of patients).',
      citation: 'POSNOC SABCS abstract PD8-05 describing Z0011',
    },
    {
      text: 'Metastases had to be seen on frozen section, touch preparation or H&E; IHC-only metastases were not eligible.',
      citation: METHODS,
    },
    { text: 'Matted nodes were excluded (covered here by clinical N).', citation: METHODS },
    { text: 'Third-field (nodal) radiation was prohibited.', citation: JAMA_2017 },
  ],
  notPublished: ['Axillary recurrence at ten years (no reliable source found)'],
  results: [
    {
      endpoint: 'Overall survival at 10 years',
      arms: [
        { label: 'SLND alone', value: '86.3%' },
        { label: 'ALND', value: '83.6%' },
      ],
      comparison: 'HR 0.85 (one-sided 95% CI 0–1.16); non-inferiority P = 0.02',
      followUp: 'median 9.3 years',
      citation: JAMA_2017,
    },
    {
      endpoint: 'Disease-free survival at 10 years',
      arms: [
        { label: 'SLND alone', value: '80.2%' },
        { label: 'ALND', value: '78.2%' },
      ],
      comparison: 'HR 0.85 (0.62–1.17); P = 0.32',
      followUp: 'median 9.3 years',
      citation: JAMA_2017,
    },
    {
      endpoint: 'Overall survival at 5 years',
      arms: [
        { label: 'SLND alone', value: '92.5%' },
        { label: 'ALND', value: '91.8%' },
      ],
      followUp: 'median 6.3 years',
      citation: JAMA_2011,
    },
    {
      endpoint: 'Locoregional recurrence',
      arms: [
        { label: 'SLND alone', value: '2.8% (n = 436)' },
        { label: 'ALND', value: '4.1% (n = 420)' },
      ],
      comparison: 'P = .11',
      followUp: 'median 6.3 years',
      citation: `${JAMA_2011}, as quoted in NCCN v2.2015`,
    },
    {
      endpoint: 'Additional positive nodes found by ALND',
      arms: [{ label: 'ALND', value: '27%' }],
      followUp: 'at dissection',
      citation: REVIEW,
    },
  ],
  citation: JAMA_2017,
};
