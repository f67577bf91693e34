// ESMO 2019 recommendation on the axilla, as quoted by the Australian guidance.
import { and, is, isTrue, or, within } from '../read.ts';
import type { GuidelineDef } from '../types.ts';

const QUOTED =
  'ESMO 2019, as quoted in the Australian guidance (guidancebreastcancer.gov.au, management of the axilla)';

export const ESMO_2019: GuidelineDef = {
  id: 'guideline-esmo-2019',
  title: 'ESMO 2019 (as quoted; level of evidence II)',
  short: 'ESMO 2019',
  superseded:
    'ESMO published a 2024 early breast cancer guideline (Loibl S, André F, Bachelot T, et al.); its axillary recommendation was not found.',
  recommendations: [
    {
      id: 'esmo19.low',
      situations: ['micro', 'macro', 'positive-unknown-burden'],
      text: 'Further axillary surgery is not required with low axillary disease burden: micrometastases, or 1–2 sentinel nodes with metastases treated with postoperative tangential breast radiotherapy.',
      criteria: [
        {
          id: 'esmo19.burden',
          label: 'Micrometastases, or 1–2 positive sentinel nodes with tangential breast radiotherapy',
          kind: 'inclusion',
          inputs: ['nodalBurden', 'slnPositive', 'wholeBreastRtPlanned'],
          rule: (f) =>
            or(is(f, 'nodalBurden', 'micro'), and(within(f, 'slnPositive', 1, 2), isTrue(f, 'wholeBreastRtPlanned'))),
          grade: 'S',
          question: 'Whole-breast RT planned?',
          citation: QUOTED,
        },
      ],
      citation: QUOTED,
    },
  ],
  context: [],
  citation: QUOTED,
};
