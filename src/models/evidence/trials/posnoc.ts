// POSNOC: adjuvant therapy alone vs adjuvant therapy plus axillary treatment; results not published.
// The rules of its verdict; what the card's evidence section shows of it is in posnoc-texts.ts.
import { and, atMost, female, is, macroCountWithin, within } from '../read.ts';
import type { TrialRules } from '../types.ts';

export const ABS = 'POSNOC trial page, Association of Breast Surgery (closed to recruitment, in follow-up)';
export const REGISTRY = 'POSNOC, NCT02401685';

export const POSNOC: TrialRules = {
  id: 'posnoc',
  short: 'POSNOC',
  situations: ['macro', 'positive-unknown-burden'],
  basis: 'in-follow-up',
  criteria: [
    {
      id: 'posnoc.sex',
      label: 'Women',
      kind: 'inclusion',
      inputs: ['sex'],
      rule: female,
      grade: 'S',
      question: 'Sex?',
      citation: ABS,
    },
    {
      id: 'posnoc.age',
      label: 'Age 18 or older',
      kind: 'inclusion',
      inputs: ['ageYears'],
      rule: (f) => within(f, 'ageYears', 18, Infinity),
      grade: 'S',
      question: 'Age?',
      citation: ABS,
    },
    {
      id: 'posnoc.size',
      label: 'Largest invasive lesion 5 cm or smaller (not summed)',
      kind: 'inclusion',
      inputs: ['tumorSizeMm'],
      rule: (f) => atMost(f, 'tumorSizeMm', 50),
      grade: 'S',
      question: 'Tumour size?',
      citation: ABS,
    },
    {
      id: 'posnoc.cn',
      label: 'Clinically and ultrasound negative axilla (cN0)',
      kind: 'inclusion',
      inputs: ['clinicalN'],
      rule: (f) => is(f, 'clinicalN', 'cN0'),
      grade: 'S',
      question: 'Clinical N?',
      bounds: 'clinical-n',
      citation: ABS,
    },
    {
      id: 'posnoc.macro',
      label: '1 or 2 sentinel node macrometastases',
      kind: 'inclusion',
      inputs: ['slnMacroCount', 'nodalBurden', 'slnPositive'],
      rule: (f) => and(is(f, 'nodalBurden', 'macro'), macroCountWithin(f, 1, 2)),
      grade: 'S',
      question: 'Sentinel nodes with a macrometastasis?',
      bounds: 'sentinel-nodes',
      citation: ABS,
    },
    {
      id: 'posnoc.surgery',
      label: 'Breast-conserving surgery or mastectomy',
      kind: 'inclusion',
      inputs: ['breastSurgery'],
      rule: (f) => is(f, 'breastSurgery', 'breast-conserving', 'mastectomy'),
      grade: 'S',
      question: 'Breast surgery?',
      citation: REGISTRY,
    },
    {
      id: 'posnoc.systemic',
      label: 'Receiving adjuvant systemic therapy',
      kind: 'inclusion',
      inputs: [],
      rule: () => undefined,
      grade: 'S',
      unreadable: 'planned adjuvant therapy',
      question: 'Adjuvant systemic therapy planned?',
      citation: REGISTRY,
    },
  ],
};
