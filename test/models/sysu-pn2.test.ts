// docs/models.md "Sun Yat-sen nomogram (sysu-pn2)": relative odds as the product of codable odds ratios; uncodable factors shown and
// left out; observed rates beside it; population rules.
import { describe, expect, it } from 'vitest';
import { expectVariant, resultFor } from '../helpers/facts.ts';

const base = {
  clinicalT: 'cT1',
  clinicalN: 'cN0',
  neoadjuvantTherapy: false,
  slnExamined: 3,
  slnPositive: 2,
  slnItcOnly: 0,
  nodalBurden: 'macro',
  lvi: false,
  axillaryUltrasoundSuspicious: false,
  tumorSizeMm: 22,
};

describe('sysu-pn2', () => {
  it('macrometastasis + two positive nodes → 9.15 × 6.59 ≈ 60.3 (docs/models.md example)', () => {
    const r = expectVariant(resultFor('sysu-pn2', base), 'relative-odds');
    expect(r.relativeOdds).toBeCloseTo(60.2985, 4);
    expect(r.calibrated).toBeUndefined();
    expect(r.contributions.map((c) => c.term)).toEqual(['macrometastasis', 'twoPositive']);
    expect(r.observedRates[0]).toEqual({
      label: '2 positive sentinel nodes',
      outcome: 'four or more axillary nodes involved (pN2–3) at completion dissection',
      events: 80,
      total: 222,
      rate: 80 / 222,
      source: 'ASCO abstract e12606',
    });
  });

  it('multiplies every present factor', () => {
    const r = expectVariant(
      resultFor('sysu-pn2', { ...base, lvi: true, axillaryUltrasoundSuspicious: true, slnPositive: 1, slnExamined: 2 }),
      'relative-odds',
    );
    expect(r.relativeOdds).toBeCloseTo(9.15 * 2.27 * 1.93, 6);
    expect(r.observedRates[0]?.events).toBe(47);
    expect(r.observedRates[0]?.total).toBe(511);
  });

  it('reference patient (micrometastasis, one node, no other factor) has relative odds 1', () => {
    const r = expectVariant(
      resultFor('sysu-pn2', { ...base, nodalBurden: 'micro', slnPositive: 1, slnExamined: 2 }),
      'relative-odds',
    );
    expect(r.relativeOdds).toBe(1);
  });

  it('shows the two uncodable factors with raw values and says they are left out', () => {
    const r = expectVariant(resultFor('sysu-pn2', base), 'relative-odds');
    const larger = r.factors?.find((f) => f.id === 'largerTumour');
    expect(larger).toMatchObject({ status: 'not-coded', oddsRatio: 2.07, ci95: [1.15, 3.73] });
    expect(larger?.note).toBe('the size cut-off is not published; value shown, left out of the product');
    expect(larger?.patientValue).toBe('Pathologic tumour size: 22 mm; Clinical T: cT1');
    expect(r.factors?.find((f) => f.id === 'fewerNegative')).toMatchObject({
      status: 'not-coded',
      oddsRatio: 1.54,
      patientValue: 'Sentinel nodes negative: 1',
    });
    expect(r.warnings).toEqual([
      'Left out of the relative odds because their coding is not published: Larger tumour size; Fewer negative sentinel nodes (per node less)',
    ]);
  });

  it('shows other sourced observed rates only for the population they were observed in', () => {
    const oneMacro = expectVariant(resultFor('sysu-pn2', { ...base, slnPositive: 1, slnExamined: 2 }), 'relative-odds');
    expect(oneMacro.observedRates.map((r) => [r.label, r.outcome, Math.round(r.rate * 1000) / 10])).toEqual([
      ['1 positive sentinel node', 'four or more axillary nodes involved (pN2–3) at completion dissection', 9.2],
      ['1 positive sentinel node with a macrometastasis', 'four or more involved nodes (pN2–3)', 10],
      ['1 positive sentinel node with a macrometastasis', 'further nodal metastases', 30],
      ['sentinel macrometastases', 'a positive non-sentinel node', 23.9],
    ]);
    // After a micrometastasis the SENOMAC macrometastasis figures are not shown.
    const oneMicro = expectVariant(
      resultFor('sysu-pn2', { ...base, nodalBurden: 'micro', slnPositive: 1, slnExamined: 2 }),
      'relative-odds',
    );
    expect(oneMicro.observedRates.map((r) => [r.events, r.total])).toEqual([
      [47, 511],
      [13, 137],
    ]);
  });

  it('computes nothing when a codable factor is unknown', () => {
    const { axillaryUltrasoundSuspicious: _u, ...rest } = base;
    const r = expectVariant(resultFor('sysu-pn2', rest), 'relative-odds');
    expect(r.missing).toEqual(['axillaryUltrasoundSuspicious']);
    expect(r.relativeOdds).toBeNull();
    expect(r.observedRates[0]?.events).toBe(80);
  });

  it('population: 1–2 positive sentinel nodes, cT1–2, cN0, no neoadjuvant therapy', () => {
    expect(
      expectVariant(resultFor('sysu-pn2', { ...base, slnPositive: 3, slnExamined: 4 }), 'not-applicable').reason,
    ).toBe('applies to 1–2 positive sentinel nodes (here: 3)');
    expect(expectVariant(resultFor('sysu-pn2', { ...base, clinicalT: 'cT3' }), 'not-applicable').reason).toBe(
      'applies to cT1–2 tumours (here: cT3)',
    );
    expect(resultFor('sysu-pn2', { ...base, clinicalN: 'cN1' }).applicable).toBe(false);
    expect(resultFor('sysu-pn2', { ...base, neoadjuvantTherapy: true }).applicable).toBe(false);
    const { clinicalT: _t, ...noT } = base;
    const r = resultFor('sysu-pn2', noT);
    expect(r.applicable).toBe(true);
    expect(r.warnings[0]).toBe('Clinical T category is not recorded; the model was built in cT1–2 tumours.');
  });
});

describe('sysu-pn2 with conflicting population data', () => {
  it('computes but warns that sources disagree on the clinical T category', async () => {
    const { emptyFacts, present } = await import('../../src/domain/facts.ts');
    const { deriveFacts } = await import('../../src/domain/derive.ts');
    const { evaluateModel } = await import('../../src/models/engine.ts');
    const { sysuPn2 } = await import('../../src/models/builtin/sysu-pn2.ts');
    const facts = emptyFacts();
    const s = [{ reference: 'Observation/x' }];
    Object.assign(facts, {
      slnExamined: present(2, 'fhir', s),
      slnPositive: present(1, 'fhir', s),
      slnItcOnly: present(0, 'fhir', s),
      nodalBurden: present('micro', 'fhir', s),
      lvi: present(false, 'fhir', s),
      axillaryUltrasoundSuspicious: present(false, 'fhir', s),
      clinicalN: present('cN0', 'fhir', s),
      neoadjuvantTherapy: present(false, 'fhir', s),
      clinicalT: { status: 'conflict', candidates: [present('cT1', 'fhir', s), present('cT3', 'report-text', s)] },
    });
    const r = expectVariant(evaluateModel(sysuPn2, deriveFacts(facts)), 'relative-odds');
    expect(r.relativeOdds).toBe(1);
    expect(r.warnings[0]).toBe(
      'Sources disagree on Clinical T, so this population condition cannot be confirmed: applies to cT1–2 tumours (here: unknown).',
    );
  });
});
