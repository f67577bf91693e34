import { describe, expect, it } from 'vitest';
import { emptyFacts, present, type ClinicalFacts } from '../../src/domain/facts.ts';
import { applyOverrides } from '../../src/domain/overrides.ts';

function ehrFacts(): ClinicalFacts {
  const facts = emptyFacts();
  facts.tumorSizeMm = present(18, 'fhir', [
    { reference: 'Observation/size', code: 'http://loinc.org|21889-1', date: '2026-03-02' },
  ]);
  facts.lvi = {
    status: 'conflict',
    candidates: [
      present(true, 'fhir', [{ reference: 'Observation/lvi1' }]),
      present(false, 'report-text', [{ reference: 'DiagnosticReport/r1', text: 'LVI: Not identified' }]),
    ],
  };
  return facts;
}

describe('applyOverrides', () => {
  it('marks edits of EHR values with what the record said, leaving the original untouched', () => {
    const facts = ehrFacts();
    const edited = applyOverrides(facts, { tumorSizeMm: 25 });
    expect(edited.tumorSizeMm).toEqual({
      status: 'present',
      value: 25,
      origin: 'clinician',
      sources: [{ reference: 'clinician' }],
      note: 'edited by the clinician; the record said 18 mm',
    });
    expect(facts.tumorSizeMm).toMatchObject({ value: 18, origin: 'fhir' });
  });
  it('resolves a conflict by the clinician choice and says so', () => {
    const edited = applyOverrides(ehrFacts(), { lvi: false });
    expect(edited.lvi).toMatchObject({
      status: 'present',
      value: false,
      origin: 'clinician',
      note: 'chosen by the clinician among conflicting values (yes / no)',
    });
  });
  it('fills a missing value and ignores derived-only inputs', () => {
    const edited = applyOverrides(ehrFacts(), { nuclearGrade: 2, slnNegative: 3 });
    expect(edited.nuclearGrade).toMatchObject({ value: 2, note: 'entered by the clinician; not found in the record' });
    expect(edited.slnNegative).toEqual({ status: 'missing' });
  });
});
