// IBCSG 23-01: no axillary dissection vs axillary dissection for sentinel node micrometastases.
// The rules of its verdict; what the card's evidence section shows of it is in ibcsg-23-01-texts.ts.
import { valueOf, type ClinicalFacts } from '../../../domain/facts.ts';
import { and, female, is, isTrue, within } from '../read.ts';
import type { Tri, TrialRules } from '../types.ts';

export const LANCET_2018 =
  'Galimberti V, Cole BF, Viale G, et al. Lancet Oncol 2018;19(10):1385–1393. doi:10.1016/S1470-2045(18)30380-2 (10-year results)';
export const LANCET_2013 =
  'Galimberti V, Cole BF, Zurrida S, et al. Lancet Oncol 2013 (volume and pages not verified; author manuscript PMC3935346)';
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

export const IBCSG_23_01: TrialRules = {
  id: 'ibcsg-23-01',
  short: 'IBCSG 23-01',
  situations: ['micro', 'positive-unknown-burden'],
  basis: 'omission',
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
};
