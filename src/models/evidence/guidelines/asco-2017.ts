// ASCO 2017 guideline on sentinel node biopsy in early-stage breast cancer.
import { is, isTrue, within } from '../read.ts';
import type { GuidelineDef } from '../types.ts';

const JCO_2017 =
  'Lyman GH, Somerfield MR, Bosserman LD, et al. J Clin Oncol 2017;35(5):561–564. doi:10.1200/JCO.2016.71.0947';
const TEXT = `ASCO 2017 recommendations (guidelinecentral.com guideline 7446); ${JCO_2017}`;

export const ASCO_2017: GuidelineDef = {
  id: 'guideline-asco-2017',
  title: 'ASCO guideline 2017 (affirmed 2023)',
  short: 'ASCO 2017',
  recommendations: [
    {
      id: 'asco17.bcs12',
      situations: ['micro', 'macro', 'positive-unknown-burden'],
      text: 'ALND not recommended for 1 or 2 sentinel node metastases with breast-conserving surgery and conventionally fractionated whole-breast radiotherapy.',
      criteria: [
        {
          id: 'asco17.sln',
          label: '1 or 2 sentinel node metastases',
          kind: 'inclusion',
          inputs: ['slnPositive'],
          rule: (f) => within(f, 'slnPositive', 1, 2),
          grade: 'S',
          question: 'Positive sentinel nodes?',
          citation: TEXT,
        },
        {
          id: 'asco17.bcs',
          label: 'Breast-conserving surgery',
          kind: 'inclusion',
          inputs: ['breastSurgery'],
          rule: (f) => is(f, 'breastSurgery', 'breast-conserving'),
          grade: 'S',
          question: 'Breast surgery?',
          citation: TEXT,
        },
        {
          id: 'asco17.wbrt',
          label: 'Whole-breast radiotherapy',
          kind: 'inclusion',
          inputs: ['wholeBreastRtPlanned'],
          rule: (f) => isTrue(f, 'wholeBreastRtPlanned'),
          grade: 'S',
          question: 'Whole-breast RT planned?',
          citation: TEXT,
        },
        {
          id: 'asco17.caution',
          label:
            'Caution: clinically enlarged nodes, tumour above 5 cm, bulky sentinel metastases or gross extranodal extension',
          kind: 'exclusion',
          inputs: ['clinicalN', 'tumorSizeMm', 'extranodalExtension'],
          rule: () => undefined,
          grade: 'S',
          unreadable: 'bulky sentinel metastases, gross vs microscopic extranodal extension',
          question: 'Caution flags?',
          citation: TEXT,
        },
      ],
      citation: TEXT,
    },
  ],
  context: [
    {
      text: 'An ASCO update was published in J Clin Oncol 2025; its wording on ALND after positive sentinel nodes was not found in a primary source.',
      citation: 'The ASCO Post, 25 June 2025',
    },
    {
      text: 'With mastectomy: clinicians may offer ALND (the recommendation text); the abstract says "should be offered". Superseded for mastectomy by the 2025 update, whose wording was not found.',
      citation: `${TEXT}; ace.asco.org/guidelines/9801`,
    },
    { text: 'No ALND without nodal metastases; the handling of isolated tumour cells is not stated.', citation: TEXT },
  ],
  citation: JCO_2017,
};
