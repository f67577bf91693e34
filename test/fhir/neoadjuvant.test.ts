// Systemic therapy before surgery: names, brands and Synthea's RxNorm codes; stopped, cancelled and
// reason-less endocrine orders are asked about, never taken as neoadjuvant therapy.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/fhir/extract/index.ts';

const S = 'http://snomed.info/sct';
const RX = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const patient = { resourceType: 'Patient', id: 'p', gender: 'female', birthDate: '1960-06-15' };
const cancer = {
  resourceType: 'Condition',
  id: 'bc',
  subject: { reference: 'Patient/p' },
  code: { coding: [{ system: S, code: '254837009' }] },
};
const surgery = (code = '69031006', date = '2024-06-01') => ({
  resourceType: 'Procedure',
  id: 'surg',
  status: 'completed',
  subject: { reference: 'Patient/p' },
  code: { coding: [{ system: S, code }] },
  performedDateTime: date,
});
const request = (id: string, med: object, extra: object = {}) => ({
  resourceType: 'MedicationRequest',
  id,
  status: 'completed',
  intent: 'order',
  subject: { reference: 'Patient/p' },
  authoredOn: '2024-02-01',
  medicationCodeableConcept: med,
  ...extra,
});
const reason = { reasonReference: [{ reference: 'Condition/bc' }] };

function run(...resources: unknown[]) {
  return extractFacts([patient, cancer, ...resources], { patientId: 'p' });
}

describe('neoadjuvant therapy', () => {
  it("compares with Synthea's breast excision 69031006, and reads brand names and abbreviations", () => {
    for (const text of [
      'Cytoxan 500 mg',
      'Adriamycin',
      'Ellence',
      'Taxotere',
      'Paraplatin',
      '5-FU infusion',
      'gemcitabine',
    ]) {
      const out = run(surgery(), request('m', { text }));
      expect(out.facts.neoadjuvantTherapy, text).toMatchObject({ status: 'present', value: true });
    }
  });

  it("reads Synthea's RxNorm clinical-drug codes without any words", () => {
    const out = run(surgery(), request('m', { coding: [{ system: RX, code: '1790099' }] }));
    expect(out.facts.neoadjuvantTherapy).toMatchObject({
      value: true,
      note: 'doxorubicin on 2024-02-01, before surgery on 2024-06-01',
    });
  });

  it('uses an axillary dissection as the surgery date when there is no breast surgery', () => {
    const out = run(surgery('234262008'), request('m', { text: 'paclitaxel' }));
    expect(out.facts.neoadjuvantTherapy).toMatchObject({ value: true });
  });

  it('never counts entered-in-error or cancelled orders', () => {
    for (const status of ['entered-in-error', 'cancelled']) {
      const out = run(surgery(), request('m', { text: 'docetaxel' }, { status, ...reason }));
      expect(out.facts.neoadjuvantTherapy).toEqual({ status: 'missing' });
      expect(out.ignored).toContainEqual({ reference: 'MedicationRequest/m', reason: `status ${status}` });
    }
  });

  it('counts a stopped order only with an administration or a breast-cancer reason', () => {
    const stopped = request('m', { text: 'docetaxel' }, { status: 'stopped' });
    expect(run(surgery(), stopped).facts.neoadjuvantTherapy).toEqual({ status: 'missing' });
    expect(run(surgery(), stopped).ignored).toContainEqual({
      reference: 'MedicationRequest/m',
      reason:
        'neoadjuvantTherapy: docetaxel request of 2024-02-01 was stopped and names no breast-cancer reason: it may never have been given',
    });
    expect(run(surgery(), { ...stopped, ...reason }).facts.neoadjuvantTherapy).toMatchObject({ value: true });
    const given = {
      resourceType: 'MedicationAdministration',
      id: 'a',
      status: 'completed',
      subject: { reference: 'Patient/p' },
      request: { reference: 'MedicationRequest/m' },
      medicationCodeableConcept: { text: 'ondansetron' },
      effectiveDateTime: '2024-02-02',
    };
    expect(run(surgery(), stopped, given).facts.neoadjuvantTherapy).toMatchObject({ value: true });
  });

  it('asks about endocrine and CDK4/6 agents without a breast-cancer reason (other indications exist)', () => {
    for (const text of [
      'leuprolide 22.5 mg',
      'Lupron Depot',
      'fulvestrant',
      'Ibrance',
      'abemaciclib',
      'ribociclib',
      'alpelisib',
    ]) {
      const out = run(surgery(), request('m', { text }));
      expect(out.facts.neoadjuvantTherapy, text).toEqual({ status: 'missing' });
      expect(out.ignored.find((i) => i.reference === 'MedicationRequest/m')?.reason, text).toMatch(
        /names no breast-cancer reason and has other uses: ask the clinician$/,
      );
      expect(run(surgery(), request('m', { text }, reason)).facts.neoadjuvantTherapy, text).toMatchObject({
        value: true,
      });
    }
  });

  it('does not take a therapy more than a year before surgery, nor one after the sentinel node biopsy, as neoadjuvant', () => {
    const old = run(surgery(), request('m', { text: 'docetaxel' }, { authoredOn: '2021-01-01' }));
    expect(old.facts.neoadjuvantTherapy).toEqual({ status: 'missing' });
    const slnb = { ...surgery('396487001', '2024-01-15'), id: 'slnb' };
    const between = run(surgery(), slnb, request('m', { text: 'docetaxel' }));
    expect(between.facts.neoadjuvantTherapy).toEqual({ status: 'missing' });
    expect(between.ignored.find((i) => i.reference === 'MedicationRequest/m')?.reason).toMatch(
      /cannot be told from the dates; ask the clinician$/,
    );
  });

  it('does not read a drug name inside another word', () => {
    expect(run(surgery(), request('m', { text: 'Taxolimab (investigational)' })).facts.neoadjuvantTherapy).toEqual({
      status: 'missing',
    });
  });
});
