import { describe, expect, it } from 'vitest';
import { prefetchTemplate, prefetchTemplates, QUERIES, queryUrl } from '../../src/fhir/queries.ts';

const byId = (id: string) => QUERIES.find((q) => q.id === id)!;

describe('the one list of searches', () => {
  it('is modest and keyed uniquely', () => {
    expect(QUERIES.length).toBeLessThanOrEqual(12);
    expect(new Set(QUERIES.map((q) => q.id)).size).toBe(QUERIES.length);
  });

  it('renders a fetch URL for a patient and a CDS prefetch template', () => {
    expect(queryUrl(byId('patient'), 'p 1')).toBe('Patient?_id=p%201');
    expect(prefetchTemplate(byId('conditions'))).toBe('Condition?patient={{context.patientId}}');
    expect(queryUrl(byId('pathologyReportsByCategory'), 'p1')).toBe(
      'DiagnosticReport?patient=p1&category=http://loinc.org|LP7839-6,http://terminology.hl7.org/CodeSystem/v2-0074|SP,http://terminology.hl7.org/CodeSystem/v2-0074|LAB',
    );
    expect(prefetchTemplates().pathologyReportsByCode).toBe(
      'DiagnosticReport?patient={{context.patientId}}&code=http://loinc.org|11529-5,http://loinc.org|60568-3,http://loinc.org|22637-3,http://loinc.org|11526-1',
    );
  });

  it('asks for the node, size and receptor codes in one category-free Observation search, never for serum HER2', () => {
    const url = queryUrl(byId('observationsLoinc'), 'p1');
    expect(url.startsWith('Observation?patient=p1&code=')).toBe(true);
    expect(url).not.toContain('category=');
    for (const code of ['85347-3', '92832-5', '85351-5', '44635-1', '21889-1', '85337-4', '48676-1', '21900-6']) {
      expect(url).toContain(`http://loinc.org|${code}`);
    }
    expect(url).not.toContain('32996-1');
    expect(queryUrl(byId('observationsCap'), 'p1')).toContain('351607.100004300,56964.100004300');
  });
});
