// A pN staged on the completion axillary dissection covers every node removed: it must not be read
// as the sentinel-node burden (nor its pN0 as "no positive sentinel node"). Resources are shaped as
// US Core / mCODE records: Procedures 396487001 / 234262008, a pN category Observation (SNOMED
// 371494008 with an AJCC value string), Specimens with their collection date and notes.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/fhir/extract/index.ts';
import { alnd, alndSpecimen, patient, procedure, slnb, slnSpecimen, SNOMED, subject } from '../helpers/axilla.ts';

const S = SNOMED;
const pn = (id: string, value: string, date: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: S, code: '371494008', display: 'pN category' }] },
  subject,
  effectiveDateTime: date,
  valueCodeableConcept: { text: value },
  ...extra,
});
// The sentinel biopsy's own staging: a micrometastasis in the sentinel node.
const sentinelPn = pn('pn-sln', 'pN1mi(sn)', '2024-03-01T09:40:00Z', { specimen: { reference: 'Specimen/spec-sln' } });

function run(...resources: unknown[]) {
  return extractFacts([patient, slnb, alnd, slnSpecimen, alndSpecimen, sentinelPn, ...resources], {
    patientId: 'p',
  });
}

describe('pN staged after the completion dissection', () => {
  it('keeps a pN2a on the dissection specimen out of the sentinel burden', () => {
    const out = run(pn('pn-alnd', 'pN2a', '2024-03-20T10:00:00Z', { specimen: { reference: 'Specimen/spec-alnd' } }));
    expect(out.facts.nodalBurden).toMatchObject({
      status: 'present',
      value: 'micro',
      sources: [{ reference: 'Observation/pn-sln', text: 'pN1mi(sn)' }],
    });
    expect(out.ignored).toContainEqual({
      reference: 'Observation/pn-alnd',
      reason:
        'pN2a is staged on the axillary dissection (on the dissection specimen Specimen/spec-alnd), not the sentinel nodes',
    });
  });

  it('recognises the dissection by partOf, and by the date alone when nothing else links it', () => {
    const partOf = run(pn('pn-alnd', 'pN2a', '2024-03-01T09:40:00Z', { partOf: [{ reference: 'Procedure/alnd' }] }));
    expect(partOf.facts.nodalBurden).toMatchObject({ status: 'present', value: 'micro' });
    expect(partOf.ignored.find((i) => i.reference === 'Observation/pn-alnd')?.reason).toContain(
      'part of the axillary dissection Procedure/alnd',
    );
    const dated = run(pn('pn-alnd', 'pN0', '2024-03-21'));
    // A pN0 after the dissection does not say the sentinel nodes were negative either.
    expect(dated.facts.slnPositive.status).toBe('missing');
    expect(dated.facts.nodalBurden).toMatchObject({ status: 'present', value: 'micro' });
    expect(dated.ignored.find((i) => i.reference === 'Observation/pn-alnd')?.reason).toBe(
      'pN0 is staged on the axillary dissection (dated 2024-03-21, after the sentinel biopsy of 2024-03-01 and on or after the axillary dissection of 2024-03-20), not the sentinel nodes',
    );
  });

  it('still reads a pN of the sentinel biopsy day that nothing ties to the dissection, so a real disagreement stays a conflict', () => {
    const out = run(pn('pn-other', 'pN1a', '2024-03-01'));
    expect(out.facts.nodalBurden.status).toBe('conflict');
  });

  it('cannot tell by date when the dissection followed the biopsy on the same day', () => {
    const sameDay = procedure(
      'alnd',
      '234262008',
      'Excision of axillary lymph node (procedure)',
      '2024-03-01T11:00:00Z',
    );
    const out = extractFacts(
      [patient, slnb, sameDay, slnSpecimen, sentinelPn, pn('pn-late', 'pN1a', '2024-03-01T11:00:00Z')],
      { patientId: 'p' },
    );
    expect(out.facts.nodalBurden.status).toBe('conflict');
  });
});

describe('deposit and extranodal extension measured on the completion dissection', () => {
  // LOINC 85351-5 largest metastatic deposit and 85350-7 extranodal extension, as the sentinel and the dissection specimens report them.
  const loinc = (id: string, code: string, spec: string, date: string, value: Record<string, unknown>) => ({
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code }] },
    subject,
    effectiveDateTime: date,
    specimen: { reference: `Specimen/${spec}` },
    ...value,
  });
  const mm = (value: number) => ({
    valueQuantity: { value, unit: 'mm', system: 'http://unitsofmeasure.org', code: 'mm' },
  });
  const said = (text: string) => ({ valueCodeableConcept: { text } });

  it('keeps the sentinel deposit and ENE, and lists the dissection ones as ignored', () => {
    const out = run(
      loinc('dep-sln', '85351-5', 'spec-sln', '2024-03-01T09:40:00Z', mm(1.8)),
      loinc('ene-sln', '85350-7', 'spec-sln', '2024-03-01T09:40:00Z', said('Not identified')),
      loinc('dep-alnd', '85351-5', 'spec-alnd', '2024-03-20T10:00:00Z', mm(12)),
      loinc('ene-alnd', '85350-7', 'spec-alnd', '2024-03-20T10:00:00Z', said('Present')),
    );
    expect(out.facts.largestDepositMm).toMatchObject({ status: 'present', value: 1.8 });
    expect(out.facts.extranodalExtension).toMatchObject({ status: 'present', value: false });
    expect(out.ignored).toContainEqual({
      reference: 'Observation/dep-alnd',
      reason:
        'largest deposit measured on the axillary dissection (on the dissection specimen Specimen/spec-alnd), not the sentinel nodes',
    });
    expect(out.ignored).toContainEqual({
      reference: 'Observation/ene-alnd',
      reason:
        'extranodal extension seen on the axillary dissection (on the dissection specimen Specimen/spec-alnd), not the sentinel nodes',
    });
  });
});
