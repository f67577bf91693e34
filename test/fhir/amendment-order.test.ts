// An amended result replaces the results it corrects — those issued before it. A result issued
// after the amendment (e.g. the final value of a later amended report) is not superseded by it:
// when the two disagree the card shows a conflict, never the older amendment as if it were
// current. Shaped as the sandbox patient "Conflicting tumour sizes": two LOINC 44635-1 invasive
// size Observations of one biopsy, one `amended` and one `final`, with their `issued` instants.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/fhir/extract/index.ts';

const subject = { reference: 'Patient/p' };
const patient = { resourceType: 'Patient', id: 'p', gender: 'female', birthDate: '1961-04-02' };
const size = (id: string, status: string, mm: number, issued: string) => ({
  resourceType: 'Observation',
  id,
  status,
  code: { coding: [{ system: 'http://loinc.org', code: '44635-1', display: 'Invasive component size' }] },
  subject,
  effectiveDateTime: '2025-05-19T10:20:00-05:00',
  issued,
  valueQuantity: { value: mm, unit: 'mm', system: 'http://unitsofmeasure.org', code: 'mm' },
});
const now = new Date('2026-01-01T00:00:00Z');

describe('amendments replace what came before them', () => {
  it('an amendment issued after the final result replaces it', () => {
    const out = extractFacts(
      [
        patient,
        size('first', 'final', 21, '2025-05-22T16:00:00-05:00'),
        size('fix', 'amended', 18, '2025-05-28T16:00:00-05:00'),
      ],
      { now },
    );
    expect(out.facts.tumorSizeMm).toMatchObject({ status: 'present', value: 18 });
    expect(out.ignored.map((i) => i.reference)).toContain('Observation/first');
  });

  it('a final result issued after the amendment is not superseded: the disagreement is a conflict', () => {
    const out = extractFacts(
      [
        patient,
        size('amended-early', 'amended', 21, '2025-05-22T16:00:00-05:00'),
        size('final-late', 'final', 18, '2025-05-28T16:00:00-05:00'),
      ],
      { now },
    );
    const fact = out.facts.tumorSizeMm;
    expect(fact.status).toBe('conflict');
    if (fact.status !== 'conflict') return;
    expect(fact.candidates.map((c) => c.value).sort()).toEqual([18, 21]);
  });

  it('without issued instants the amendment still wins, as before', () => {
    const out = extractFacts(
      [
        patient,
        { ...size('amended-early', 'amended', 21, ''), issued: undefined },
        { ...size('final-late', 'final', 18, ''), issued: undefined },
      ],
      { now },
    );
    expect(out.facts.tumorSizeMm).toMatchObject({ status: 'present', value: 21 });
  });
});
