// Ranges over categorical unknowns: the bounds equal the extremes over every consistent value, a
// chosen value narrows the range to one number, numbers are never ranged, and one MSKCC form per
// patient. Expected probabilities come from direct evaluation with every input given, or from the
// check vectors (riskcalc.org equations, computed outside this code base).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INPUTS, type InputName, type InputValue } from '../../src/domain/vocabulary.ts';
import { RANGE_VALUES_CAP } from '../../src/models/range.ts';
import type { ModelResult } from '../../src/models/result.ts';
import { expectVariant, resultFor } from '../helpers/facts.ts';
import { VECTOR_A } from '../helpers/vectors.ts';

const vectorA = { ...VECTOR_A, neoadjuvantTherapy: false, clinicalN: 'cN0' };
const { detectionMethod: _d, ...noMethod } = { ...vectorA, detectionMethod: undefined };

/** Every value of the inputs, as the vocabulary lists them, with the grade-3 rule stated here on its own. */
function allAssignments(over: InputName[], grade: unknown): Record<string, InputValue>[] {
  let out: Record<string, InputValue>[] = [{}];
  for (const name of over) {
    const spec = INPUTS[name] as { type: string; values?: readonly InputValue[] };
    const values = spec.type === 'boolean' ? [true, false] : (spec.values ?? []);
    out = out.flatMap((a) => values.map((v) => ({ ...a, [name]: v })));
  }
  return out.filter((a) => !(grade === 3 && a.nuclearGrade === 1));
}

/** The probability with every ranged input given, or null when that assignment does not apply. */
function direct(modelId: string, inputs: Record<string, unknown>): number | null {
  const r = resultFor(modelId, inputs);
  return r.result === 'probability' ? r.probability : null;
}

describe('the range of the form without frozen-section information (detection method unknown)', () => {
  const r = expectVariant(resultFor('mskcc-nsn-nofs', noMethod), 'range');

  it('runs over the three methods of that form, with the check-vector values', () => {
    expect(r.range.over).toEqual(['detectionMethod']);
    expect(r.range.values.map((v) => [v.assignment.detectionMethod, Number((v.probability * 100).toFixed(6))])).toEqual(
      [
        ['routine-he', 27.633427],
        ['serial-he', 8.595336],
        ['ihc', 6.872444],
      ],
    );
    expect(r.range.low * 100).toBeCloseTo(6.872444, 5);
    expect(r.range.high * 100).toBeCloseTo(27.633427, 5);
    expect(r.range.capped).toBe(false);
    expect(r.display).toBe('7–28%');
    expect('probability' in r).toBe(false);
  });

  it('narrows to one number once the method is chosen (what-if)', () => {
    const chosen = expectVariant(
      resultFor('mskcc-nsn-nofs', { ...noMethod, detectionMethod: 'serial-he' }),
      'probability',
    );
    expect(chosen.probability * 100).toBeCloseTo(8.595336, 5);
    expect('range' in chosen).toBe(false);
  });
});

describe('values a range runs over', () => {
  it('Nottingham grade 3 rules out nuclear score 1', () => {
    const { nuclearGrade: _g, ...rest } = noMethod;
    const r = expectVariant(resultFor('mskcc-nsn-nofs', { ...rest, grade: 3, detectionMethod: 'routine-he' }), 'range');
    expect(r.range.values.map((v) => v.assignment.nuclearGrade)).toEqual([2, 3]);
    const g2 = expectVariant(
      resultFor('mskcc-nsn-nofs', { ...rest, grade: 2, detectionMethod: 'routine-he' }),
      'range',
    );
    expect(g2.range.values.map((v) => v.assignment.nuclearGrade)).toEqual([1, 2, 3]);
  });

  it('ER low-positive: both assumptions, each equal to the ER-positive and ER-negative values', () => {
    const r = expectVariant(
      resultFor('mskcc-nsn-nofs', { ...vectorA, erStatus: 'low-positive', detectionMethod: 'routine-he' }),
      'range',
    );
    expect(r.range.over).toEqual(['erLowPositiveAs']);
    const [asPositive, asNegative] = r.range.values;
    expect(asPositive?.probability).toBeCloseTo(
      direct('mskcc-nsn-nofs', { ...vectorA, detectionMethod: 'routine-he' }) as number,
      12,
    );
    expect(asNegative?.probability).toBeCloseTo(
      direct('mskcc-nsn-nofs', { ...vectorA, erStatus: 'negative', detectionMethod: 'routine-he' }) as number,
      12,
    );
  });

  it('ITC-only nodes: left out, counted as negative, counted as positive — each equal to the plain counts', () => {
    const withItc = { ...vectorA, slnExamined: 3, slnItcOnly: 1, detectionMethod: 'routine-he' };
    const r = expectVariant(resultFor('mskcc-nsn-nofs', withItc), 'range');
    expect(r.range.over).toEqual(['itcNodesAs']);
    const byChoice = Object.fromEntries(r.range.values.map((v) => [v.assignment.itcNodesAs, v.probability]));
    const plain = (examined: number, positive: number) =>
      direct('mskcc-nsn-nofs', {
        ...vectorA,
        slnExamined: examined,
        slnPositive: positive,
        slnItcOnly: 0,
        detectionMethod: 'routine-he',
      });
    expect(byChoice['left-out']).toBeCloseTo(plain(2, 1) as number, 12); // n− 1, n+ 1
    expect(byChoice.negative).toBeCloseTo(plain(3, 1) as number, 12); // n− 2, n+ 1
    expect(byChoice.positive).toBeCloseTo(plain(3, 2) as number, 12); // n− 1, n+ 2
    // Without ITC-only nodes the assumption does not matter and is not asked.
    expect(resultFor('mskcc-nsn-nofs', { ...vectorA, detectionMethod: 'routine-he' }).result).toBe('probability');
  });

  it('numeric unknowns are never ranged', () => {
    const { tumorSizeMm: _s, ...rest } = noMethod;
    const r = expectVariant(resultFor('mskcc-nsn-nofs', rest), 'not-computed');
    expect(r.missing).toEqual(['tumorSizeMm']);
  });

  it('caps the listed values, never the bounds', () => {
    const { nuclearGrade: _g, lvi: _l, multifocal: _m, ...rest } = noMethod;
    const inputs = { ...rest, erStatus: 'low-positive', slnExamined: 3, slnItcOnly: 1, frozenSectionInfo: 'available' };
    const r = expectVariant(resultFor('mskcc-nsn', inputs), 'range');
    expect(r.range.over.sort()).toEqual([
      'detectionMethod',
      'erLowPositiveAs',
      'itcNodesAs',
      'lvi',
      'multifocal',
      'nuclearGrade',
    ]);
    expect(r.range.values).toHaveLength(RANGE_VALUES_CAP);
    expect(r.range.capped).toBe(true);
    const all = allAssignments(r.range.over, undefined).map((a) => direct('mskcc-nsn', { ...inputs, ...a }) as number);
    expect(all).toHaveLength(4 * 3 * 2 * 2 * 2 * 3);
    expect(r.range.low).toBeCloseTo(Math.min(...all), 12);
    expect(r.range.high).toBeCloseTo(Math.max(...all), 12);
  });
});

// Random patients with random unknowns: the range's bounds are the min and max of the model over
// every consistent assignment, each listed value is the model with that assignment given, and a
// chosen assignment narrows the result to that one number.
describe('range bounds (property)', () => {
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const patient = fc.record({
    histologicType: fc.constantFrom('ductal', 'lobular'),
    grade: maybe(fc.constantFrom(1, 2, 3)),
    nuclearGrade: maybe(fc.constantFrom(1, 2, 3)),
    lvi: maybe(fc.boolean()),
    multifocal: maybe(fc.boolean()),
    erStatus: fc.constantFrom('positive', 'low-positive', 'negative'),
    slnPositive: fc.integer({ min: 1, max: 4 }),
    slnNegative: fc.integer({ min: 0, max: 6 }),
    slnItcOnly: fc.integer({ min: 0, max: 2 }),
    tumorSizeMm: fc.integer({ min: 1, max: 90 }),
    detectionMethod: maybe(fc.constantFrom('frozen-section', 'routine-he', 'serial-he', 'ihc')),
    frozenSectionInfo: maybe(fc.constantFrom('available', 'unavailable')),
  });

  it('low/high equal the extremes over the enumerated assignments', () => {
    fc.assert(
      fc.property(patient, (p) => {
        if (p.grade === 3 && p.nuclearGrade === 1) return; // an inconsistent record, not a test case
        const { slnNegative, ...rest } = p;
        const inputs = Object.fromEntries(
          Object.entries({ ...rest, slnExamined: p.slnPositive + slnNegative + p.slnItcOnly }).filter(
            ([, v]) => v !== undefined,
          ),
        );
        const forms = ['mskcc-nsn', 'mskcc-nsn-nofs'].map((id) => resultFor(id, inputs));
        const used = forms.filter((r) => r.result !== 'not-applicable');
        expect(used.length).toBeLessThanOrEqual(1);
        const r = used[0] as ModelResult | undefined;
        if (r?.result !== 'range') return;
        const values = allAssignments(r.range.over, p.grade)
          .map((a) => ({ a, p: direct(r.id, { ...inputs, ...a }) }))
          .filter((x): x is { a: Record<string, InputValue>; p: number } => x.p !== null);
        const ps = values.map((x) => x.p);
        expect(r.range.low).toBeCloseTo(Math.min(...ps), 12);
        expect(r.range.high).toBeCloseTo(Math.max(...ps), 12);
        expect(r.range.values.length).toBe(Math.min(values.length, RANGE_VALUES_CAP));
        for (const v of r.range.values)
          expect(v.probability).toBeCloseTo(direct(r.id, { ...inputs, ...v.assignment }) as number, 12);
      }),
      { numRuns: 60 },
    );
  });
});

describe('one MSKCC form per patient', () => {
  const used = (inputs: Record<string, unknown>) =>
    ['mskcc-nsn', 'mskcc-nsn-nofs'].filter((id) => resultFor(id, inputs).result !== 'not-applicable');

  it('nothing said about a frozen section → the form without it', () => {
    expect(used(noMethod)).toEqual(['mskcc-nsn-nofs']);
    expect(expectVariant(resultFor('mskcc-nsn', noMethod), 'not-applicable').reason).toBe(
      "the record states no frozen-section result on the sentinel node; the calculator's form without frozen-section information is used",
    );
  });
  it('a frozen-section result on the sentinel node → the frozen-section form, over four methods', () => {
    expect(used({ ...noMethod, frozenSectionInfo: 'available' })).toEqual(['mskcc-nsn']);
    const r = expectVariant(resultFor('mskcc-nsn', { ...noMethod, frozenSectionInfo: 'available' }), 'range');
    expect(r.range.values.map((v) => Number((v.probability * 100).toFixed(2)))).toEqual([31.93, 13.14, 9.72, 5.68]);
    expect(r.display).toBe('6–32%');
  });
  it('a metastasis seen on frozen section states a frozen-section result', () => {
    expect(used({ ...noMethod, detectionMethod: 'frozen-section' })).toEqual(['mskcc-nsn']);
  });
  it('stated unavailable → the form without it; it has no frozen-section method', () => {
    expect(used({ ...noMethod, frozenSectionInfo: 'unavailable' })).toEqual(['mskcc-nsn-nofs']);
    const r = expectVariant(resultFor('mskcc-nsn-nofs', { ...noMethod, frozenSectionInfo: 'unavailable' }), 'range');
    expect(r.range.values.map((v) => v.assignment.detectionMethod)).toEqual(['routine-he', 'serial-he', 'ihc']);
  });
});

describe('population', () => {
  it('male patients are outside the calculator (for women); DBCG and Sun Yat-sen only carry a caveat', () => {
    for (const id of ['mskcc-nsn', 'mskcc-nsn-nofs']) {
      expect(expectVariant(resultFor(id, { ...noMethod, sex: 'male' }), 'not-applicable').reason).toMatch(
        /for women .* male, outside its population/,
      );
    }
    // What-if only: the value anyway, labelled outside the population, never as the result.
    const male = expectVariant(resultFor('mskcc-nsn-nofs', { ...noMethod, sex: 'male' }), 'not-applicable');
    const anyway = male.outsidePopulation;
    expect(anyway?.result).toBe('range');
    expect(anyway?.display).toBe('7–28%');
    expect(anyway?.warnings[0]).toMatch(/^Outside the model's population: the calculator is for women/);
    expect(expectVariant(resultFor('mskcc-nsn-nofs', { ...noMethod, sex: 'female' }), 'range').display).toBe('7–28%');
    const sysu = resultFor('sysu-pn2', { ...vectorA, sex: 'male', nodalBurden: 'macro' });
    expect(sysu.result).toBe('relative-odds');
    expect(sysu.warnings).toContain("The cohort's sex is not published; this patient is male.");
    const dbcg = resultFor('dbcg-micro', { ...vectorA, sex: 'male', nodalBurden: 'micro' });
    expect(dbcg.result).toBe('risk-factors');
    expect(dbcg.warnings).toContain("The cohort's sex is not published; this patient is male.");
    expect(resultFor('sysu-pn2', { ...vectorA, sex: 'female', nodalBurden: 'macro' }).warnings.join(' ')).not.toContain(
      'male',
    );
  });
});
