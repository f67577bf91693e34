import { describe, expect, it } from 'vitest';
import { describeValue, field, isRecord, num, records, str } from '../../src/domain/json.ts';
import { dateMs, isoDate, normaliseReference, referenceOf, resourceRef } from '../../src/fhir/fields.ts';

describe('narrowing untrusted JSON', () => {
  it('a record is a non-null object that is not an array', () => {
    expect(isRecord({})).toBe(true);
    expect([null, [], 'x', 1, undefined].map(isRecord)).toEqual([false, false, false, false, false]);
  });

  it('empty strings and non-finite numbers count as absent', () => {
    expect(str('')).toBeUndefined();
    expect(str('a')).toBe('a');
    expect(num(Number.NaN)).toBeUndefined();
    expect(num(Infinity)).toBeUndefined();
    expect(num(0)).toBe(0);
  });

  it('records keeps the objects of an array and nothing of a lone object', () => {
    expect(records([{ a: 1 }, null, [1], 'x'])).toEqual([{ a: 1 }]);
    expect(records({ a: 1 })).toEqual([]);
    expect(field([1], '0')).toBeUndefined();
  });

  it('describes a hostile object without calling its toString', () => {
    const hostile = {
      toString() {
        throw new Error('called');
      },
    };
    expect(describeValue(hostile)).toBe('an object');
    expect(describeValue([])).toBe('an array');
    expect(describeValue(undefined)).toBe('missing');
    expect(describeValue(3)).toBe('number 3');
  });
});

describe('FHIR fields', () => {
  it('references compare equal across absolute URLs and versions', () => {
    expect(normaliseReference('https://ehr.example/fhir/Patient/p1/_history/2')).toBe('Patient/p1');
    expect(referenceOf({ reference: 'Patient/p1' })).toBe('Patient/p1');
    expect(resourceRef({ resourceType: 'Observation' })).toBe('Observation');
  });

  it('references: only a plain "Type/id" is kept as written', () => {
    const id64 = 'a'.repeat(64);
    for (const plain of ['Patient/p1', 'Specimen/syn-000001-sln.2', `Observation/${id64}`, 'a/B'])
      expect(normaliseReference(plain)).toBe(plain);
    expect(normaliseReference('Patient/p1/_history/3')).toBe('Patient/p1');
    expect(normaliseReference('https://ehr.example/fhir/Patient/p1')).toBe('Patient/p1');
    expect(normaliseReference('Patient/p1?x=1')).toBe('Patient/p1');
    expect(normaliseReference('Patient/p1#part')).toBe('Patient/p1');
    expect(normaliseReference('urn:x/Patient/p_1')).toBe('Patient/p_1');
    expect(normaliseReference(`Observation/${id64}b/`)).toBe(`Observation/${id64}b`);
    expect(normaliseReference('Patient2/p1/x')).toBe('p1/x');
    expect(normaliseReference('/p1')).toBe('/p1');
    expect(normaliseReference('Patient/')).toBe('Patient/');
  });

  it('dates: partial dates are ISO dates but have no instant', () => {
    expect(isoDate('2024-03')).toBe('2024-03');
    expect(isoDate('March 2024')).toBeUndefined();
    expect(dateMs('2024-03')).toBeUndefined();
    expect(dateMs('2024-03-02')).toBe(Date.UTC(2024, 2, 2));
  });
});
