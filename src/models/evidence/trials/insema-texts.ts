// INSEMA randomisation 2: who was studied, the arms and the published results, shown in the card's evidence
// section after the bottom line has painted (the rules of its verdict are in insema.ts).
import { NPJ_2026 } from './insema.ts';
import type { TrialTexts } from '../types.ts';

const NPJ_TABLE = 'INSEMA randomisation 2, npj Breast Cancer 2026, Table 4 (PMC12855813)';
const NEJM_2025 =
  'Reimer T, Stachs A, Veselinovic K, et al. N Engl J Med 2025;392:1051–1064. doi:10.1056/NEJMoa2412063';

export const INSEMA_TEXTS: TrialTexts = {
  title: 'INSEMA, randomisation 2 (SLNB alone vs completion ALND)',
  population: {
    text: 'cN0 patients with T1/T2 invasive breast cancer and 1 to 3 sentinel node macrometastases undergoing upfront breast-conserving surgery; 485 recruited, 386 per protocol. The one de-escalation trial with a numerically worse invasive disease-free survival without completion ALND (not significant).',
    citation: NPJ_2026,
  },
  arms: {
    items: [
      { label: 'SLNB alone', role: 'experimental', description: 'Sentinel node biopsy alone (217 per protocol)' },
      { label: 'cALND', role: 'standard', description: 'Completion axillary lymph node dissection (169 per protocol)' },
    ],
    citation: NPJ_2026,
  },
  context: [
    {
      text: 'INSEMA randomisation 1 (omitting SLNB, 1:4) and SOUND concern patients before any axillary surgery: context only, not a verdict after a positive sentinel node. INSEMA randomisation 1: invasive disease-free survival at 5 years 91.9% without SLNB vs 91.7% with SLNB (HR 0.91).',
      citation: NEJM_2025,
    },
    {
      text: 'SOUND (women, tumour up to 2 cm, negative axillary ultrasound): distant disease-free survival at 5 years 98.0% without axillary surgery vs 97.7% with SLNB; 13.7% of the SLNB arm had positive nodes.',
      citation:
        'Gentilini OD, Botteri E, Sangalli C, et al. JAMA Oncol 2023;(11):1557. doi:10.1001/jamaoncol.2023.3759',
    },
  ],
  notPublished: [
    'Sex criterion',
    'Full exclusion list (neoadjuvant therapy, multicentric disease)',
    'Article number of the 2026 report',
  ],
  results: [
    {
      endpoint: 'Invasive disease-free survival at 5 years',
      arms: [
        { label: 'SLNB alone', value: '86.6%' },
        { label: 'cALND', value: '93.8%' },
      ],
      comparison: 'HR 1.69 (0.98–2.94); P = 0.058, not significant',
      followUp: 'median 74.2 months',
      citation: NPJ_2026,
    },
    {
      endpoint: 'Overall survival at 5 years',
      arms: [
        { label: 'SLNB alone', value: '94.9%' },
        { label: 'cALND', value: '96.2%' },
      ],
      comparison: 'P = 0.663',
      followUp: 'median 74.2 months',
      citation: NPJ_2026,
    },
    {
      endpoint: 'Locoregional recurrence at 5 years',
      arms: [
        { label: 'SLNB alone', value: '1.1%' },
        { label: 'cALND', value: '0.0%' },
      ],
      followUp: 'median 74.2 months',
      citation: NPJ_2026,
    },
    {
      endpoint: 'Distant relapse (per protocol)',
      arms: [
        { label: 'SLNB alone', value: '6.9%' },
        { label: 'cALND', value: '4.1%' },
      ],
      followUp: 'median 74.2 months',
      citation: NPJ_TABLE,
    },
  ],
  citation: NPJ_2026,
};
