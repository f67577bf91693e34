// OTOASOR: regional nodal irradiation vs completion ALND after a positive sentinel node.
// The rules of its verdict; what the card's evidence section shows of it is in otoasor-texts.ts.
import { atMost, is, within } from '../read.ts';
import type { TrialRules } from '../types.ts';

export const EJSO_2017 =
  'Sávolt Á, Péley G, Polgár C, et al. Eur J Surg Oncol 2017;43(4):672–679. doi:10.1016/j.ejso.2016.12.011';

export const OTOASOR: TrialRules = {
  id: 'otoasor',
  short: 'OTOASOR',
  situations: ['micro', 'macro', 'positive-unknown-burden'],
  basis: 'axillary-rt',
  criteria: [
    {
      id: 'oto.cn',
      label: 'Clinically node-negative (cN0)',
      kind: 'inclusion',
      inputs: ['clinicalN'],
      rule: (f) => is(f, 'clinicalN', 'cN0'),
      grade: 'P',
      question: 'Clinical N?',
      bounds: 'clinical-n',
      citation: EJSO_2017,
    },
    {
      id: 'oto.size',
      label: 'Tumour 3 cm or smaller (trial: clinical size; pathological size used here)',
      kind: 'inclusion',
      inputs: ['tumorSizeMm'],
      rule: (f) => atMost(f, 'tumorSizeMm', 30),
      grade: 'P',
      question: 'Tumour size?',
      citation: EJSO_2017,
    },
    {
      id: 'oto.sln',
      label: 'Sentinel node metastasis on serial H&E sections',
      kind: 'inclusion',
      inputs: ['slnPositive'],
      rule: (f) => within(f, 'slnPositive', 1, Infinity),
      grade: 'P',
      question: 'Positive sentinel nodes?',
      citation: EJSO_2017,
    },
    {
      id: 'oto.sex',
      label: 'Sex: no published criterion found',
      kind: 'inclusion',
      inputs: ['sex'],
      rule: () => undefined,
      grade: 'NOT FOUND',
      question: 'Sex?',
      citation: 'not found in a published source',
    },
  ],
};
