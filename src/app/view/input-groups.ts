import type { InputName } from '../../domain/vocabulary.ts';

/** How the inputs table groups the vocabulary (every input appears exactly once). */
export const INPUT_GROUPS: { title: string; inputs: InputName[] }[] = [
  { title: 'Patient', inputs: ['ageYears', 'sex', 'menopausalStatus'] },
  {
    title: 'Tumour',
    inputs: [
      'laterality',
      'quadrant',
      'tumorSizeMm',
      'histologicType',
      'grade',
      'nuclearGrade',
      'lvi',
      'multifocal',
      'multicentric',
      'bilateralCancer',
      'erStatus',
      'prStatus',
      'her2Status',
      'ki67Percent',
    ],
  },
  {
    title: 'Sentinel nodes',
    inputs: [
      'slnExamined',
      'slnPositive',
      'slnItcOnly',
      'slnNegative',
      'slnMacroCount',
      'largestDepositMm',
      'nodalBurden',
      'detectionMethod',
      'frozenSectionInfo',
      'extranodalExtension',
    ],
  },
  {
    title: 'Clinical stage and treatment',
    inputs: [
      'clinicalT',
      'clinicalN',
      'axillaryUltrasoundSuspicious',
      'neoadjuvantTherapy',
      'breastSurgery',
      'wholeBreastRtPlanned',
      'regionalNodalRtPlanned',
    ],
  },
  { title: 'Model assumptions (what-if)', inputs: ['erLowPositiveAs', 'itcNodesAs'] },
];
