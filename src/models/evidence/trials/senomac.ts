// SENOMAC: sentinel node biopsy only vs completion ALND after 1–2 sentinel macrometastases.
import { and, is, isTrue, macroCountWithin, within } from '../read.ts';
import type { TrialDef } from '../types.ts';

const NEJM_2024 = 'de Boniface J, Tvedskov TF, Rydén L, et al. N Engl J Med 2024;390(13):1163–1175. NCT02240472';
const PROTOCOL = 'SENOMAC protocol, BMC Cancer 2017, doi:10.1186/s12885-017-3361-y (Table 1)';
const SABCS = 'SENOMAC SABCS abstract GS02-06';
const ASCO_POST = 'The ASCO Post, 10 May 2024 (SENOMAC report)';

export const SENOMAC: TrialDef = {
  id: 'senomac',
  title: 'SENOMAC',
  short: 'SENOMAC',
  situations: ['macro', 'positive-unknown-burden'],
  basis: 'omission',
  population: {
    text: 'Clinically node-negative T1–T3 breast cancer with 1 or 2 sentinel node macrometastases (more than 2 mm); breast-conserving surgery or mastectomy; extranodal extension and additional micrometastases allowed; 2,540 patients per protocol, sites in Sweden, Denmark, Germany, Greece and Italy.',
    citation: `${NEJM_2024}; ${SABCS}`,
  },
  arms: {
    items: [
      {
        label: 'SLNB only',
        role: 'experimental',
        description: 'Sentinel node biopsy only (1,335 patients per protocol)',
      },
      {
        label: 'ALND',
        role: 'standard',
        description: 'Completion axillary lymph node dissection (1,205 patients per protocol)',
      },
    ],
    citation: ASCO_POST,
  },
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
  context: [
    { text: 'Sentinel node extracapsular extension was allowed (about one third had it).', citation: SABCS },
    {
      text: 'Non-palpable suspicious axillary nodes were eligible even if proven metastatic by biopsy.',
      citation: SABCS,
    },
    {
      text: 'Radiotherapy followed national guidelines: regional nodal radiotherapy in 89.9% (1,192/1,326) of the SLNB-only arm vs 88.4% (1,058/1,197) of the ALND arm.',
      citation: ASCO_POST,
    },
    {
      text: 'The primary end point, overall survival, is not yet final; the non-inferiority margin was an upper confidence limit of the hazard ratio below 1.44.',
      citation: `${NEJM_2024}; ${ASCO_POST}`,
    },
  ],
  notPublished: [
    'Handling of neoadjuvant therapy in the published analysis (the 2017 protocol allowed biopsy before neoadjuvant therapy)',
    'Sex criterion',
  ],
  results: [
    {
      endpoint: 'Recurrence-free survival at 5 years',
      arms: [
        { label: 'SLNB only', value: '89.7%' },
        { label: 'ALND', value: '88.7%' },
      ],
      comparison: 'HR 0.89 (0.66–1.19)',
      followUp: 'median 46.8 months',
      citation: ASCO_POST,
    },
    {
      endpoint: 'Overall survival at 5 years',
      arms: [
        { label: 'SLNB only', value: '92.9%' },
        { label: 'ALND', value: '92.0%' },
      ],
      followUp: 'median 46.8 months',
      citation: ASCO_POST,
    },
    {
      endpoint: 'Breast cancer-specific survival at 5 years',
      arms: [
        { label: 'SLNB only', value: '97.1%' },
        { label: 'ALND', value: '96.6%' },
      ],
      followUp: 'median 46.8 months',
      citation: ASCO_POST,
    },
  ],
  citation: NEJM_2024,
};
