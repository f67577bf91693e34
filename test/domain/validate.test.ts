import { describe, expect, it } from 'vitest';
import { deriveFacts } from '../../src/domain/derive.ts';
import { InputValidationError, factsFromPlainInputs } from '../../src/domain/validate.ts';

function errorOf(raw: unknown): InputValidationError {
  try {
    factsFromPlainInputs(raw);
  } catch (e) {
    if (e instanceof InputValidationError) return e;
    throw e;
  }
  throw new Error('expected a validation error');
}

describe('factsFromPlainInputs', () => {
  it('turns values into clinician facts and leaves the rest missing', () => {
    const facts = factsFromPlainInputs({ tumorSizeMm: 18, lvi: true, grade: 2 });
    expect(facts.tumorSizeMm).toEqual({
      status: 'present',
      value: 18,
      origin: 'clinician',
      sources: [{ reference: 'clinician' }],
    });
    expect(facts.grade.status).toBe('present');
    expect(facts.nuclearGrade).toEqual({ status: 'missing' });
  });
  it('null stays missing', () => {
    expect(factsFromPlainInputs({ lvi: null }).lvi.status).toBe('missing');
  });
  it('names the field of an unknown input', () => {
    const e = errorOf({ tumourSize: 18 });
    expect(e.field).toBe('tumourSize');
    expect(e.message).toBe('tumourSize: unknown input name');
  });
  it('names the field and the expected type of a wrong value', () => {
    expect(errorOf({ tumorSizeMm: '18' }).message).toBe('tumorSizeMm: expected a number of mm from 0 to 500, got "18"');
    expect(errorOf({ lvi: 'yes' }).message).toBe('lvi: expected true or false, got "yes"');
    expect(errorOf({ grade: 4 }).message).toBe('grade: expected one of 1, 2, 3, got 4');
    expect(errorOf({ slnPositive: 1.5 }).message).toBe('slnPositive: expected a whole number from 0 to 100, got 1.5');
    expect(errorOf({ erStatus: 'Positive' }).field).toBe('erStatus');
  });
  it('refuses derived-only inputs and non-objects', () => {
    expect(errorOf({ slnNegative: 2 }).message).toBe(
      'slnNegative: is derived by Nodal Risk and cannot be given directly',
    );
    expect(errorOf([1, 2]).field).toBe('(inputs)');
    expect(errorOf('x').field).toBe('(inputs)');
  });
  it('refuses node counts that do not add up', () => {
    expect(errorOf({ slnExamined: 2, slnPositive: 2, slnItcOnly: 1 }).message).toBe(
      'slnExamined: 2 examined is fewer than the 3 positive or ITC-only sentinel nodes given',
    );
  });
});

describe('deriveFacts', () => {
  it('derives negative sentinel nodes naming its sources', () => {
    const facts = deriveFacts(factsFromPlainInputs({ slnExamined: 4, slnPositive: 1, slnItcOnly: 1 }));
    expect(facts.slnNegative).toMatchObject({
      status: 'present',
      value: 2,
      origin: 'derived',
      derivedFrom: ['slnExamined', 'slnPositive', 'slnItcOnly'],
    });
  });
  it('does not derive negative nodes without the ITC count', () => {
    const facts = deriveFacts(factsFromPlainInputs({ slnExamined: 4, slnPositive: 1 }));
    expect(facts.slnNegative.status).toBe('missing');
  });
  it('derives nodal burden from the largest deposit by AJCC size bands', () => {
    const burden = (mm: number) => {
      const f = deriveFacts(factsFromPlainInputs({ largestDepositMm: mm })).nodalBurden;
      return f.status === 'present' ? f.value : f.status;
    };
    expect([burden(0.2), burden(0.21), burden(2), burden(2.1)]).toEqual(['itc', 'micro', 'micro', 'macro']);
  });
  it('shows a conflict when the stated category and the deposit size disagree', () => {
    const f = deriveFacts(factsFromPlainInputs({ nodalBurden: 'micro', largestDepositMm: 4 })).nodalBurden;
    expect(f.status).toBe('conflict');
    if (f.status === 'conflict')
      expect(f.candidates.map((c) => [c.value, c.origin])).toEqual([
        ['micro', 'clinician'],
        ['macro', 'derived'],
      ]);
  });
  it('derives ITC when no node is positive but ITC-only nodes are present', () => {
    const f = deriveFacts(factsFromPlainInputs({ slnPositive: 0, slnItcOnly: 2, slnExamined: 3 })).nodalBurden;
    expect(f).toMatchObject({ status: 'present', value: 'itc', origin: 'derived' });
  });
});
