// NICE 2018 and the Australian guidance adapted from it: further axillary treatment by burden.
import { is, macroCountWithin } from '../read.ts';
import type { GuidelineDef } from '../types.ts';

const AUSTRALIA = 'Australian guidance adapted from NICE 2018 (guidancebreastcancer.gov.au, management of the axilla)';

export const NICE_2018: GuidelineDef = {
  id: 'guideline-nice-2018',
  title: 'NICE 2018, as adapted in the Australian guidance',
  short: 'NICE 2018',
  recommendations: [
    {
      id: 'nice.micro_itc',
      situations: ['itc', 'micro'],
      text: 'Do not offer further axillary treatment (breast-conserving surgery with radiotherapy, or mastectomy) to patients with only micrometastases or only isolated tumour cells; regard isolated tumour cells as node-negative.',
      criteria: [
        {
          id: 'nice.burden',
          label: 'Only micrometastases or isolated tumour cells',
          kind: 'inclusion',
          inputs: ['nodalBurden'],
          rule: (f) => is(f, 'nodalBurden', 'itc', 'micro'),
          grade: 'S',
          question: 'Worst sentinel node category?',
          citation: AUSTRALIA,
        },
      ],
      citation: AUSTRALIA,
    },
    {
      id: 'nice.macro',
      situations: ['macro', 'positive-unknown-burden'],
      text: 'NICE 2018: offer further axillary treatment (axillary node clearance or radiotherapy) after 1 or more sentinel node macrometastases. Australian adaptation: discuss further axillary treatment with more than two macrometastases.',
      criteria: [
        {
          id: 'nice.macro',
          label: '1 or more sentinel node macrometastases',
          kind: 'inclusion',
          inputs: ['slnMacroCount', 'nodalBurden', 'slnPositive'],
          rule: (f) => macroCountWithin(f, 1, Infinity),
          grade: 'S',
          question: 'Macrometastasis?',
          citation: AUSTRALIA,
        },
      ],
      citation: AUSTRALIA,
    },
  ],
  context: [],
  citation: AUSTRALIA,
};
