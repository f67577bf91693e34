// AMAROS (EORTC 10981-22023): axillary radiotherapy vs ALND after a positive sentinel node.
// The rules of its verdict; what the card's evidence section shows of it is in amaros-texts.ts.
import { is, within } from '../read.ts';
import type { TrialRules } from '../types.ts';

export const LANCET_2014 =
  'Donker M, van Tienhoven G, Straver ME, et al. Lancet Oncol 2014;15:1303–10. doi:10.1016/S1470-2045(14)70460-7 (5-year results)';
export const NKI = 'AMAROS results page, research.nki.nl/amaros/results.htm';
const COCHRANE = 'Cochrane review table of AMAROS, PMC6464919';

export const AMAROS: TrialRules = {
  id: 'amaros',
  short: 'AMAROS',
  situations: ['micro', 'macro', 'positive-unknown-burden'],
  basis: 'axillary-rt',
  criteria: [
    {
      id: 'amaros.ct',
      label: 'T1–2 primary',
      kind: 'inclusion',
      inputs: ['clinicalT'],
      rule: (f) => is(f, 'clinicalT', 'cT1', 'cT2'),
      grade: 'P',
      question: 'Clinical T?',
      citation: LANCET_2014,
    },
    {
      id: 'amaros.cn',
      label: 'No palpable lymphadenopathy (cN0)',
      kind: 'inclusion',
      inputs: ['clinicalN'],
      rule: (f) => is(f, 'clinicalN', 'cN0'),
      grade: 'P',
      question: 'Clinical N?',
      bounds: 'clinical-n',
      citation: LANCET_2014,
    },
    {
      id: 'amaros.sln',
      label: 'Positive sentinel node (micro- or macrometastasis)',
      kind: 'inclusion',
      inputs: ['slnPositive'],
      rule: (f) => within(f, 'slnPositive', 1, Infinity),
      grade: 'P',
      question: 'Positive sentinel nodes?',
      citation: NKI,
    },
    {
      id: 'amaros.size',
      label: 'Original registry entry: unifocal, 5–30 mm (not in the published population)',
      kind: 'inclusion',
      inputs: ['tumorSizeMm', 'multifocal'],
      rule: () => undefined,
      grade: 'CONFLICT',
      question: 'Unifocal 5–30 mm?',
      citation: COCHRANE,
    },
    {
      id: 'amaros.prior',
      label: 'Previous axillary surgery or radiotherapy, previous cancer, pregnancy',
      kind: 'exclusion',
      inputs: [],
      rule: () => undefined,
      grade: 'S',
      unreadable: 'prior axillary treatment, previous cancer, pregnancy',
      question: 'Prior axillary treatment, cancer or pregnancy?',
      citation: COCHRANE,
    },
    {
      id: 'amaros.sex',
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
