// SENOMAC: sentinel node biopsy only vs completion ALND after 1–2 sentinel macrometastases.
// The rules of its verdict; what the card's evidence section shows of it is in senomac-texts.ts.
import { and, is, isTrue, macroCountWithin, within } from '../read.ts';
import type { TrialRules } from '../types.ts';

export const NEJM_2024 = 'de Boniface J, Tvedskov TF, Rydén L, et al. N Engl J Med 2024;390(13):1163–1175. NCT02240472';
const PROTOCOL = 'SENOMAC protocol, BMC Cancer 2017, doi:10.1186/s12885-017-3361-y (Table 1)';
export const SABCS = 'SENOMAC SABCS abstract GS02-06';

export const SENOMAC: TrialRules = {
  id: 'senomac',
  short: 'SENOMAC',
  situations: ['macro', 'positive-unknown-burden'],
  basis: 'omission',
  criteria: [
    {
      id: 'seno.age',
      label: 'Age 18 or older',
      kind: 'inclusion',
      inputs: ['ageYears'],
      rule: (f) => within(f, 'ageYears', 18, Infinity),
      grade: 'P',
      question: 'Age?',
      citation: PROTOCOL,
    },
    {
      id: 'seno.ct',
      label: 'Clinical T1–T3',
      kind: 'inclusion',
      inputs: ['clinicalT'],
      rule: (f) => is(f, 'clinicalT', 'cT1', 'cT2', 'cT3'),
      grade: 'P',
      question: 'Clinical T?',
      citation: NEJM_2024,
    },
    {
      id: 'seno.cn',
      label: 'Clinically node-negative by palpation (cN0)',
      kind: 'inclusion',
      inputs: ['clinicalN'],
      rule: (f) => is(f, 'clinicalN', 'cN0'),
      grade: 'P',
      question: 'Clinical N?',
      bounds: 'clinical-n',
      citation: `${PROTOCOL}; ${SABCS}`,
    },
    {
      id: 'seno.macro',
      label: '1 or 2 sentinel node macrometastases',
      kind: 'inclusion',
      inputs: ['slnMacroCount', 'nodalBurden', 'slnPositive'],
      rule: (f) => and(is(f, 'nodalBurden', 'macro'), macroCountWithin(f, 1, 2)),
      grade: 'P',
      question: 'Sentinel nodes with a macrometastasis?',
      bounds: 'sentinel-nodes',
      citation: NEJM_2024,
    },
    {
      id: 'seno.surgery',
      label: 'Breast-conserving surgery or mastectomy',
      kind: 'inclusion',
      inputs: ['breastSurgery'],
      rule: (f) => is(f, 'breastSurgery', 'breast-conserving', 'mastectomy'),
      grade: 'P',
      question: 'Breast surgery?',
      citation: SABCS,
    },
    {
      id: 'seno.bilateral',
      label: 'Bilateral cancer, when one side meets an exclusion criterion',
      kind: 'exclusion',
      inputs: ['bilateralCancer'],
      // Bilateral cancer excludes only through the other side, which these inputs do not describe.
      rule: (f) => (isTrue(f, 'bilateralCancer') === false ? false : undefined),
      grade: 'P',
      question: 'Bilateral cancer?',
      citation: PROTOCOL,
    },
    {
      id: 'seno.us',
      label: 'Preoperative axillary ultrasound performed',
      kind: 'inclusion',
      inputs: ['axillaryUltrasoundSuspicious'],
      rule: (f) => (isTrue(f, 'axillaryUltrasoundSuspicious') === undefined ? undefined : true),
      grade: 'P',
      unreadable: 'whether an axillary ultrasound was done',
      question: 'Axillary ultrasound done?',
      citation: PROTOCOL,
    },
    {
      id: 'seno.prior',
      label:
        'Prior invasive breast cancer, metastases outside the ipsilateral axilla, contraindication to radiotherapy or systemic therapy',
      kind: 'exclusion',
      inputs: [],
      rule: () => undefined,
      grade: 'P',
      unreadable: 'prior cancer, distant metastases, contraindications',
      question: 'Prior cancer or contraindications?',
      citation: PROTOCOL,
    },
    {
      id: 'seno.sex',
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
