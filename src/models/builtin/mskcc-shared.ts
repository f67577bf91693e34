// Pieces common to the two riskcalc.org forms of the MSKCC nomogram (models.md §1 and §1b).
import type { Citation, Condition, Requirement } from '../definition.ts';

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

/** The tumour type & nuclear grade term; nuclear grade is only needed for ductal tumours. */
export function typeAndGradeLevels(ng2: number, ng3: number, lobular: number) {
  return [
    { label: 'ductal, nuclear grade 1 (reference)', when: ductalWithNuclearGrade(1), coefficient: 0 },
    { label: 'ductal, nuclear grade 2', when: ductalWithNuclearGrade(2), coefficient: ng2 },
    { label: 'ductal, nuclear grade 3', when: ductalWithNuclearGrade(3), coefficient: ng3 },
    { label: 'lobular', when: { input: 'histologicType', equals: 'lobular' } as Condition, coefficient: lobular },
  ];
}

export const ER_POSITIVE: Condition = { input: 'erStatus', in: ['positive', 'low-positive'] };

// The calculator's input limits: n− 0–14, n+ 1–7, size 0.1–9 cm (models.md §1).
export const MSKCC_RANGES = [
  { input: 'slnNegative' as const, min: 0, max: 14, label: 'Number of negative sentinel nodes (valid 0–14)' },
  { input: 'slnPositive' as const, min: 1, max: 7, label: 'Number of positive sentinel nodes (valid 1–7)' },
  { input: 'tumorSizeMm' as const, min: 1, max: 90, label: 'Pathological size (valid 0.1–9 cm)' },
];
