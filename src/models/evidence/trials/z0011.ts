// ACOSOG Z0011: sentinel node dissection alone vs completion ALND after 1–2 positive sentinel nodes.
import { female, is, isTrue, within } from '../read.ts';
import type { TrialDef } from '../types.ts';

const JAMA_2017 =
  'Giuliano AE, Ballman KV, McCall L, et al. JAMA 2017;318(10):918–926. doi:10.1001/jama.2017.11470 (10-year results)';
const JAMA_2011 = 'Giuliano AE, Hunt KK, Ballman KV, et al. JAMA 2011;305(6):569–575 (5-year results)';
// Eligibility detail is reproduced from a Z0011 methods section (pubcompare.ai protocol ufCO1YwB4C3bMWOePWwN).
const METHODS = 'Z0011 methods text (pubcompare.ai protocol ufCO1YwB4C3bMWOePWwN); Giuliano AE, et al. JAMA 2011;305(6):569–575';
const REVIEW = 'Ann Surg Oncol review, doi:10.1245/s10434-016-5608-2';

export const Z0011: TrialDef = {
  id: 'z0011',
  title: 'ACOSOG Z0011',
  short: 'Z0011',
  situations: ['micro', 'macro', 'positive-unknown-burden'],
  basis: 'omission',
  population: {
    text: 'Women with clinical T1–T2 invasive breast cancer, no palpable axillary adenopathy and 1 or 2 sentinel nodes with metastases seen on H&E, treated by lumpectomy with planned tangential whole-breast irradiation; 891 randomised (target 1,900, closed early).',
    citation: JAMA_2017,
  },
  arms: {
    items: [
      { label: 'SLND alone', role: 'experimental', description: 'Sentinel node dissection alone (446 patients)' },
      { label: 'ALND', role: 'standard', description: 'Completion level I/II axillary dissection, at least 10 nodes (445 patients)' },
    ],
    citation: `${JAMA_2017}; ${METHODS}`,
  },
  criteria: [
    { id: 'z11.sex', label: 'Women', kind: 'inclusion', inputs: ['sex'], rule: female, grade: 'S', question: 'Sex?', citation: METHODS },
    { id: 'z11.age', label: 'Age 18 or older', kind: 'inclusion', inputs: ['ageYears'], rule: (f) => within(f, 'ageYears', 18, Infinity), grade: 'S', question: 'Age?', citation: METHODS },
    { id: 'z11.ct', label: 'T1 or T2 tumour (clinical)', kind: 'inclusion', inputs: ['clinicalT'], rule: (f) => is(f, 'clinicalT', 'cT1', 'cT2'), grade: 'P', question: 'Clinical T?', citation: JAMA_2017 },
    { id: 'z11.cn', label: 'No palpable axillary adenopathy (cN0)', kind: 'inclusion', inputs: ['clinicalN'], rule: (f) => is(f, 'clinicalN', 'cN0'), grade: 'P', question: 'Clinical N?', bounds: 'clinical-n', citation: JAMA_2017 },
    { id: 'z11.sln', label: '1 or 2 sentinel nodes with metastases (3 or more excluded)', kind: 'inclusion', inputs: ['slnPositive'], rule: (f) => within(f, 'slnPositive', 1, 2), grade: 'P', question: 'Positive sentinel nodes?', bounds: 'sentinel-nodes', citation: `${JAMA_2017}; ${METHODS}` },
    { id: 'z11.detect', label: 'Metastasis seen on IHC only', kind: 'exclusion', inputs: ['detectionMethod'], rule: (f) => is(f, 'detectionMethod', 'ihc'), grade: 'P', question: 'Detection method?', citation: METHODS },
    { id: 'z11.surgery', label: 'Lumpectomy (planned mastectomy not permitted)', kind: 'inclusion', inputs: ['breastSurgery'], rule: (f) => is(f, 'breastSurgery', 'breast-conserving'), grade: 'P', question: 'Breast surgery?', citation: `${JAMA_2017}; ${METHODS}` },
    { id: 'z11.wbrt', label: 'Whole-breast radiotherapy planned', kind: 'inclusion', inputs: ['wholeBreastRtPlanned'], rule: (f) => isTrue(f, 'wholeBreastRtPlanned'), grade: 'P', question: 'Whole-breast RT planned?', citation: JAMA_2017 },
    { id: 'z11.neoadj', label: 'Neoadjuvant chemotherapy or hormonal therapy', kind: 'exclusion', inputs: ['neoadjuvantTherapy'], rule: (f) => isTrue(f, 'neoadjuvantTherapy'), grade: 'S', question: 'Neoadjuvant therapy?', citation: METHODS },
    { id: 'z11.bilateral', label: 'Bilateral breast cancer', kind: 'exclusion', inputs: ['bilateralCancer'], rule: (f) => isTrue(f, 'bilateralCancer'), grade: 'S', question: 'Bilateral cancer?', citation: METHODS },
    { id: 'z11.multicentric', label: 'Multicentric disease (multifocal is not listed)', kind: 'exclusion', inputs: ['multicentric'], rule: (f) => isTrue(f, 'multicentric'), grade: 'S', question: 'Multicentric?', citation: METHODS },
    {
      id: 'z11.ene',
      label: 'Gross extranodal disease at sentinel node dissection',
      kind: 'exclusion',
      inputs: ['extranodalExtension'],
      // Only gross extension excluded; no extension at all settles it, reported extension does not.
      rule: (f) => (isTrue(f, 'extranodalExtension') === false ? false : undefined),
      grade: 'S',
      unreadable: 'gross vs microscopic extranodal extension',
      question: 'Gross extranodal disease?',
      citation: METHODS,
    },
    { id: 'z11.systemic', label: 'Adjuvant systemic therapy planned', kind: 'inclusion', inputs: [], rule: () => undefined, grade: 'P', unreadable: 'planned adjuvant therapy', question: 'Adjuvant systemic therapy planned?', citation: JAMA_2017 },
    { id: 'z11.other', label: 'Pregnancy, prior ipsilateral axillary surgery, pre-pectoral implants', kind: 'exclusion', inputs: [], rule: () => undefined, grade: 'S', unreadable: 'pregnancy, prior axillary surgery, implants', question: 'Pregnancy, prior axillary surgery or implants?', citation: METHODS },
  ],
  context: [
    { text: 'Micrometastases were included (about 40% of patients).', citation: 'POSNOC SABCS abstract PD8-05 describing Z0011' },
    { text: 'Metastases had to be seen on frozen section, touch preparation or H&E; IHC-only metastases were not eligible.', citation: METHODS },
    { text: 'Matted nodes were excluded (covered here by clinical N).', citation: METHODS },
    { text: 'Third-field (nodal) radiation was prohibited.', citation: JAMA_2017 },
  ],
  notPublished: ['Axillary recurrence at ten years (no reliable source found)'],
  results: [
    { endpoint: 'Overall survival at 10 years', arms: [{ label: 'SLND alone', value: '86.3%' }, { label: 'ALND', value: '83.6%' }], comparison: 'HR 0.85 (one-sided 95% CI 0–1.16); non-inferiority P = 0.02', followUp: 'median 9.3 years', citation: JAMA_2017 },
    { endpoint: 'Disease-free survival at 10 years', arms: [{ label: 'SLND alone', value: '80.2%' }, { label: 'ALND', value: '78.2%' }], comparison: 'HR 0.85 (0.62–1.17); P = 0.32', followUp: 'median 9.3 years', citation: JAMA_2017 },
    { endpoint: 'Overall survival at 5 years', arms: [{ label: 'SLND alone', value: '92.5%' }, { label: 'ALND', value: '91.8%' }], followUp: 'median 6.3 years', citation: JAMA_2011 },
    { endpoint: 'Locoregional recurrence', arms: [{ label: 'SLND alone', value: '2.8% (n = 436)' }, { label: 'ALND', value: '4.1% (n = 420)' }], comparison: 'P = .11', followUp: 'median 6.3 years', citation: `${JAMA_2011}, as quoted in NCCN v2.2015` },
    { endpoint: 'Additional positive nodes found by ALND', arms: [{ label: 'ALND', value: '27%' }], followUp: 'at dissection', citation: REVIEW },
  ],
  citation: JAMA_2017,
};
