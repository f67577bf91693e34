// One reading of "sentinel node biopsy vs axillary dissection" for the extraction's events, the
// dissection reader and the validation outcomes. Each edge case below is a wording the three
// readers used to disagree on; the Procedures and Specimens are shaped as US Core records.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/fhir/extract/index.ts';
import { dissectionContext } from '../../src/fhir/extract/dissection.ts';
import { axillaryProcedure, isDissectionSpecimenByWords } from '../../src/fhir/extract/procedure-reading.ts';
import { outcomeFromResources } from '../../src/validation/outcomes.ts';

const S = 'http://snomed.info/sct';
const subject = { reference: 'Patient/p' };
const patient = { resourceType: 'Patient', id: 'p', gender: 'female', birthDate: '1961-04-02' };

const procedure = (text: string, code?: string, id = 'proc') => ({
  resourceType: 'Procedure',
  id,
  status: 'completed',
  subject,
  code: { ...(code ? { coding: [{ system: S, code }] } : {}), text },
  performedDateTime: '2024-03-01T09:40:00Z',
});
const specimen = (note: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Specimen',
  id: 'spec',
  subject,
  note: [{ text: note }],
  ...extra,
});
/** Regional lymph nodes positive (LOINC 21893-3): a count that is not sentinel-specific. */
const regionalPositive = (id: string, n: number) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  subject,
  code: { coding: [{ system: 'http://loinc.org', code: '21893-3' }] },
  effectiveDateTime: '2024-03-01',
  valueQuantity: { value: n, unit: '1' },
});
const kinds = (text: string, code?: string) => {
  const k = axillaryProcedure(procedure(text, code));
  return { sentinel: !!k.sentinel, dissection: !!k.dissection };
};

describe('which axillary operation a Procedure names', () => {
  it.each([
    ['Sentinel lymph node biopsy', undefined, { sentinel: true, dissection: false }],
    ['Biopsy', '396487001', { sentinel: true, dissection: false }],
    ['Axillary lymph node dissection', '234262008', { sentinel: false, dissection: true }],
    // Both operations in one procedure: it is both events.
    ['Sentinel lymph node biopsy with axillary dissection', undefined, { sentinel: true, dissection: true }],
    ['Left sentinel lymph node biopsy', '234262008', { sentinel: true, dissection: true }],
    // "non-sentinel" names nodes that are not sentinel nodes.
    ['Axillary dissection of non-sentinel lymph nodes', undefined, { sentinel: false, dissection: true }],
    // A dissection that was not done is not one.
    ['Sentinel lymph node biopsy without axillary dissection', undefined, { sentinel: true, dissection: false }],
    ['Sentinel node biopsy; axillary dissection not performed', undefined, { sentinel: true, dissection: false }],
    // Other words for the same operations.
    ['Excision of axillary contents, left', undefined, { sentinel: false, dissection: true }],
    ['Completion dissection, left axilla', undefined, { sentinel: false, dissection: true }],
    ['Left ALND', undefined, { sentinel: false, dissection: true }],
    ['Axillary clearance', undefined, { sentinel: false, dissection: true }],
    ['Sentinel lymphadenectomy', undefined, { sentinel: true, dissection: false }],
    ['SLNB left axilla', undefined, { sentinel: true, dissection: false }],
    ['Lumpectomy of breast', undefined, { sentinel: false, dissection: false }],
  ])('%s (%s)', (text, code, expected) => {
    expect(kinds(text, code)).toEqual(expected);
  });
});

describe('which Specimen holds the dissection nodes', () => {
  it.each([
    ['LEFT AXILLARY CONTENTS, COMPLETION DISSECTION', true],
    ['Left axilla, non-sentinel lymph nodes', true],
    ['Left axilla, level I and II lymph nodes', true],
    ['LEFT AXILLARY SENTINEL LYMPH NODE(S)', false],
    // Sentinel and non-sentinel together: not only the dissection.
    ['Left axillary sentinel and non-sentinel lymph nodes', false],
    ['Left breast, lumpectomy', false],
  ])('%s → %s', (note, expected) => {
    expect(isDissectionSpecimenByWords(specimen(note))).toBe(expected);
  });

  it('reads the collection site too', () => {
    const s = specimen('Tissue', { collection: { bodySite: { text: 'Left axillary contents' } } });
    expect(isDissectionSpecimenByWords(s)).toBe(true);
  });
});

describe('the three readers agree', () => {
  it('a combined "SLNB with ALND" is a dissection for the node-count rule and for the outcome', () => {
    const combined = procedure('Sentinel lymph node biopsy with axillary dissection', undefined, 'combined');
    // With a dissection recorded, a regional count may include non-sentinel nodes.
    const regional = regionalPositive('regional', 3);
    const out = extractFacts([patient, combined, regional], { patientId: 'p' });
    expect(out.facts.slnPositive.status).toBe('missing');
    expect(out.ignored.find((i) => i.reference === 'Observation/regional')?.reason).toContain(
      'an axillary dissection is recorded',
    );
    expect(dissectionContext([combined])).toMatchObject({
      procedures: new Set(['Procedure/combined']),
      days: ['2024-03-01'],
      sentinelDays: ['2024-03-01'],
    });
    expect(outcomeFromResources([combined])).toEqual({
      reason: 'completion axillary dissection recorded without a node count or pN category for it',
    });
  });

  it('"without axillary dissection" is no dissection for the outcome', () => {
    const r = outcomeFromResources([procedure('Sentinel lymph node biopsy without axillary dissection')]);
    expect(r).toEqual({ reason: 'no completion axillary dissection recorded' });
  });

  it('"non-sentinel" words make a dissection procedure, not a sentinel biopsy day', () => {
    const ctx = dissectionContext([procedure('Axillary dissection of non-sentinel lymph nodes')]);
    expect(ctx.sentinelDays).toEqual([]);
    expect(ctx.days).toEqual(['2024-03-01']);
  });

  it('a "non-sentinel lymph nodes" specimen is a dissection specimen for the extraction and the outcome', () => {
    const alnd = procedure('Axillary lymph node dissection', '234262008', 'alnd');
    const nsn = { ...specimen('Left axilla, non-sentinel lymph nodes'), id: 'nsn' };
    expect(dissectionContext([alnd, nsn]).specimens).toEqual(new Set(['Specimen/nsn']));
    const count = { ...regionalPositive('count', 2), specimen: { reference: 'Specimen/nsn' } };
    const r = outcomeFromResources([alnd, nsn, count], { sentinelPositive: 1 });
    expect(r).toMatchObject({ found: { nsnPositive: 1, totalPositive: 3, sources: ['Observation/count'] } });
  });
});
