// models.md §1 — MSKCC additional non-sentinel node nomogram (Van Zee 2003), riskcalc.org form
// with frozen-section information (4-level method of detection, frozen section as reference).
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

export const mskccNsn: ModelDefinition = {
  id: 'mskcc-nsn',
  title: 'MSKCC non-sentinel node nomogram',
  kind: 'probability',
  outcome: MSKCC_OUTCOME,
  population: MSKCC_POPULATION,
  citations: [VAN_ZEE_2003],
  modelsMdSection: '§1',
  performance: MSKCC_PERFORMANCE,
  notes: MSKCC_NOTES,
  requirements: MSKCC_REQUIREMENTS,
  validatedRanges: MSKCC_RANGES,
  intercept: -1.6299934,
  terms: [
    {
      id: 'typeAndNuclearGrade',
      label: 'Tumour type and nuclear grade',
      type: 'levels',
      levels: typeAndGradeLevels(0.016638798, 0.25185701, 0.16006933),
    },
    { id: 'lvi', label: 'Lymphovascular invasion', type: 'indicator', when: { input: 'lvi', equals: true }, coefficient: 0.55069459 },
    { id: 'multifocal', label: 'Multifocal', type: 'indicator', when: { input: 'multifocal', equals: true }, coefficient: 0.38980159 },
    { id: 'erPositive', label: 'ER positive', type: 'indicator', when: ER_POSITIVE, coefficient: 0.42761534 },
    { id: 'sqrtNegativeSln', label: '√ negative sentinel nodes', type: 'numeric', input: 'slnNegative', transform: 'sqrt', coefficient: -0.53764351 },
    { id: 'positiveSln', label: 'Positive sentinel nodes', type: 'numeric', input: 'slnPositive', coefficient: 0.40448376 },
    { id: 'sizeCm', label: 'Pathological size', type: 'numeric', input: 'tumorSizeMm', scale: 0.1, unit: 'cm', coefficient: 0.28089088 },
    {
      id: 'detectionMethod',
      label: 'Method of detection',
      type: 'levels',
      levels: [
        { label: 'frozen section (reference)', when: { input: 'detectionMethod', equals: 'frozen-section' }, coefficient: 0 },
        { label: 'routine H&E', when: { input: 'detectionMethod', equals: 'routine-he' }, coefficient: -1.1318931 },
        { label: 'serial H&E', when: { input: 'detectionMethod', equals: 'serial-he' }, coefficient: -1.4713101 },
        { label: 'immunohistochemistry', when: { input: 'detectionMethod', equals: 'ihc' }, coefficient: -2.0534416 },
      ],
    },
  ],
};
