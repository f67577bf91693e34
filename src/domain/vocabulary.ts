// The clinical input vocabulary of Nodal Risk: one canonical name per
// concept, used by extraction, the models, the JSON contract and the UI labels.

export type InputSpec =
  | { type: 'number'; label: string; unit: string; min: number; max: number; derivedOnly?: boolean }
  | { type: 'integer'; label: string; unit?: string; min: number; max: number; derivedOnly?: boolean }
  | { type: 'boolean'; label: string; derivedOnly?: boolean }
  | { type: 'enum'; label: string; values: readonly (string | number)[]; derivedOnly?: boolean; assumption?: boolean };

// Ranges are plausibility limits for validation (a typo guard), not the models' validated ranges.
export const INPUTS = {
  ageYears: { type: 'number', label: 'Age', unit: 'years', min: 0, max: 120 },
  sex: { type: 'enum', label: 'Sex', values: ['female', 'male', 'other', 'unknown'] },
  menopausalStatus: { type: 'enum', label: 'Menopausal status', values: ['pre', 'post', 'unknown'] },
  laterality: { type: 'enum', label: 'Laterality', values: ['left', 'right'] },
  tumorSizeMm: { type: 'number', label: 'Pathologic tumour size', unit: 'mm', min: 0, max: 500 },
  histologicType: { type: 'enum', label: 'Histologic type', values: ['ductal', 'lobular', 'mixed', 'other'] },
  grade: { type: 'enum', label: 'Histologic grade (Nottingham)', values: [1, 2, 3] },
  nuclearGrade: { type: 'enum', label: 'Nuclear grade', values: [1, 2, 3] },
  lvi: { type: 'boolean', label: 'Lymphovascular invasion' },
  multifocal: { type: 'boolean', label: 'Multifocal invasive tumour' },
  // Trial eligibility inputs (Z0011 excluded multicentric and bilateral cancer).
  multicentric: { type: 'boolean', label: 'Multicentric invasive tumour (different quadrants)' },
  bilateralCancer: { type: 'boolean', label: 'Bilateral breast cancer' },
  quadrant: {
    type: 'enum',
    label: 'Quadrant',
    values: ['UOQ', 'UIQ', 'LOQ', 'LIQ', 'central', 'axillary-tail', 'overlapping'],
  },
  erStatus: { type: 'enum', label: 'Oestrogen receptor', values: ['positive', 'low-positive', 'negative'] },
  prStatus: { type: 'enum', label: 'Progesterone receptor', values: ['positive', 'negative'] },
  her2Status: { type: 'enum', label: 'HER2', values: ['positive', 'equivocal', 'negative'] },
  ki67Percent: { type: 'number', label: 'Ki-67', unit: '%', min: 0, max: 100 },
  slnExamined: { type: 'integer', label: 'Sentinel nodes examined', min: 0, max: 100 },
  slnPositive: { type: 'integer', label: 'Sentinel nodes positive (micro/macro)', min: 0, max: 100 },
  slnItcOnly: { type: 'integer', label: 'Sentinel nodes with ITC only', min: 0, max: 100 },
  // SENOMAC, POSNOC and INSEMA count macrometastatic sentinel nodes.
  slnMacroCount: { type: 'integer', label: 'Sentinel nodes with a macrometastasis', min: 0, max: 100 },
  slnNegative: {
    type: 'integer',
    label: 'Sentinel nodes negative',
    min: 0,
    max: 100,
    derivedOnly: true,
  },
  largestDepositMm: { type: 'number', label: 'Largest nodal deposit', unit: 'mm', min: 0, max: 200 },
  nodalBurden: { type: 'enum', label: 'Worst sentinel node category', values: ['itc', 'micro', 'macro'] },
  detectionMethod: {
    type: 'enum',
    label: 'Method that detected the sentinel metastasis',
    values: ['frozen-section', 'routine-he', 'serial-he', 'ihc'],
  },
  // Not read from FHIR: whether the record states a frozen-section result on the sentinel
  // node. It chooses the riskcalc.org form of the MSKCC nomogram: with it, or without it when the
  // record states none was done or says nothing. The clinician may set it (what-if).
  frozenSectionInfo: { type: 'enum', label: 'Frozen-section information', values: ['available', 'unavailable'] },
  // Assumptions, never read from the record: the MSKCC nomogram predates ER low-positive and has
  // no category for ITC-only nodes, so each choice is shown (a range) until the clinician picks one.
  erLowPositiveAs: {
    type: 'enum',
    label: 'ER low-positive counted as (MSKCC)',
    values: ['positive', 'negative'],
    assumption: true,
  },
  itcNodesAs: {
    type: 'enum',
    label: 'ITC-only sentinel nodes counted as (MSKCC)',
    values: ['left-out', 'negative', 'positive'],
    assumption: true,
  },
  extranodalExtension: { type: 'boolean', label: 'Extranodal extension' },
  clinicalT: { type: 'enum', label: 'Clinical T', values: ['cT0', 'cT1', 'cT2', 'cT3', 'cT4'] },
  clinicalN: { type: 'enum', label: 'Clinical N', values: ['cN0', 'cN1', 'cN2', 'cN3'] },
  axillaryUltrasoundSuspicious: { type: 'boolean', label: 'Suspicious node on axillary ultrasound' },
  neoadjuvantTherapy: { type: 'boolean', label: 'Systemic therapy before surgery' },
  breastSurgery: { type: 'enum', label: 'Breast surgery', values: ['breast-conserving', 'mastectomy'] },
  // Radiotherapy plans named by the trial and guideline criteria (docs/evidence.md); not read from FHIR yet.
  wholeBreastRtPlanned: { type: 'boolean', label: 'Whole-breast radiotherapy planned' },
  regionalNodalRtPlanned: { type: 'boolean', label: 'Regional nodal radiotherapy planned' },
} as const satisfies Record<string, InputSpec>;

export type InputName = keyof typeof INPUTS;

type ValueOfSpec<S> = S extends { type: 'number' | 'integer' }
  ? number
  : S extends { type: 'boolean' }
    ? boolean
    : S extends { type: 'enum'; values: readonly (infer V)[] }
      ? V
      : never;

export type InputValues = { [K in InputName]: ValueOfSpec<(typeof INPUTS)[K]> };
export type InputValue = InputValues[InputName];

// The values of three enum inputs, named for the code that reads them: derived, never restated.
export type Side = InputValues['laterality'];
export type Quadrant = InputValues['quadrant'];
export type HistologicType = InputValues['histologicType'];

export const INPUT_NAMES = Object.keys(INPUTS) as InputName[];

/** Inputs Nodal Risk computes itself; they cannot be entered or edited. */
export function isDerivedOnly(name: InputName): boolean {
  return (INPUTS[name] as InputSpec).derivedOnly === true;
}

/** Inputs that state a modelling assumption rather than a clinical fact (clinician-set only). */
export function isAssumption(name: InputName): boolean {
  return (INPUTS[name] as InputSpec & { assumption?: boolean }).assumption === true;
}

export function isInputName(name: string): name is InputName {
  return Object.prototype.hasOwnProperty.call(INPUTS, name);
}

/** Human-readable rendering of a value with its unit, e.g. "18 mm", "yes", "grade 2". */
export function formatInputValue(name: InputName, value: InputValue): string {
  const spec: InputSpec = INPUTS[name];
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (spec.type === 'number' || spec.type === 'integer') {
    const unit = spec.unit ? (spec.unit === '%' ? '%' : ` ${spec.unit}`) : '';
    return `${formatNumber(value as number)}${unit}`;
  }
  return String(value);
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}
