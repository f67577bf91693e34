// evaluateModel with explain: false (cohort validation) leaves the texts out and must give the
// same numbers, ranges and gaps as the full evaluation the faces show.
import { describe, expect, it } from 'vitest';
import { deriveFacts } from '../../src/domain/derive.ts';
import { factsFromPlainInputs } from '../../src/domain/validate.ts';
import { evaluateModel } from '../../src/models/engine.ts';
import { BUILTIN_MODELS } from '../../src/models/registry.ts';
import type { ModelResult } from '../../src/models/result.ts';
import { VECTOR_A } from '../helpers/vectors.ts';

const base = { ...VECTOR_A, neoadjuvantTherapy: false, clinicalN: 'cN0', clinicalT: 'cT1' };
const { detectionMethod: _d, ...noMethod } = { ...base, detectionMethod: undefined };
const { tumorSizeMm: _t, ...noSize } = { ...base, tumorSizeMm: undefined };

const CASES: Record<string, Record<string, unknown>> = {
  'all inputs, routine H&E': { ...base, detectionMethod: 'routine-he', nodalBurden: 'macro' },
  'detection method unknown (a range)': noMethod,
  'frozen section': { ...base, detectionMethod: 'frozen-section', nodalBurden: 'macro' },
  'micrometastasis (DBCG-micro)': {
    ...base,
    detectionMethod: 'ihc',
    nodalBurden: 'micro',
    largestDepositMm: 1.2,
    lvi: true,
  },
  'isolated tumour cells (DBCG-ITC)': { ...base, slnPositive: 0, slnItcOnly: 1, nodalBurden: 'itc' },
  'no positive sentinel node': { ...base, slnPositive: 0 },
  'tumour size missing': { ...noSize, detectionMethod: 'serial-he' },
  'clinically node-positive': { ...base, clinicalN: 'cN1', detectionMethod: 'routine-he' },
  'ultrasound suspicious, cT2': { ...base, clinicalT: 'cT2', axillaryUltrasoundSuspicious: true, slnPositive: 2 },
  'nothing known': {},
};

/** What a result says apart from its texts. */
function scores(r: ModelResult) {
  return {
    result: r.result,
    applicable: r.applicable,
    probability: 'probability' in r ? r.probability : undefined,
    linearPredictor: 'linearPredictor' in r ? r.linearPredictor : undefined,
    range: r.result === 'range' ? { ...r.range, display: r.display } : undefined,
    missing: 'missing' in r ? r.missing : undefined,
    conflicts: 'conflicts' in r ? r.conflicts : undefined,
    relativeOdds: 'relativeOdds' in r ? r.relativeOdds : undefined,
    calibrated: 'calibrated' in r ? r.calibrated?.probability : undefined,
    factors: 'factors' in r ? r.factors.map((f) => [f.id, f.status, f.oddsRatio]) : undefined,
    contributions: 'contributions' in r ? r.contributions.map((c) => [c.term, c.value]) : undefined,
  };
}

describe('scores only (explain: false)', () => {
  for (const [name, inputs] of Object.entries(CASES)) {
    it(`${name}: the same numbers and gaps for every model, no warnings`, () => {
      const facts = deriveFacts(factsFromPlainInputs(inputs));
      for (const model of BUILTIN_MODELS) {
        const full = evaluateModel(model, facts);
        const lean = evaluateModel(model, facts, { explain: false });
        expect(scores(lean), model.id).toEqual(scores(full));
        expect(lean.warnings, model.id).toEqual([]);
      }
    });
  }

  it('covers every kind of result the models give', () => {
    const kinds = new Set<string>();
    for (const inputs of Object.values(CASES)) {
      const facts = deriveFacts(factsFromPlainInputs(inputs));
      for (const model of BUILTIN_MODELS) kinds.add(evaluateModel(model, facts).result);
    }
    expect([...kinds].sort()).toEqual(
      ['not-applicable', 'not-computed', 'probability', 'range', 'relative-odds', 'risk-factors'].sort(),
    );
  });
});
