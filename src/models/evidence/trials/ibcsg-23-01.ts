// IBCSG 23-01: no axillary dissection vs axillary dissection for sentinel node micrometastases.
import { valueOf, type ClinicalFacts } from '../../../domain/facts.ts';
import { and, female, is, isTrue, within } from '../read.ts';
import type { Tri, TrialDef } from '../types.ts';

const LANCET_2018 =
  'Galimberti V, Cole BF, Viale G, et al. Lancet Oncol 2018;19(10):1385–1393. doi:10.1016/S1470-2045(18)30380-2 (10-year results)';
const LANCET_2013 =
  'Galimberti V, Cole BF, Zurrida S, et al. Lancet Oncol 2013 (volume and pages not verified; author manuscript PMC3935346)';
const REVIEW = 'Ann Surg Oncol review, doi:10.1245/s10434-016-5608-2';

/** Largest lesion ≤ 5 cm by any measure: the pathological size when known, else clinical T1–T2. */
function sizeAtMost5cm(facts: ClinicalFacts): Tri {
  const mm = valueOf(facts, 'tumorSizeMm');
  if (mm !== undefined) return mm <= 50;
  return is(facts, 'clinicalT', 'cT1', 'cT2') === true ? true : undefined;
}

/** Worst deposit micro: met; macro: unmet; ITC only stays unknown (its eligibility was not published). */
function allMicro(facts: ClinicalFacts): Tri {
  const burden = valueOf(facts, 'nodalBurden');
  if (burden === 'micro') return true;
  return burden === 'macro' ? false : undefined;
}

export const IBCSG_23_01: TrialDef = {
  id: 'ibcsg-23-01',
  title: 'IBCSG 23-01',
  short: 'IBCSG 23-01',
  situations: ['micro', 'positive-unknown-burden'],
  basis: 'omission',
  population: {
    text: 'IBCSG 23-01 randomised 934 patients (931 evaluable): women of any age with a tumour 5 cm or smaller and one or more sentinel nodes with metastases all 2 mm or smaller, without extracapsular extension; mastectomy or breast-conserving surgery.',
    citation: `${LANCET_2018}; ${LANCET_2013}`,
  },
  arms: {
    items: [
      { label: 'No AD', role: 'experimental', description: 'No axillary dissection (467 patients)' },
      { label: 'AD', role: 'standard', description: 'Axillary dissection (464 patients)' },
    ],
    citation: LANCET_2013,
  },
  criteria: [
    {
      id: 'ibcsg.sex',
      label: 'Women (any age)',
      kind: 'inclusion',
      inputs: ['sex'],
      rule: female,
      grade: 'P',
      question: 'Sex?',
      citation: LANCET_2018,
    },
    {
      id: 'ibcsg.size',
      label: 'Largest lesion 5 cm or smaller',
      kind: 'inclusion',
      inputs: ['tumorSizeMm', 'clinicalT'],
      rule: sizeAtMost5cm,
      grade: 'P',
      question: 'Tumour size?',
      citation: LANCET_2018,
    },
    {
      id: 'ibcsg.burden',
      label: 'At least one sentinel node metastasis, all 2 mm or smaller',
      kind: 'inclusion',
      inputs: ['slnPositive', 'nodalBurden'],
      rule: (f) => and(within(f, 'slnPositive', 1, Infinity), allMicro(f)),
      grade: 'P',
      question: 'Micrometastases only?',
      bounds: 'sentinel-nodes',
      citation: LANCET_2018,
    },
    {
      id: 'ibcsg.ene',
      label: 'Extracapsular extension',
      kind: 'exclusion',
      inputs: ['extranodalExtension'],
      rule: (f) => isTrue(f, 'extranodalExtension'),
      grade: 'P',
      question: 'Extranodal extension?',
      citation: LANCET_2018,
    },
    {
      id: 'ibcsg.surgery',
      label: 'Mastectomy or breast-conserving surgery',
      kind: 'inclusion',
      inputs: ['breastSurgery'],
      rule: (f) => is(f, 'breastSurgery', 'breast-conserving', 'mastectomy'),
      grade: 'P',
      question: 'Breast surgery?',
      citation: LANCET_2018,
    },
    {
      id: 'ibcsg.cn',
      label: 'Clinically node-negative (the author manuscript says "clinically-palpable" [sic])',
      kind: 'inclusion',
      inputs: ['clinicalN'],
      rule: (f) => (is(f, 'clinicalN', 'cN0') === true ? true : undefined),
      grade: 'CONFLICT',
      question: 'Clinical N?',
      bounds: 'clinical-n',
      citation: `IBCSG 23-01 summary (brightasabutton.co.nz); ${LANCET_2013}`,
    },
  ],
  context: [
    {
      text: 'No upper limit on the number of micrometastatic sentinel nodes was stated ("one or more").',
      citation: LANCET_2018,
    },
    { text: 'Randomisation was stratified by centre and menopausal status (not a criterion).', citation: LANCET_2018 },
  ],
  notPublished: [
    'Whether ITC-only sentinel nodes were eligible',
    'Whether IHC-only micrometastases were eligible',
    'Whether neoadjuvant therapy was excluded',
    'Radiotherapy requirements',
    'Overall survival figures',
  ],
  results: [
    {
      endpoint: 'Disease-free survival at 5 years',
      arms: [
        { label: 'No AD', value: '87.8%' },
        { label: 'AD', value: '84.4%' },
      ],
      comparison: 'HR 0.78 (0.55–1.11); non-inferiority p = 0.0042',
      followUp: 'median 5.0 years',
      citation: LANCET_2013,
    },
    {
      endpoint: 'Disease-free survival at 10 years',
      arms: [
        { label: 'No AD', value: '76.8%' },
        { label: 'AD', value: '74.9%' },
      ],
      followUp: 'median 9.7 years',
      citation: LANCET_2018,
    },
    {
      endpoint: 'Grade 3–4 lymphoedema',
      arms: [
        { label: 'No AD', value: '0 patients' },
        { label: 'AD', value: '3 patients' },
      ],
      followUp: 'median 5.0 years',
      citation: LANCET_2013,
    },
    {
      endpoint: 'Additional positive nodes found by dissection',
      arms: [{ label: 'AD', value: '13%' }],
      followUp: 'at dissection',
      citation: REVIEW,
    },
  ],
  citation: LANCET_2018,
};
