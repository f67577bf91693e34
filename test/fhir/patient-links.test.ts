// Which patient a resource belongs to: urn:uuid through the ids fullUrls gave, identifier values
// only when exactly one Patient carries them (and disclosed), never a second patient, never merged.
import { describe, expect, it } from 'vitest';
import { extractFacts, listPatients } from '../../src/fhir/extract/index.ts';
import { PatientLinks } from '../../src/fhir/extract/patient.ts';

const L = 'http://loinc.org';
const patient = (id: string, identifier?: string) => ({
  resourceType: 'Patient',
  id,
  gender: 'female',
  birthDate: '1960-05-01',
  ...(identifier ? { identifier: [{ system: 'urn:system', value: identifier }] } : {}),
});
const er = (id: string, subject: string, answer = 'Positive') => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  subject: { reference: subject },
  code: { coding: [{ system: L, code: '85337-4' }] },
  valueCodeableConcept: { text: answer },
});

describe('patient links', () => {
  it('resolves urn:uuid subjects to the resource of that id', () => {
    const out = extractFacts([patient('f1d300e7'), er('o1', 'urn:uuid:f1d300e7')], { patientId: 'f1d300e7' });
    expect(out.facts.erStatus).toMatchObject({ status: 'present', value: 'positive' });
  });

  it('a urn:uuid that names no resource leaves the resource unused, with the reason', () => {
    const out = extractFacts([patient('p1'), er('o1', 'urn:uuid:0000')], { patientId: 'p1' });
    expect(out.facts.erStatus).toEqual({ status: 'missing' });
    expect(out.ignored).toContainEqual({
      reference: 'Observation/o1',
      reason: 'not used: subject urn:uuid:0000 names no resource in the data',
    });
  });

  it('matches "Patient/6547" through the one Patient whose identifier is 6547, and says so on the fact', () => {
    const resources = [patient('f1d300e7', '6547'), er('o1', 'Patient/6547')];
    expect(listPatients(resources)).toEqual(['Patient/f1d300e7']);
    const out = extractFacts(resources, {});
    expect(out.patient).toEqual({ reference: 'Patient/f1d300e7' });
    expect(out.facts.erStatus).toMatchObject({
      status: 'present',
      value: 'positive',
      note: 'subject Patient/6547 matched to Patient/f1d300e7 through its identifier 6547, not its id',
    });
  });

  it('never matches through an identifier two patients carry, nor when a Patient has that value as id', () => {
    const twice = extractFacts([patient('a', '6547'), patient('b', '6547'), er('o1', 'Patient/6547')], {
      patientId: 'a',
    });
    expect(twice.facts.erStatus).toEqual({ status: 'missing' });
    expect(twice.ignored).toContainEqual({
      reference: 'Observation/o1',
      reason: 'not used: subject Patient/6547 matches the identifier of several patients (Patient/a, Patient/b)',
    });
    const asId = extractFacts([patient('a', '6547'), patient('6547'), er('o1', 'Patient/6547', 'Negative')], {
      patientId: 'a',
    });
    expect(asId.facts.erStatus).toEqual({ status: 'missing' });
    expect(asId.ignored).toContainEqual({ reference: 'Observation/o1', reason: 'other patient (Patient/6547)' });
  });

  it("another patient's resources never change the chosen patient's facts", () => {
    const mine = [patient('a'), er('o1', 'Patient/a')];
    const other = [patient('b'), er('o2', 'Patient/b', 'Negative'), er('o3', 'urn:uuid:b', 'Negative')];
    const alone = extractFacts(mine, { patientId: 'a' }).facts;
    const mixed = extractFacts([...other, ...mine].reverse(), { patientId: 'a' }).facts;
    expect(mixed).toEqual(alone);
  });

  it('one table shared by a whole cohort (as validate judges lines) answers the same past its memo bound', () => {
    const links = new PatientLinks([patient('p1', 'mrn-1')]);
    const first = links.of(er('o0', 'Patient/mrn-1'));
    // More distinct subjects than one record names: the memo is cleared on the way, never wrong.
    for (let i = 0; i < 3000; i++)
      expect(links.of(er(`o${i}`, `Patient/c${i}`))).toEqual({ kind: 'patient', patient: `Patient/c${i}` });
    expect(links.of(er('o0', 'Patient/mrn-1'))).toEqual(first);
    expect(first).toMatchObject({ kind: 'patient', patient: 'Patient/p1' });
  });
});
