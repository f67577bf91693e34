// Pieces common to the two riskcalc.org forms of the MSKCC nomogram (models.md §1 and §1b).
import type { Citation, Condition, Requirement, Term } from '../definition.ts';

export const VAN_ZEE_2003: Citation = {
  text:
    'Van Zee KJ, Manasseh DM, Bevilacqua JL, Boolbol SK, Fey JV, Tan LK, Borgen PI, Cody HS 3rd, Kattan MW. ' +
    'A nomogram for predicting the likelihood of additional nodal metastases in breast cancer patients with a ' +
    'positive sentinel node biopsy. Ann Surg Oncol. 2003;10(10):1140–1151.',
};

export const MSKCC_OUTCOME = 'any further (non-sentinel) axillary node involved at completion dissection';
export const MSKCC_POPULATION =
  'Invasive ductal or lobular breast cancer with at least one positive sentinel node, operated first ' +
  '(no systemic therapy or radiotherapy before surgery), clinically node-negative';
export const MSKCC_PERFORMANCE =
  'Development 702 patients (AUC 0.76), prospective 373 patients (AUC 0.77); external validations AUC 0.58–0.78.';
export const MSKCC_NOTES = [
  'Coefficients from the riskcalc.org implementation (Cleveland Clinic risk calculator source code), the one source available.',
  'Not for patients who had radiotherapy to the affected side before surgery (MSKCC).',
];

// MSKCC's own tool says when the nomogram does not apply (models.md §1, models-research §9.5).
export const MSKCC_REQUIREMENTS: Requirement[] = [
  {
    condition: { not: { input: 'neoadjuvantTherapy', equals: true } },
    reason: 'systemic therapy was given before surgery; the nomogram was built in patients operated first',
    whenUnknown: 'warn',
    unknownText: 'Systemic therapy before surgery is not recorded; the nomogram does not apply if it was given.',
  },
  {
    condition: { not: { input: 'clinicalN', in: ['cN1', 'cN2', 'cN3'] } },
    reason: 'clinically involved axillary nodes ({clinicalN}); the nomogram is for clinically node-negative patients',
    whenUnknown: 'warn',
    unknownText: 'Clinical nodal status is not recorded; the nomogram does not apply to palpable (cN+) nodes.',
  },
  {
    condition: { input: 'slnPositive', atLeast: 1 },
    reason: 'no positive sentinel node (nodes with isolated tumour cells only are not counted as positive)',
    whenUnknown: 'missing',
  },
  {
    condition: { input: 'histologicType', in: ['ductal', 'lobular'] },
    reason: 'histologic type is {histologicType}; the nomogram covers ductal and lobular carcinoma only',
    whenUnknown: 'missing',
  },
];

const ductalWithNuclearGrade = (grade: number): Condition => ({
  all: [
    { input: 'histologicType', equals: 'ductal' },
    { input: 'nuclearGrade', equals: grade },
  ],
});

const METHOD_CONDITION: Record<'frozen-section' | 'routine-he' | 'serial-he' | 'ihc', { label: string; when: Condition }> = {
  'frozen-section': { label: 'frozen section', when: { input: 'detectionMethod', equals: 'frozen-section' } },
  'routine-he': { label: 'routine H&E', when: { input: 'detectionMethod', equals: 'routine-he' } },
  'serial-he': { label: 'serial H&E', when: { input: 'detectionMethod', equals: 'serial-he' } },
  ihc: { label: 'immunohistochemistry', when: { input: 'detectionMethod', equals: 'ihc' } },
};

/** One form's coefficients, named as in models.md §1 / §1b. */
export interface MskccCoefficients {
  ductalNg2: number;
  ductalNg3: number;
  lobular: number;
  lvi: number;
  multifocal: number;
  erPositive: number;
  sqrtNegativeSln: number;
  positiveSln: number;
  sizeCm: number;
  /** Method of detection: the reference level (coefficient 0) first. */
  method: [keyof typeof METHOD_CONDITION, number][];
}

/** The terms of the nomogram; both riskcalc.org forms share them and differ only in coefficients. */
export function mskccTerms(c: MskccCoefficients): Term[] {
  return [
    {
      id: 'typeAndNuclearGrade',
      label: 'Tumour type and nuclear grade',
      type: 'levels',
      // Nuclear grade is only needed for ductal tumours; the lobular level needs none.
      levels: [
        { label: 'ductal, nuclear grade 1 (reference)', when: ductalWithNuclearGrade(1), coefficient: 0 },
        { label: 'ductal, nuclear grade 2', when: ductalWithNuclearGrade(2), coefficient: c.ductalNg2 },
        { label: 'ductal, nuclear grade 3', when: ductalWithNuclearGrade(3), coefficient: c.ductalNg3 },
        { label: 'lobular', when: { input: 'histologicType', equals: 'lobular' }, coefficient: c.lobular },
      ],
    },
    { id: 'lvi', label: 'Lymphovascular invasion', type: 'indicator', when: { input: 'lvi', equals: true }, coefficient: c.lvi },
    { id: 'multifocal', label: 'Multifocal', type: 'indicator', when: { input: 'multifocal', equals: true }, coefficient: c.multifocal },
    // models.md §1: ER positive includes low-positive.
    { id: 'erPositive', label: 'ER positive', type: 'indicator', when: { input: 'erStatus', in: ['positive', 'low-positive'] }, coefficient: c.erPositive },
    { id: 'sqrtNegativeSln', label: '√ negative sentinel nodes', type: 'numeric', input: 'slnNegative', transform: 'sqrt', coefficient: c.sqrtNegativeSln },
    { id: 'positiveSln', label: 'Positive sentinel nodes', type: 'numeric', input: 'slnPositive', coefficient: c.positiveSln },
    { id: 'sizeCm', label: 'Pathological size', type: 'numeric', input: 'tumorSizeMm', scale: 0.1, unit: 'cm', coefficient: c.sizeCm },
    {
      id: 'detectionMethod',
      label: 'Method of detection',
      type: 'levels',
      levels: c.method.map(([method, coefficient], i) => ({
        label: `${METHOD_CONDITION[method].label}${i === 0 ? ' (reference)' : ''}`,
        when: METHOD_CONDITION[method].when,
        coefficient,
      })),
    },
  ];
}

// The calculator's input limits: n− 0–14, n+ 1–7, size 0.1–9 cm (models.md §1).
export const MSKCC_RANGES = [
  { input: 'slnNegative' as const, min: 0, max: 14, label: 'Number of negative sentinel nodes (valid 0–14)' },
  { input: 'slnPositive' as const, min: 1, max: 7, label: 'Number of positive sentinel nodes (valid 1–7)' },
  { input: 'tumorSizeMm' as const, min: 1, max: 90, label: 'Pathological size (valid 0.1–9 cm)' },
];
