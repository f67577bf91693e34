/**
 * Check vector A of docs/models.md "MSKCC nomogram (mskcc-nsn)" (size 2.0 cm, ductal nuclear grade 2, ER+, 1 positive and 1
 * negative sentinel node, no LVI, unifocal) as clinician inputs, without a detection method.
 */
export const VECTOR_A = {
  histologicType: 'ductal',
  nuclearGrade: 2,
  erStatus: 'positive',
  slnExamined: 2,
  slnPositive: 1,
  slnItcOnly: 0,
  lvi: false,
  multifocal: false,
  tumorSizeMm: 20,
} as const;
