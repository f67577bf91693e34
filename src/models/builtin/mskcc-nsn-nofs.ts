// models.md §1b — the riskcalc.org refit of the MSKCC nomogram without frozen-section
// information (3-level method of detection, routine H&E as reference).
import type { ModelDefinition } from '../definition.ts';
import {
  ER_POSITIVE,
  MSKCC_NOTES,
  MSKCC_OUTCOME,
  MSKCC_PERFORMANCE,
  MSKCC_POPULATION,
  MSKCC_RANGES,
  MSKCC_REQUIREMENTS,
  VAN_ZEE_2003,
  typeAndGradeLevels,
} from './mskcc-shared.ts';

export const mskccNsnNoFrozenSection: ModelDefinition = {
  id: 'mskcc-nsn-nofs',
  title: 'MSKCC non-sentinel node nomogram — variant without frozen-section information (riskcalc.org)',
  kind: 'probability',
  outcome: MSKCC_OUTCOME,
  population: MSKCC_POPULATION,
  citations: [VAN_ZEE_2003],
  modelsMdSection: '§1b',
  performance: MSKCC_PERFORMANCE,
  notes: [...MSKCC_NOTES, 'Offered because the clinician stated that frozen-section information is unavailable.'],
  requirements: [
    {
      condition: { input: 'frozenSectionInfo', equals: 'unavailable' },
      reason: 'offered only when the clinician states that frozen-section information is unavailable',
      whenUnknown: 'not-applicable',
    },
    {
      condition: { not: { input: 'detectionMethod', equals: 'frozen-section' } },
      reason: 'the metastasis was seen on frozen section; this variant has no frozen-section category',
      whenUnknown: 'missing',
    },
    ...MSKCC_REQUIREMENTS,
  ],
  validatedRanges: MSKCC_RANGES,
  intercept: -1.9172939,
  terms: [
    {
      id: 'typeAndNuclearGrade',
      label: 'Tumour type and nuclear grade',
      type: 'levels',
      levels: typeAndGradeLevels(0.12956905, 0.44787713, 0.31607567),
    },
    { id: 'lvi', label: 'Lymphovascular invasion', type: 'indicator', when: { input: 'lvi', equals: true }, coefficient: 0.5339103 },
    { id: 'multifocal', label: 'Multifocal', type: 'indicator', when: { input: 'multifocal', equals: true }, coefficient: 0.46502525 },
    { id: 'erPositive', label: 'ER positive', type: 'indicator', when: ER_POSITIVE, coefficient: 0.32842313 },
    { id: 'sqrtNegativeSln', label: '√ negative sentinel nodes', type: 'numeric', input: 'slnNegative', transform: 'sqrt', coefficient: -0.51384939 },
    { id: 'positiveSln', label: 'Positive sentinel nodes', type: 'numeric', input: 'slnPositive', coefficient: 0.45134016 },
    { id: 'sizeCm', label: 'Pathological size', type: 'numeric', input: 'tumorSizeMm', scale: 0.1, unit: 'cm', coefficient: 0.2795463 },
    {
      id: 'detectionMethod',
      label: 'Method of detection',
      type: 'levels',
      levels: [
        { label: 'routine H&E (reference)', when: { input: 'detectionMethod', equals: 'routine-he' }, coefficient: 0 },
        { label: 'serial H&E', when: { input: 'detectionMethod', equals: 'serial-he' }, coefficient: -1.4013584 },
        { label: 'immunohistochemistry', when: { input: 'detectionMethod', equals: 'ihc' }, coefficient: -1.643732 },
      ],
    },
  ],
};
