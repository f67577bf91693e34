// docs/models.md "DBCG models (dbcg-micro, dbcg-itc)": DBCG risk-factor profiles — factors with the patient's raw values, the published
// statistics, population rules, and never a percentage.
import { describe, expect, it } from 'vitest';
import { expectVariant, resultFor } from '../helpers/facts.ts';

const micro = {
  nodalBurden: 'micro',
  tumorSizeMm: 18,
  slnExamined: 3,
  slnPositive: 1,
  slnItcOnly: 0,
  lvi: true,
  erStatus: 'positive',
  prStatus: 'negative',
  quadrant: 'UOQ',
  neoadjuvantTherapy: false,
};

describe('dbcg-micro', () => {
  it('lists each factor with the patient value and whether it is present', () => {
    const r = expectVariant(resultFor('dbcg-micro', micro), 'risk-factors');
    expect(r.kind).toBe('risk-factors');
    expect(r.factors).toEqual([
      {
        id: 'tumourSize',
        label: 'Tumour size',
        status: 'no-cutoff',
        patientValue: 'tumour size 18 mm',
        note: 'value shown, cut-off not published',
      },
      {
        id: 'positiveProportion',
        label: 'Proportion of positive sentinel nodes',
        status: 'no-cutoff',
        patientValue: '1 of 3 sentinel nodes positive (33%)',
        note: 'value shown, cut-off not published',
      },
      { id: 'lvi', label: 'Lymphovascular invasion', status: 'present', patientValue: 'lymphovascular invasion: yes' },
      {
        id: 'hormoneReceptor',
        label: 'Hormone receptor status',
        status: 'no-cutoff',
        patientValue: 'ER positive, PR negative',
        note: 'value shown, direction and coding not published',
      },
      {
        id: 'upperOuterQuadrant',
        label: 'Tumour in the upper outer quadrant',
        status: 'present',
        patientValue: 'location: UOQ',
      },
    ]);
    expect(r.estimate).toBeUndefined();
    expect(r.statistics).toContain(
      'The model identified 5% of patients with a risk of non-sentinel node metastases of nearly 40%.',
    );
    expect(r.statistics?.join(' ')).toContain('AUC 0.64 (development), 0.63');
    expect(r.citation).toContain('Int J Cancer 2012;131:2367–2375');
    expect(r.citation).toContain('10.1002/ijc.27499');
  });

  it('marks absent factors and unknown ones, naming the missing inputs', () => {
    const { lvi: _l, ...rest } = micro;
    const r = expectVariant(resultFor('dbcg-micro', { ...rest, quadrant: 'LIQ' }), 'risk-factors');
    expect(r.factors?.find((f) => f.id === 'upperOuterQuadrant')?.status).toBe('absent');
    expect(r.factors?.find((f) => f.id === 'lvi')?.status).toBe('unknown');
    expect(r.missing).toEqual(['lvi']);
  });

  it('applies only to micrometastases', () => {
    const macro = expectVariant(resultFor('dbcg-micro', { ...micro, nodalBurden: 'macro' }), 'not-applicable');
    expect(macro.reason).toBe('applies when the worst sentinel deposit is a micrometastasis (here: macro)');
    const itc = resultFor('dbcg-micro', { ...micro, nodalBurden: 'itc', slnPositive: 0, slnItcOnly: 1 });
    expect(itc.applicable).toBe(false);
  });

  it('needs the nodal burden to decide, and derives it from the largest deposit', () => {
    const { nodalBurden: _b, ...rest } = micro;
    expect(expectVariant(resultFor('dbcg-micro', rest), 'not-computed').missing).toEqual(['nodalBurden']);
    expect(resultFor('dbcg-micro', { ...rest, largestDepositMm: 1.5 }).applicable).toBe(true);
    expect(resultFor('dbcg-micro', { ...rest, largestDepositMm: 2.5 }).applicable).toBe(false);
  });

  it('is not applicable after neoadjuvant therapy', () => {
    expect(resultFor('dbcg-micro', { ...micro, neoadjuvantTherapy: true }).applicable).toBe(false);
  });
});

describe('dbcg-itc', () => {
  const itc = {
    nodalBurden: 'itc',
    tumorSizeMm: 12,
    ageYears: 61,
    slnExamined: 4,
    slnPositive: 0,
    slnItcOnly: 1,
    neoadjuvantTherapy: false,
  };
  it('shows size, age and the proportion of ITC-bearing nodes with the published statistics', () => {
    const r = expectVariant(resultFor('dbcg-itc', itc), 'risk-factors');
    expect(r.factors?.map((f) => [f.id, f.status, f.patientValue])).toEqual([
      ['tumourSize', 'no-cutoff', 'tumour size 12 mm'],
      ['age', 'no-cutoff', 'age 61 years'],
      ['involvedProportion', 'no-cutoff', '1 of 4 sentinel nodes with isolated tumour cells (25%)'],
    ]);
    expect(r.statistics?.[0]).toContain('32% of patients with a risk of non-sentinel node metastases of only 2%');
    expect(r.statistics?.[1]).toContain('AUC 0.73 (development), 0.60');
    expect(r.estimate).toBeUndefined();
  });
  it('states the Danish definitions and when the AJCC category would be classified differently', () => {
    const r = expectVariant(resultFor('dbcg-itc', itc), 'risk-factors');
    expect(r.notes.join(' ')).toContain(
      'micrometastasis 0.2–2 mm or 10–100 tumour cells; isolated tumour cells < 0.2 mm or < 10 cells',
    );
    expect(r.warnings.join(' ')).toContain(
      'are a micrometastasis under the Danish definitions when the deposit had 10–199 cells or measured exactly 0.2 mm',
    );
    const micro = expectVariant(
      resultFor('dbcg-micro', { ...itc, nodalBurden: 'micro', slnPositive: 1, slnItcOnly: 0 }),
      'risk-factors',
    );
    expect(micro.warnings.join(' ')).not.toContain('Danish definitions');
  });
  it('applies only to ITC-only sentinel nodes', () => {
    const r = expectVariant(
      resultFor('dbcg-itc', { ...itc, nodalBurden: 'micro', slnPositive: 1, slnItcOnly: 0 }),
      'not-applicable',
    );
    expect(r.reason).toBe('applies when the sentinel nodes hold isolated tumour cells only (here: micro)');
  });
  it('lists missing inputs without inventing values', () => {
    const { ageYears: _a, ...rest } = itc;
    const r = expectVariant(resultFor('dbcg-itc', rest), 'risk-factors');
    expect(r.missing).toEqual(['ageYears']);
    expect(r.factors?.find((f) => f.id === 'age')).toEqual({ id: 'age', label: 'Age', status: 'unknown' });
  });
});
