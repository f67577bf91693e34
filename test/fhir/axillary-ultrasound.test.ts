// The preoperative axillary ultrasound finding (a Sun Yat-sen factor) as radiology records carry it:
// an imaging Observation (method SNOMED 16310003 Ultrasonography, body site 68171009 Axillary lymph
// node structure, a worded or coded answer) or a radiology DiagnosticReport (US Core category
// LP29684-5 Radiology) whose impression covers the breast and the axilla.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/fhir/extract/index.ts';
import { readSuspicion } from '../../src/fhir/extract/axillary-ultrasound.ts';
import { loadScenario } from '../../src/sandbox/patients/index.ts';

const S = 'http://snomed.info/sct';
const subject = { reference: 'Patient/p' };
const patient = { resourceType: 'Patient', id: 'p', gender: 'female', birthDate: '1958-09-30' };
const slnb = {
  resourceType: 'Procedure',
  id: 'slnb',
  status: 'completed',
  code: { coding: [{ system: S, code: '396487001', display: 'Sentinel lymph node biopsy (procedure)' }] },
  subject,
  performedDateTime: '2024-05-14T08:30:00Z',
};
const IMAGING = [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'imaging' }] },
];
const leftAxilla = {
  coding: [{ system: S, code: '68171009', display: 'Axillary lymph node structure' }],
  extension: [
    {
      url: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-laterality-qualifier',
      valueCodeableConcept: { coding: [{ system: S, code: '7771000', display: 'Left' }] },
    },
  ],
};
const usObservation = (id: string, value: Record<string, unknown>, date = '2024-04-30') => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  category: IMAGING,
  code: { text: 'Axillary lymph node assessment' },
  method: { coding: [{ system: S, code: '16310003', display: 'Ultrasonography' }] },
  bodySite: leftAxilla,
  subject,
  effectiveDateTime: date,
  ...value,
});
const radiologyReport = (id: string, extra: Record<string, unknown>) => ({
  resourceType: 'DiagnosticReport',
  id,
  status: 'final',
  category: [{ coding: [{ system: 'http://loinc.org', code: 'LP29684-5', display: 'Radiology' }] }],
  code: { text: 'US BREAST AND AXILLA LEFT' },
  subject,
  effectiveDateTime: '2024-04-30T11:00:00Z',
  ...extra,
});

function run(...resources: unknown[]) {
  return extractFacts([patient, slnb, ...resources], { patientId: 'p' });
}

describe('axillary ultrasound finding', () => {
  it('reads a worded answer of an ultrasound Observation of the axilla, with its source', () => {
    const out = run(usObservation('us1', { valueCodeableConcept: { text: 'Suspicious' } }));
    expect(out.facts.axillaryUltrasoundSuspicious).toEqual({
      status: 'present',
      value: true,
      origin: 'fhir',
      sources: [{ reference: 'Observation/us1', date: '2024-04-30', text: 'Suspicious' }],
      note: 'preoperative axillary ultrasound',
    });
  });

  it('reads an HL7 "normal" interpretation and a negated sentence as not suspicious', () => {
    const coded = run(
      usObservation('us1', {
        interpretation: [
          { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'N' }] },
        ],
      }),
    );
    expect(coded.facts.axillaryUltrasoundSuspicious).toMatchObject({ status: 'present', value: false });
    const words = run(usObservation('us1', { valueString: 'No suspicious axillary lymph nodes.' }));
    expect(words.facts.axillaryUltrasoundSuspicious).toMatchObject({ status: 'present', value: false });
  });

  it("reads the axillary sentence of a radiology impression and not the breast mass's BI-RADS", () => {
    const out = run(
      radiologyReport('rad1', {
        conclusion:
          "IMPRESSION: 1. Irregular mass in the left breast at 2 o'clock, highly suspicious for malignancy (BI-RADS 5). 2. No suspicious left axillary lymph nodes.",
      }),
    );
    expect(out.facts.axillaryUltrasoundSuspicious).toMatchObject({
      status: 'present',
      value: false,
      origin: 'report-text',
      sources: [{ reference: 'DiagnosticReport/rad1' }],
    });
    const suspicious = run(
      radiologyReport('rad2', {
        conclusion: 'Left axilla: two lymph nodes with cortical thickening up to 5 mm and loss of the fatty hilum.',
      }),
    );
    expect(suspicious.facts.axillaryUltrasoundSuspicious).toMatchObject({ status: 'present', value: true });
  });

  it('reads a coded conclusion "Ultrasound scan normal"', () => {
    const out = run(
      radiologyReport('rad1', {
        code: { text: 'US AXILLA LEFT' },
        conclusionCode: [{ coding: [{ system: S, code: '169254007', display: 'Ultrasound scan normal' }] }],
      }),
    );
    expect(out.facts.axillaryUltrasoundSuspicious).toMatchObject({
      status: 'present',
      value: false,
      origin: 'fhir',
      sources: [{ reference: 'DiagnosticReport/rad1', code: 'http://snomed.info/sct|169254007' }],
    });
  });

  it('shows contradicting findings as a conflict', () => {
    const out = run(
      usObservation('us1', { valueCodeableConcept: { text: 'Suspicious' } }),
      radiologyReport('rad1', { conclusion: 'Left axillary lymph nodes are normal in appearance.' }),
    );
    expect(out.facts.axillaryUltrasoundSuspicious.status).toBe('conflict');
  });

  it('stays missing for an ultrasound after the sentinel biopsy, an indeterminate node and a breast-only ultrasound', () => {
    const late = run(usObservation('us1', { valueCodeableConcept: { text: 'Suspicious' } }, '2024-06-02'));
    expect(late.facts.axillaryUltrasoundSuspicious.status).toBe('missing');
    expect(late.ignored).toContainEqual({
      reference: 'Observation/us1',
      reason: 'axillary ultrasound of 2024-06-02 is after the sentinel node biopsy of 2024-05-14',
    });
    const unclear = run(usObservation('us1', { valueString: 'Indeterminate axillary lymph node, 9 mm.' }));
    expect(unclear.facts.axillaryUltrasoundSuspicious.status).toBe('missing');
    expect(unclear.ignored).toContainEqual({
      reference: 'Observation/us1',
      reason: 'axillary ultrasound: finding not readable as suspicious or not',
    });
    const breast = run(
      radiologyReport('rad1', {
        code: { text: 'US BREAST LEFT' },
        conclusion: "Suspicious mass at 2 o'clock. BI-RADS 4.",
      }),
    );
    expect(breast.facts.axillaryUltrasoundSuspicious.status).toBe('missing');
    expect(breast.ignored).toContainEqual({ reference: 'DiagnosticReport/rad1', reason: 'not a pathology report' });
  });

  it('reads BI-RADS only in a sentence about the nodes, and refuses a sentence that says both', () => {
    expect(readSuspicion('Axillary lymph nodes: BI-RADS 2, benign.')).toBe(false);
    expect(readSuspicion('Right axillary node, BI-RADS 4.')).toBe(true);
    expect(readSuspicion('Axillary tail mass, suspicious.')).toBeUndefined();
    expect(readSuspicion('One suspicious axillary node. Other axillary nodes normal.')).toBeUndefined();
  });
});

describe('the sandbox patient with a preoperative axillary ultrasound', () => {
  it('reads the radiology impression of macrometastasis-z0011-eligible as not suspicious, and not the breast mass', () => {
    // The report (2025-06-26, before the sentinel biopsy of 2025-08-04) says "No suspicious left
    // axillary lymphadenopathy"; its BI-RADS 5 is the breast mass's.
    const s = loadScenario('macrometastasis-z0011-eligible');
    const out = extractFacts(s.resources, { patientId: s.patientId });
    expect(out.facts.axillaryUltrasoundSuspicious).toMatchObject({
      status: 'present',
      value: false,
      origin: 'report-text',
      sources: [{ reference: 'DiagnosticReport/macro-z0011-axilla-us', date: '2025-06-26T11:15:00-05:00' }],
      note: 'preoperative axillary ultrasound',
    });
  });
});
