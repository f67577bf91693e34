// MSKCC additional non-sentinel node nomogram (Van Zee 2003), riskcalc.org form with
// frozen-section information (4-level method of detection, frozen section as reference). Used when
// the record states a frozen-section result on the sentinel node.
import type { ModelDefinition } from '../definition.ts';
import {
  MSKCC_NOTES,
  MSKCC_OUTCOME,
  MSKCC_PERFORMANCE,
  MSKCC_POPULATION,
  MSKCC_RANGES,
  MSKCC_RANGE_OVER,
  FROZEN_SECTION_FORM,
  MSKCC_REQUIREMENTS,
  VAN_ZEE_2003,
  mskccTerms,
} from './mskcc-shared.ts';

export const mskccNsn: ModelDefinition = {
  id: 'mskcc-nsn',
  title: 'MSKCC non-sentinel node nomogram',
  shortTitle: 'MSKCC',
  kind: 'probability',
  outcome: MSKCC_OUTCOME,
  population: MSKCC_POPULATION,
  citations: [VAN_ZEE_2003],
  docsSection: 'MSKCC nomogram (mskcc-nsn)',
  performance: MSKCC_PERFORMANCE,
  notes: MSKCC_NOTES,
  requirements: [FROZEN_SECTION_FORM, ...MSKCC_REQUIREMENTS],
  acceptedRanges: MSKCC_RANGES,
  rangeOver: MSKCC_RANGE_OVER,
  intercept: -1.6299934,
  terms: mskccTerms({
    ductalNg2: 0.016638798,
    ductalNg3: 0.25185701,
    lobular: 0.16006933,
    lvi: 0.55069459,
    multifocal: 0.38980159,
    erPositive: 0.42761534,
    sqrtNegativeSln: -0.53764351,
    positiveSln: 0.40448376,
    sizeCm: 0.28089088,
    method: [
      ['frozen-section', 0],
      ['routine-he', -1.1318931],
      ['serial-he', -1.4713101],
      ['ihc', -2.0534416],
    ],
  }),
};
