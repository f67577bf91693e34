// Check vectors of docs/models.md (MSKCC sections). Expected percentages are literals: the 2-decimal values
// listed in docs/models.md, and 6-decimal values computed independently from the same equation
// (outside this code base) so the port can be held to 1e-4 percentage points.
import { describe, expect, it } from 'vitest';
import { formatProbability } from '../../src/models/display.ts';
import { expectVariant, resultFor } from '../helpers/facts.ts';
import { VECTOR_A } from '../helpers/vectors.ts';

// The frozen-section form applies when the record states a frozen-section result on the sentinel node.
const vectorA = { ...VECTOR_A, neoadjuvantTherapy: false, clinicalN: 'cN0', frozenSectionInfo: 'available' };

function percent(modelId: string, inputs: Record<string, unknown>): number {
  return expectVariant(resultFor(modelId, inputs), 'probability').probability * 100;
}

describe('mskcc-nsn check vectors (docs/models.md "MSKCC nomogram (mskcc-nsn)")', () => {
  const cases: [string, Record<string, unknown>, number, number][] = [
    ['A frozen', { ...vectorA, detectionMethod: 'frozen-section' }, 31.93, 31.927247],
    ['A routine', { ...vectorA, detectionMethod: 'routine-he' }, 13.14, 13.135735],
    ['A serial', { ...vectorA, detectionMethod: 'serial-he' }, 9.72, 9.722659],
    ['A IHC', { ...vectorA, detectionMethod: 'ihc' }, 5.68, 5.675626],
    [
      'E: ductal NG3, LVI, multifocal, ER−, 0 neg, 2 pos, 3.5 cm, frozen',
      {
        histologicType: 'ductal',
        nuclearGrade: 3,
        lvi: true,
        multifocal: true,
        erStatus: 'negative',
        slnExamined: 2,
        slnPositive: 2,
        slnItcOnly: 0,
        tumorSizeMm: 35,
        detectionMethod: 'frozen-section',
        frozenSectionInfo: 'available',
      },
      79.49,
      79.485544,
    ],
    [
      'F: ductal NG1, ER+, 3 neg, 1 pos, 0.8 cm, IHC',
      {
        histologicType: 'ductal',
        nuclearGrade: 1,
        lvi: false,
        multifocal: false,
        erStatus: 'positive',
        slnExamined: 4,
        slnPositive: 1,
        slnItcOnly: 0,
        tumorSizeMm: 8,
        detectionMethod: 'ihc',
        frozenSectionInfo: 'available',
      },
      2.77,
      2.771031,
    ],
    [
      'G: lobular, LVI, ER+, 0 neg, 1 pos, 1.5 cm, routine',
      {
        histologicType: 'lobular',
        lvi: true,
        multifocal: false,
        erStatus: 'positive',
        slnExamined: 1,
        slnPositive: 1,
        slnItcOnly: 0,
        tumorSizeMm: 15,
        detectionMethod: 'routine-he',
        frozenSectionInfo: 'available',
      },
      31.05,
      31.052048,
    ],
  ];
  for (const [name, inputs, published, precise] of cases) {
    it(name, () => {
      const p = percent('mskcc-nsn', inputs);
      expect(Math.abs(p - published)).toBeLessThan(0.005);
      expect(Math.abs(p - precise)).toBeLessThan(1e-4);
    });
  }

  it('lobular tumours need no nuclear grade', () => {
    const r = expectVariant(
      resultFor('mskcc-nsn', {
        histologicType: 'lobular',
        lvi: true,
        multifocal: false,
        erStatus: 'positive',
        slnExamined: 1,
        slnPositive: 1,
        slnItcOnly: 0,
        tumorSizeMm: 15,
        detectionMethod: 'routine-he',
        frozenSectionInfo: 'available',
      }),
      'probability',
    );
    expect(r.contributions.find((c) => c.term === 'typeAndNuclearGrade')?.value).toBe(0.16006933);
  });

  it('low-positive ER counted as ER positive (a chosen assumption) gives the ER-positive value', () => {
    expect(
      percent('mskcc-nsn', {
        ...vectorA,
        erStatus: 'low-positive',
        erLowPositiveAs: 'positive',
        detectionMethod: 'frozen-section',
      }),
    ).toBeCloseTo(31.927247, 4);
  });

  it('reports per-term contributions that add up to the linear predictor', () => {
    const r = expectVariant(resultFor('mskcc-nsn', { ...vectorA, detectionMethod: 'frozen-section' }), 'probability');
    const lp = -1.6299934 + r.contributions.reduce((s, c) => s + c.value, 0);
    expect(lp).toBeCloseTo(-0.757117, 5);
    expect(r.contributions.find((c) => c.term === 'sizeCm')?.value).toBeCloseTo(0.56178176, 8);
    expect(r.contributions.find((c) => c.term === 'sqrtNegativeSln')?.value).toBeCloseTo(-0.53764351, 8);
    expect(r.contributions.find((c) => c.term === 'lvi')?.value).toBe(0);
  });
});

describe('mskcc-nsn display like the calculator', () => {
  it('shows whole percent', () => {
    expect(
      expectVariant(resultFor('mskcc-nsn', { ...vectorA, detectionMethod: 'frozen-section' }), 'probability').display,
    ).toBe('32%');
    expect(expectVariant(resultFor('mskcc-nsn', { ...vectorA, detectionMethod: 'ihc' }), 'probability').display).toBe(
      '6%',
    );
  });
  it('H: 99.53% shows ">99%" (and warns: 7 positive is in range, 9 cm is in range)', () => {
    const r = expectVariant(
      resultFor('mskcc-nsn', {
        histologicType: 'ductal',
        nuclearGrade: 3,
        lvi: true,
        multifocal: true,
        erStatus: 'positive',
        slnExamined: 7,
        slnPositive: 7,
        slnItcOnly: 0,
        tumorSizeMm: 90,
        detectionMethod: 'frozen-section',
      }),
      'probability',
    );
    expect(r.probability * 100).toBeCloseTo(99.527137, 4);
    expect(r.display).toBe('>99%');
  });
  it('I: 0.52% rounds to "1%" exactly as riskcalc.org does (R round), and 14 negative nodes is in range', () => {
    const inputs = {
      histologicType: 'ductal',
      nuclearGrade: 1,
      lvi: false,
      multifocal: false,
      erStatus: 'negative',
      slnExamined: 15,
      slnPositive: 1,
      slnItcOnly: 0,
      tumorSizeMm: 1,
      detectionMethod: 'ihc',
      frozenSectionInfo: 'available',
    };
    const r = expectVariant(resultFor('mskcc-nsn', inputs), 'probability');
    expect(r.probability * 100).toBeCloseTo(0.515541, 4);
    expect(r.display).toBe('1%');
    expect(r.warnings.filter((w) => w.includes('outside the range'))).toEqual([]);
  });
  it('shows "<1%" below 0.5% (unreachable inside the accepted ranges: vector I is the minimum)', () => {
    expect(formatProbability(0.00499)).toBe('<1%');
    expect(formatProbability(0.995)).toBe('>99%');
  });
});

describe('mskcc-nsn ranges, applicability, missing inputs', () => {
  it('shows no percentage outside the ranges the calculator accepts, saying which', () => {
    const reason = (inputs: Record<string, unknown>) =>
      expectVariant(
        resultFor('mskcc-nsn', { ...vectorA, detectionMethod: 'frozen-section', ...inputs }),
        'not-applicable',
      ).reason;
    expect(reason({ slnExamined: 16 })).toBe(
      'outside the range the nomogram accepts: negative sentinel nodes 0–14, here 15',
    );
    expect(reason({ slnExamined: 9, slnPositive: 8 })).toBe(
      'outside the range the nomogram accepts: positive sentinel nodes 1–7, here 8',
    );
    expect(reason({ tumorSizeMm: 95 })).toBe(
      'outside the range the nomogram accepts: pathological size 0.1–9 cm, here 95 mm',
    );
    expect(reason({ tumorSizeMm: 0.5 })).toBe(
      'outside the range the nomogram accepts: pathological size 0.1–9 cm, here 0.5 mm',
    );
    // The limits themselves are accepted.
    expect(
      resultFor('mskcc-nsn', {
        ...vectorA,
        detectionMethod: 'frozen-section',
        slnExamined: 21,
        slnPositive: 7,
        tumorSizeMm: 90,
      }).result,
    ).toBe('probability');
    expect(
      resultFor('mskcc-nsn-nofs', {
        ...vectorA,
        frozenSectionInfo: 'unavailable',
        detectionMethod: 'ihc',
        slnPositive: 8,
        slnExamined: 8,
      }).result,
    ).toBe('not-applicable');
  });
  it('is not applicable after neoadjuvant therapy', () => {
    const r = expectVariant(
      resultFor('mskcc-nsn', { ...vectorA, detectionMethod: 'frozen-section', neoadjuvantTherapy: true }),
      'not-applicable',
    );
    expect(r.reason).toMatch(/systemic therapy was given before surgery/);
  });
  it('is not applicable with clinically involved nodes', () => {
    const r = expectVariant(
      resultFor('mskcc-nsn', { ...vectorA, detectionMethod: 'frozen-section', clinicalN: 'cN1' }),
      'not-applicable',
    );
    expect(r.reason).toBe(
      'clinically involved axillary nodes (cN1); the nomogram is for clinically node-negative patients',
    );
  });
  it('is not applicable without a positive sentinel node (ITC only)', () => {
    const r = expectVariant(
      resultFor('mskcc-nsn', { ...vectorA, detectionMethod: 'ihc', slnPositive: 0, slnItcOnly: 1 }),
      'not-applicable',
    );
    expect(r.reason).toMatch(/no positive sentinel node/);
  });
  it('is not applicable to mixed or other histology, saying which', () => {
    const r = expectVariant(
      resultFor('mskcc-nsn', { ...vectorA, detectionMethod: 'frozen-section', histologicType: 'mixed' }),
      'not-applicable',
    );
    expect(r.reason).toBe('histologic type is mixed; the nomogram covers ductal and lobular carcinoma only');
  });
  it('warns, without refusing, when neoadjuvant therapy and clinical N are not recorded', () => {
    const { neoadjuvantTherapy: _n, clinicalN: _c, ...rest } = vectorA;
    const r = expectVariant(resultFor('mskcc-nsn', { ...rest, detectionMethod: 'frozen-section' }), 'probability');
    expect(r.warnings).toEqual([
      'Systemic therapy before surgery is not recorded; the nomogram does not apply if it was given.',
      'Clinical nodal status is not recorded; the nomogram does not apply to palpable (cN+) nodes.',
    ]);
  });
  it('computes nothing while a count is missing, naming only what blocks a number or a range', () => {
    const { nuclearGrade: _g, lvi: _l, slnItcOnly: _i, ...rest } = vectorA;
    const r = expectVariant(resultFor('mskcc-nsn', rest), 'not-computed');
    expect(r.missing).toEqual(['slnItcOnly']);
  });
  it('never uses histologic grade in place of nuclear grade', () => {
    const { nuclearGrade: _g, ...rest } = vectorA;
    const r = expectVariant(resultFor('mskcc-nsn', { ...rest, grade: 2, detectionMethod: 'frozen-section' }), 'range');
    expect(r.range.over).toEqual(['nuclearGrade']);
    expect(r.range.values.map((v) => v.assignment.nuclearGrade)).toEqual([1, 2, 3]);
  });
});

describe('mskcc-nsn-nofs (docs/models.md "MSKCC form without frozen-section information")', () => {
  const nofs = { ...vectorA, frozenSectionInfo: 'unavailable' };
  it('reproduces the §1b check vector and the derived ones', () => {
    const cases: [Record<string, unknown>, number][] = [
      [{ ...nofs, detectionMethod: 'routine-he' }, 27.633427],
      [{ ...nofs, detectionMethod: 'serial-he' }, 8.595336],
      [{ ...nofs, detectionMethod: 'ihc' }, 6.872444],
    ];
    for (const [inputs, expected] of cases)
      expect(Math.abs(percent('mskcc-nsn-nofs', inputs) - expected)).toBeLessThan(1e-4);
    expect(Math.abs(percent('mskcc-nsn-nofs', { ...nofs, detectionMethod: 'routine-he' }) - 27.63)).toBeLessThan(0.005);
  });
  it('is not used when the record states a frozen-section result', () => {
    const r = expectVariant(
      resultFor('mskcc-nsn-nofs', { ...vectorA, detectionMethod: 'routine-he' }),
      'not-applicable',
    );
    expect(r.reason).toBe(
      "the record states a frozen-section result on the sentinel node; the calculator's frozen-section form is used",
    );
  });
  it('has no frozen-section category', () => {
    const r = expectVariant(
      resultFor('mskcc-nsn-nofs', { ...nofs, detectionMethod: 'frozen-section' }),
      'not-applicable',
    );
    expect(r.reason).toMatch(/no frozen-section category/);
  });
  it('applies the same population rules', () => {
    expect(resultFor('mskcc-nsn-nofs', { ...nofs, detectionMethod: 'ihc', neoadjuvantTherapy: true }).applicable).toBe(
      false,
    );
  });
});
