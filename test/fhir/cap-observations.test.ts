// CAP eCC question codes in Observations (US Pathology IG, IHE SDC connectathon shapes).
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/fhir/extract/index.ts';

const CAP = 'http://cap.org/eCC';
const patient = { resourceType: 'Patient', id: 'p', gender: 'female', birthDate: '1960-06-15' };
const q = (id: string, code: string, answer: string, extra: object = {}) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  subject: { reference: 'Patient/p' },
  effectiveDateTime: '2024-05-01',
  code: { coding: [{ system: CAP, code }] },
  valueCodeableConcept: { coding: [{ system: CAP, code: 'a', display: answer }] },
  ...extra,
});
const sentinelCount = {
  ...q('sln', '56964.100004300', 'Specify number'),
  valueCodeableConcept: undefined,
  valueInteger: 2,
};
const facts = (...resources: unknown[]) => extractFacts([patient, ...resources], { patientId: 'p' });

describe('CAP question codes', () => {
  it('reads procedure, nuclear pleomorphism, HER2 IHC, laterality and a treatment effect', () => {
    const f = facts(
      q('proc', '58807.100004300', 'Excision (less than total mastectomy)'),
      q('np', '38125.100004300', 'Score 2 (Cells larger than normal)'),
      q('her2', '52399.100004300', 'Negative (Score 0)'),
      q('lat', '16214.100004300', 'Right'),
      q('te', '16455.100004300', 'No definite response to presurgical therapy in the invasive carcinoma'),
    ).facts;
    expect(
      [f.breastSurgery, f.nuclearGrade, f.her2Status, f.laterality, f.neoadjuvantTherapy].map(
        (x) => x.status === 'present' && x.value,
      ),
    ).toEqual(['breast-conserving', 2, 'negative', 'right', true]);
    expect(facts(q('te', '16455.100004300', 'No known presurgical therapy')).facts.neoadjuvantTherapy).toEqual({
      status: 'missing',
    });
  });

  it('pN0 "or ITCs only" and "uninvolved by tumor cells" mean no positive sentinel node only when sentinel nodes were taken', () => {
    const pn0 = q('pn', '763178.100004300', 'pN0: No regional lymph node metastasis identified or ITCs only');
    expect(facts(pn0, sentinelCount).facts.slnPositive).toMatchObject({
      value: 0,
      note: 'derived from pN0: no node with a micro- or macrometastasis',
    });
    expect(facts(pn0).facts.slnPositive).toEqual({ status: 'missing' });
    const uninvolved = q('rln', '39858.100004300', 'Uninvolved by tumor cells');
    const f = facts(uninvolved, sentinelCount).facts;
    expect([f.slnPositive, f.slnItcOnly].map((x) => x.status === 'present' && x.value)).toEqual([0, 0]);
  });

  it('reads "m" among the TNM descriptors as multifocal, and not "r"', () => {
    const descriptors = {
      ...q('d', '16718.100004300', ''),
      valueCodeableConcept: undefined,
      component: [
        {
          code: {
            coding: [{ system: CAP, code: '16719.100004300', display: 'm (multiple foci of invasive carcinoma)' }],
          },
        },
        { code: { coding: [{ system: CAP, code: '16720.100004300', display: 'r (recurrent)' }] } },
      ],
    };
    expect(facts(descriptors).facts.multifocal).toMatchObject({ status: 'present', value: true });
  });

  it('a clock position gives a quadrant only with its specimen side, and not when the side is contradicted', () => {
    const specimen = {
      resourceType: 'Specimen',
      id: 's',
      subject: { reference: 'Patient/p' },
      collection: { bodySite: { text: 'Left breast' } },
    };
    const clock = q('c', '16259.100004300', "8 o'clock", { specimen: { reference: 'Specimen/s' } });
    expect(facts(specimen, clock).facts.quadrant).toMatchObject({ status: 'present', value: 'LIQ' });
    expect(facts(clock).facts.quadrant).toEqual({ status: 'missing' });
    const contradicted = facts(specimen, clock, q('lat', '16214.100004300', 'Right'));
    expect(contradicted.facts.quadrant).toEqual({ status: 'missing' });
    expect(contradicted.facts.laterality.status).toBe('conflict');
  });
});
