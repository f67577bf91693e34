import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/fhir/extract/index.ts';
import { largePatient } from '../fixtures/large-patient.ts';

describe('a patient with 10,000 unrelated Observations and 50 reports', () => {
  it('gives the same facts as the core record plus the agreeing report text, and lists the noise as ignored', () => {
    const out = extractFacts(largePatient(10_000, 50), { now: new Date('2026-05-01T00:00:00Z') });
    expect(out.ignored.filter((i) => i.reason.startsWith('unknown code http://loinc.org|'))).toHaveLength(10_000);
    expect(out.facts.tumorSizeMm).toMatchObject({ status: 'present', value: 18 });
    // 50 report copies + the Observation agree: one fact naming all 51 sources.
    expect(out.facts.tumorSizeMm.status === 'present' && out.facts.tumorSizeMm.sources).toHaveLength(51);
    expect(out.facts.erStatus).toMatchObject({ status: 'present', value: 'positive', origin: 'fhir' });
    expect(out.facts.slnPositive).toMatchObject({ status: 'present', value: 1 });
  });
});
