// The age is computed at the clinical situation's date, never at today.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { extractFacts } from '../../src/fhir/extract/index.ts';

const S = 'http://snomed.info/sct';
const patient = { resourceType: 'Patient', id: 'p', gender: 'female', birthDate: '1960-06-15' };
const procedure = (id: string, code: string, date: string) => ({
  resourceType: 'Procedure',
  id,
  status: 'completed',
  subject: { reference: 'Patient/p' },
  code: { coding: [{ system: S, code }] },
  performedDateTime: date,
});
const report = {
  resourceType: 'DiagnosticReport',
  id: 'r',
  status: 'final',
  subject: { reference: 'Patient/p' },
  code: { text: 'Surgical pathology' },
  effectiveDateTime: '2021-03-01',
};
const diagnosis = {
  resourceType: 'Condition',
  id: 'c',
  subject: { reference: 'Patient/p' },
  code: { coding: [{ system: S, code: '254837009' }] },
  onsetDateTime: '2019-01-10',
};

const age = (resources: unknown[]) => extractFacts(resources, { patientId: 'p' }).facts.ageYears;

afterEach(() => vi.useRealTimers());

describe('age anchor', () => {
  it('takes the sentinel node biopsy, else surgery, else the pathology report, else the diagnosis', () => {
    const slnb = procedure('slnb', '396487001', '2022-07-01');
    const mast = procedure('mast', '69031006', '2020-08-01');
    expect(age([patient, slnb, mast, report, diagnosis])).toMatchObject({
      value: 62,
      note: 'age at sentinel node biopsy on 2022-07-01',
    });
    expect(age([patient, mast, report, diagnosis])).toMatchObject({ value: 60, note: 'age at surgery on 2020-08-01' });
    expect(age([patient, report, diagnosis])).toMatchObject({
      value: 60,
      note: 'age at pathology report or specimen on 2021-03-01',
    });
    expect(age([patient, diagnosis])).toMatchObject({ value: 58, note: 'age at diagnosis on 2019-01-10' });
  });

  it('names the anchor among its sources', () => {
    const fact = age([patient, report]);
    expect(fact).toMatchObject({
      sources: [{ reference: 'Patient/p' }, { reference: 'DiagnosticReport/r', date: '2021-03-01' }],
    });
  });

  it('without any clinical date the age is missing, whatever today is', () => {
    for (const today of ['2020-01-01', '2031-12-31']) {
      vi.useFakeTimers({ now: new Date(`${today}T12:00:00Z`) });
      const out = extractFacts([patient], { patientId: 'p', now: new Date() });
      expect(out.facts.ageYears).toEqual({ status: 'missing' });
      expect(out.ignored).toContainEqual({
        reference: 'Patient/p',
        reason: 'ageYears: no dated sentinel node biopsy, surgery, pathology report or diagnosis to compute the age at',
      });
    }
  });

  it('an age with an anchor does not change with the clock', () => {
    vi.useFakeTimers({ now: new Date('2040-01-01T00:00:00Z') });
    expect(age([patient, diagnosis])).toMatchObject({ value: 58 });
  });
});
