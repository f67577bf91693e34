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

// Specimens as US Core / mCODE records name their nodes in type, collection site and notes. Only a
// specimen of sentinel nodes dates the sentinel node biopsy and says sentinel nodes were taken.
const nodeSpecimen = (id: string, type: string, note: string, collected: string) => ({
  resourceType: 'Specimen',
  id,
  status: 'available',
  subject: { reference: 'Patient/p' },
  type: { text: type },
  collection: { collectedDateTime: collected, bodySite: { text: 'Left axilla' } },
  note: [{ text: note }],
});
const nonSentinel = nodeSpecimen('ns', 'Lymph nodes', 'Non-sentinel lymph nodes, levels I and II', '2022-08-03');
const axillaryContents = nodeSpecimen(
  'ac',
  'Tissue specimen',
  'LEFT AXILLARY CONTENTS, COMPLETION DISSECTION after positive sentinel lymph node',
  '2022-08-03',
);
const sentinelSpecimen = nodeSpecimen('sn', 'Lymph node', 'Left axillary sentinel lymph node #1', '2022-07-01');
const pn0 = {
  resourceType: 'Observation',
  id: 'pn',
  status: 'final',
  subject: { reference: 'Patient/p' },
  code: { coding: [{ system: S, code: '371494008', display: 'pN category' }] },
  effectiveDateTime: '2022-08-05',
  valueCodeableConcept: { coding: [{ system: S, code: '1229947003', display: 'pN0' }] },
};

describe('sentinel specimens', () => {
  it('a specimen of sentinel nodes dates the sentinel node biopsy', () => {
    expect(age([patient, sentinelSpecimen, diagnosis])).toMatchObject({
      value: 62,
      note: 'age at sentinel node biopsy on 2022-07-01',
    });
  });

  it('a specimen of non-sentinel nodes or axillary contents is a pathology specimen, not the sentinel biopsy', () => {
    for (const s of [nonSentinel, axillaryContents]) {
      expect(age([patient, s, diagnosis])).toMatchObject({
        value: 62,
        note: 'age at pathology report or specimen on 2022-08-03',
      });
      // The sentinel specimen of July is the sentinel biopsy, though the dissection's is later.
      expect(age([patient, s, sentinelSpecimen])).toMatchObject({ note: 'age at sentinel node biopsy on 2022-07-01' });
    }
  });

  it('a pathology report on a non-sentinel specimen is not about the sentinel nodes', () => {
    const onNonSentinel = { ...report, specimen: [{ reference: 'Specimen/ns' }], conclusion: 'Non-sentinel nodes 0/9' };
    expect(age([patient, { ...nonSentinel, collection: {} }, onNonSentinel])).toMatchObject({
      note: 'age at pathology report or specimen on 2021-03-01',
    });
    const onSentinel = { ...report, specimen: [{ reference: 'Specimen/sn' }] };
    expect(age([patient, { ...sentinelSpecimen, collection: {} }, onSentinel])).toMatchObject({
      note: 'age at sentinel node biopsy on 2021-03-01',
    });
  });

  it('a pN0 counts as sentinel-negative with a sentinel specimen, not with a non-sentinel one', () => {
    const slnPositive = (...resources: unknown[]) =>
      extractFacts([patient, pn0, ...resources], { patientId: 'p' }).facts.slnPositive;
    expect(slnPositive(sentinelSpecimen)).toMatchObject({
      status: 'present',
      value: 0,
      note: 'derived from pN0: no node with a micro- or macrometastasis',
    });
    expect(slnPositive(nonSentinel)).toEqual({ status: 'missing' });
    expect(slnPositive(axillaryContents)).toEqual({ status: 'missing' });
  });
});
