// The riskcalc.org refit of the MSKCC nomogram without frozen-section information (3-level
// method of detection, routine H&E as reference): used when the record states no frozen section
// on the sentinel node or says nothing about one.
import type { ModelDefinition } from '../definition.ts';
import {
  MSKCC_NOTES,
  MSKCC_OUTCOME,
  MSKCC_PERFORMANCE,
  MSKCC_POPULATION,
  MSKCC_RANGES,
  MSKCC_RANGE_OVER,
  MSKCC_REQUIREMENTS,
  NO_FROZEN_SECTION_FORM,
  VAN_ZEE_2003,
  mskccTerms,
} from './mskcc-shared.ts';

export const mskccNsnNoFrozenSection: ModelDefinition = {
  id: 'mskcc-nsn-nofs',
  title: 'MSKCC non-sentinel node nomogram — form without frozen-section information (riskcalc.org)',
  shortTitle: 'MSKCC without frozen section',
  kind: 'probability',
  outcome: MSKCC_OUTCOME,
  population: MSKCC_POPULATION,
  citations: [VAN_ZEE_2003],
  docsSection: 'MSKCC form without frozen-section information (mskcc-nsn-nofs)',
  performance: MSKCC_PERFORMANCE,
  notes: [
    ...MSKCC_NOTES,
    'The form the calculator offers when the record states no frozen section was done or says nothing about one.',
  ],
  requirements: [
    NO_FROZEN_SECTION_FORM,
    {
      condition: { not: { input: 'detectionMethod', equals: 'frozen-section' } },
      reason: 'the metastasis was seen on frozen section; this form has no frozen-section category',
      whenUnknown: 'missing',
    },
    ...MSKCC_REQUIREMENTS,
  ],
  acceptedRanges: MSKCC_RANGES,
  rangeOver: MSKCC_RANGE_OVER,
  intercept: -1.9172939,
  terms: mskccTerms({
    ductalNg2: 0.12956905,
    ductalNg3: 0.44787713,
    lobular: 0.31607567,
    lvi: 0.5339103,
    multifocal: 0.46502525,
    erPositive: 0.32842313,
    sqrtNegativeSln: -0.51384939,
    positiveSln: 0.45134016,
    sizeCm: 0.2795463,
    method: [
      ['routine-he', 0],
      ['serial-he', -1.4013584],
      ['ihc', -1.643732],
    ],
  }),
};
