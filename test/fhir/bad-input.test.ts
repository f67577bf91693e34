// Hostile or broken input is listed with a reason and never crashes the extraction.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/fhir/extract/index.ts';
import { ALL_DOCUMENT_READERS } from '../../src/report/readers.ts';

const patient = { resourceType: 'Patient', id: 'p', gender: 'female', birthDate: '1960-06-15' };
const pathology = { coding: [{ system: 'http://loinc.org', code: '60568-3' }] };
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const report = (id: string, contentType: string, text: string) => ({
  resourceType: 'DiagnosticReport',
  id,
  status: 'final',
  subject: { reference: 'Patient/p' },
  code: pathology,
  effectiveDateTime: '2024-05-01',
  presentedForm: [{ contentType, data: b64(text) }],
});

describe('bad input', () => {
  it('unreadable XML is listed with its reason', () => {
    const out = extractFacts([patient, report('x', 'application/xml', '<FormDesign formTitle="BREAST"><Body>')], {
      patientId: 'p',
      readers: ALL_DOCUMENT_READERS,
    });
    expect(out.ignored.find((i) => i.reference === 'DiagnosticReport/x')?.reason).toMatch(
      /^XML attachment is not well-formed/,
    );
  });

  it('an XML form without its reader is listed as not read, never dropped in silence', () => {
    const form = '<FormDesign formTitle="BREAST"><Body/></FormDesign>';
    const out = extractFacts([patient, report('x', 'application/xml', form)], { patientId: 'p' });
    expect(out.ignored.filter((i) => i.reference === 'DiagnosticReport/x').map((i) => i.reason)).toEqual([
      'XML attachment not read: the SDC form reader was not loaded',
      'pathology report without readable text',
    ]);
  });

  it('a checklist with no marks gives no fact and says so', () => {
    const out = extractFacts(
      [
        patient,
        report(
          'c',
          'text/plain',
          'Tumor Focality\n__ Single focus of invasive carcinoma\n__ Multiple foci of invasive carcinoma',
        ),
      ],
      { patientId: 'p' },
    );
    expect(out.facts.multifocal).toEqual({ status: 'missing' });
    expect(out.ignored).toContainEqual({
      reference: 'DiagnosticReport/c',
      reason: 'report text "Tumor Focality": checklist without any marked answer: nothing read',
    });
  });

  it('resources that refer to each other in a cycle, and a section that contains itself, are read once', () => {
    const obs = {
      resourceType: 'Observation',
      id: 'o',
      status: 'final',
      subject: { reference: 'Patient/p' },
      code: { coding: [{ system: 'http://loinc.org', code: '85337-4' }] },
      valueCodeableConcept: { text: 'Positive' },
      derivedFrom: [{ reference: 'DiagnosticReport/r' }],
      hasMember: [{ reference: 'Observation/o' }],
    };
    const rep = { ...report('r', 'text/plain', 'Specimen Laterality: Left'), result: [{ reference: 'Observation/o' }] };
    const section: Record<string, unknown> = { title: 'loop', text: { div: '<div>Tumor Size: 12 mm</div>' } };
    section.section = [section];
    const composition = {
      resourceType: 'Composition',
      id: 'k',
      status: 'final',
      subject: { reference: 'Patient/p' },
      type: { text: 'Surgical pathology report' },
      section: [section],
    };
    const out = extractFacts([patient, obs, rep, composition], { patientId: 'p' });
    expect(out.facts.erStatus).toMatchObject({ status: 'present', value: 'positive' });
    expect(out.facts.tumorSizeMm).toMatchObject({ status: 'present', value: 12 });
    expect(out.ignored).toContainEqual({
      reference: 'Composition/k',
      reason: 'sections nested deeper than 8 levels or in a cycle: those not read',
    });
  });
});
