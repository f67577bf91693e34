// Pieces common to the two riskcalc.org forms of the MSKCC nomogram (Van Zee 2003; riskcalc.org).
import type { InputName } from '../../domain/vocabulary.ts';
import type { Citation, Condition, InputRange, Requirement, Term } from '../definition.ts';

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
  'ER low-positive (1–10%) postdates the nomogram: counting it as ER-positive or ER-negative is an assumption, so both are shown until one is chosen.',
  'The calculator has no category for sentinel nodes with isolated tumour cells only: leaving them out of both counts, counting them as negative or as positive are assumptions, so each is shown until one is chosen.',
];

// The calculator asks for one form, as riskcalc.org makes the user choose (Van Zee 2003; riskcalc.org).
export const FROZEN_SECTION_FORM: Requirement = {
  condition: { input: 'frozenSectionInfo', equals: 'available' },
  reason:
    "the record states no frozen section on the sentinel node; the calculator's form without frozen-section information is used",
  whenUnknown: 'not-applicable',
  unknownText:
    "the record states no frozen-section result on the sentinel node; the calculator's form without frozen-section information is used",
};
export const NO_FROZEN_SECTION_FORM: Requirement = {
  condition: { not: { input: 'frozenSectionInfo', equals: 'available' } },
  reason:
    "the record states a frozen-section result on the sentinel node; the calculator's frozen-section form is used",
  whenUnknown: 'accept',
};

// MSKCC's own tool says when the nomogram does not apply.
export const MSKCC_REQUIREMENTS: Requirement[] = [
  {
    condition: { not: { input: 'sex', equals: 'male' } },
    reason:
      'the calculator is for women with a positive sentinel node biopsy (riskcalc.org); this patient is male, outside its population',
    whenUnknown: 'accept',
    population: true,
  },
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

const METHOD_CONDITION: Record<
  'frozen-section' | 'routine-he' | 'serial-he' | 'ihc',
  { label: string; when: Condition }
> = {
  'frozen-section': { label: 'frozen section', when: { input: 'detectionMethod', equals: 'frozen-section' } },
  'routine-he': { label: 'routine H&E', when: { input: 'detectionMethod', equals: 'routine-he' } },
  'serial-he': { label: 'serial H&E', when: { input: 'detectionMethod', equals: 'serial-he' } },
  ihc: { label: 'immunohistochemistry', when: { input: 'detectionMethod', equals: 'ihc' } },
};

/** One form's coefficients, named after the nomogram's terms. */
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
    {
      id: 'lvi',
      label: 'Lymphovascular invasion',
      type: 'indicator',
      when: { input: 'lvi', equals: true },
      coefficient: c.lvi,
    },
    {
      id: 'multifocal',
      label: 'Multifocal',
      type: 'indicator',
      when: { input: 'multifocal', equals: true },
      coefficient: c.multifocal,
    },
    // ER low-positive counts as positive or negative only under the chosen assumption.
    {
      id: 'erPositive',
      label: 'ER positive',
      type: 'indicator',
      when: {
        any: [
          { input: 'erStatus', equals: 'positive' },
          {
            all: [
              { input: 'erStatus', equals: 'low-positive' },
              { input: 'erLowPositiveAs', equals: 'positive' },
            ],
          },
        ],
      },
      coefficient: c.erPositive,
    },
    // slnNegative leaves ITC-only nodes out; the assumption may add them to one count.
    {
      id: 'sqrtNegativeSln',
      label: '√ negative sentinel nodes',
      type: 'numeric',
      input: 'slnNegative',
      transform: 'sqrt',
      adds: [{ input: 'slnItcOnly', when: { input: 'itcNodesAs', equals: 'negative' } }],
      coefficient: c.sqrtNegativeSln,
    },
    {
      id: 'positiveSln',
      label: 'Positive sentinel nodes',
      type: 'numeric',
      input: 'slnPositive',
      adds: [{ input: 'slnItcOnly', when: { input: 'itcNodesAs', equals: 'positive' } }],
      coefficient: c.positiveSln,
    },
    {
      id: 'sizeCm',
      label: 'Pathological size',
      type: 'numeric',
      input: 'tumorSizeMm',
      scale: 0.1,
      unit: 'cm',
      coefficient: c.sizeCm,
    },
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

// The calculator refuses inputs outside n− 0–14, n+ 1–7, size 0.1–9 cm (riskcalc.org
// BreastCancerPosNonSentinelLymphNode server.R and ui.R); so does Nodal Risk.
export const MSKCC_RANGES: InputRange[] = [
  { input: 'slnNegative', min: 0, max: 14, label: 'negative sentinel nodes 0–14' },
  { input: 'slnPositive', min: 1, max: 7, label: 'positive sentinel nodes 1–7' },
  { input: 'tumorSizeMm', min: 1, max: 90, label: 'pathological size 0.1–9 cm' },
];

// Categorical unknowns with a finite set of values, and the two assumptions: ranged, not guessed.
export const MSKCC_RANGE_OVER: InputName[] = [
  'detectionMethod',
  'lvi',
  'multifocal',
  'nuclearGrade',
  'erLowPositiveAs',
  'itcNodesAs',
];
