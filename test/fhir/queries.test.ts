import { describe, expect, it } from 'vitest';
import {
  keeps,
  planFor,
  planFromCapabilities,
  prefetchTemplate,
  prefetchTemplates,
  QUERIES,
  queryUrl,
  specimenIds,
  specimenSearches,
  type FhirQuery,
  type VendorProfile,
} from '../../src/fhir/queries.ts';

const byId = (id: string, searches: readonly FhirQuery[] = QUERIES) => searches.find((q) => q.id === id)!;
/** The search parameters as a server decodes them. */
const decoded = (url: string) => [...new URLSearchParams(url.slice(url.indexOf('?') + 1))];
const PROFILES: VendorProfile[] = ['generic', 'epic', 'oracle'];
const allForms = (searches: readonly FhirQuery[]) => searches.flatMap((q) => [q, ...(q.fallback ? [q.fallback] : [])]);

describe('the generic plan', () => {
  it('is modest and keyed uniquely', () => {
    expect(QUERIES.length).toBeLessThanOrEqual(12);
    expect(new Set(QUERIES.map((q) => q.id)).size).toBe(QUERIES.length);
  });

  it('percent-encodes every value as URLSearchParams does: no raw "/", "|" or "," reaches the server', () => {
    expect(queryUrl(byId('patient'), 'p 1/x')).toBe('Patient?_id=p+1%2Fx');
    expect(prefetchTemplate(byId('conditions'))).toBe('Condition?patient={{context.patientId}}');
    const url = queryUrl(byId('pathologyReportsByCategory'), 'p1');
    expect(url).toBe(
      'DiagnosticReport?patient=p1&category=http%3A%2F%2Floinc.org%7CLP7839-6%2Chttp%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fv2-0074%7CSP%2Chttp%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fv2-0074%7CLAB',
    );
    expect(decoded(url)).toEqual([
      ['patient', 'p1'],
      [
        'category',
        'http://loinc.org|LP7839-6,http://terminology.hl7.org/CodeSystem/v2-0074|SP,http://terminology.hl7.org/CodeSystem/v2-0074|LAB',
      ],
    ]);
    expect(prefetchTemplates().pathologyReportsByCode).toBe(
      'DiagnosticReport?patient={{context.patientId}}&code=http%3A%2F%2Floinc.org%7C11529-5%2Chttp%3A%2F%2Floinc.org%7C60568-3%2Chttp%3A%2F%2Floinc.org%7C22637-3%2Chttp%3A%2F%2Floinc.org%7C11526-1',
    );
    for (const profile of PROFILES) {
      for (const q of allForms(planFor(profile).searches)) {
        const query = queryUrl(q, 'p1').split('?')[1] ?? '';
        expect(query).not.toMatch(/[/|,:]/);
        expect(new URLSearchParams(decoded(queryUrl(q, 'p1'))).toString()).toBe(query);
      }
    }
  });

  it('asks for the node, size and receptor codes in one category-free Observation search, never for serum HER2', () => {
    const url = queryUrl(byId('observationsLoinc'), 'p1');
    const code = new Map(decoded(url)).get('code') ?? '';
    expect(url.startsWith('Observation?patient=p1&code=')).toBe(true);
    expect(url).not.toContain('category=');
    for (const c of ['85347-3', '92832-5', '85351-5', '44635-1', '21889-1', '85337-4', '48676-1', '21900-6']) {
      expect(code.split(',')).toContain(`http://loinc.org|${c}`);
    }
    expect(code).not.toContain('32996-1');
    expect(new Map(decoded(queryUrl(byId('observationsCap'), 'p1'))).get('code')).toContain(
      '351607.100004300,56964.100004300',
    );
  });

  it('never searches Specimen by patient, in any plan: specimens are read by the ids results cite', () => {
    for (const profile of PROFILES)
      expect(allForms(planFor(profile).searches).some((q) => q.resourceType === 'Specimen')).toBe(false);
    const resources = [
      {
        resourceType: 'DiagnosticReport',
        id: 'r',
        specimen: [{ reference: 'Specimen/s1' }, { reference: 'Specimen/s2' }],
      },
      { resourceType: 'Observation', id: 'o', specimen: { reference: 'Specimen/s1' } },
      { resourceType: 'Observation', id: 'x', specimen: { reference: 'https://elsewhere.example/Specimen/s9' } },
    ];
    expect(specimenIds(resources)).toEqual(['s1', 's2']);
    const ids = Array.from({ length: 45 }, (_, i) => `s${i}`);
    const searches = specimenSearches(ids);
    expect(searches.map((q) => decoded(queryUrl(q, 'p1'))[0]?.[1]?.split(',').length)).toEqual([20, 20, 5]);
    expect(queryUrl(searches[0]!, 'p1').startsWith('Specimen?_id=s0%2Cs1%2C')).toBe(true);
  });

  it('falls back from a refused code or category list to the broader search of the same type', () => {
    expect(byId('observationsLoinc').fallback).toMatchObject({
      resourceType: 'Observation',
      params: [
        ['patient', '{patient}'],
        ['category', 'laboratory'],
      ],
      keep: 'observation-codes',
    });
    expect(byId('pathologyReportsByCategory').fallback?.params).toEqual([['patient', '{patient}']]);
    expect(byId('pathologyDocuments').fallback?.keep).toBe('pathology-documents');
  });
});

describe('vendor plans', () => {
  it('Epic: Observation only by category (laboratory, imaging), codes kept in the app; notes by category=clinical-reference', () => {
    const epic = planFor('epic').searches;
    const observations = epic.filter((q) => q.resourceType === 'Observation');
    expect(observations.map((q) => new Map(decoded(queryUrl(q, 'p1'))).get('category'))).toEqual([
      'laboratory',
      'imaging',
    ]);
    expect(observations.every((q) => q.keep === 'observation-codes' && !q.params.some(([n]) => n === 'code'))).toBe(
      true,
    );
    const docs = epic.find((q) => q.resourceType === 'DocumentReference')!;
    expect(decoded(queryUrl(docs, 'p1'))).toEqual([
      ['patient', 'p1'],
      ['category', 'clinical-reference'],
    ]);
    expect(epic.find((q) => q.resourceType === 'DiagnosticReport')?.keep).toBe('pathology-reports');
  });

  it('Oracle: code lists kept, page sizes at the documented maxima (Observation 200, reports and documents 100)', () => {
    const counts = planFor('oracle').searches.map((q) => [
      q.resourceType,
      new Map(decoded(queryUrl(q, 'p1'))).get('_count'),
    ]);
    expect(counts.filter(([t]) => t === 'Observation').map(([, c]) => c)).toEqual(['200', '200', '200']);
    expect(counts.filter(([t]) => t === 'DiagnosticReport' || t === 'DocumentReference').map(([, c]) => c)).toEqual([
      '100',
      '100',
    ]);
  });
});

describe('a plan derived from a CapabilityStatement', () => {
  const capability = (resources: Record<string, string[]>) => ({
    resourceType: 'CapabilityStatement',
    rest: [
      {
        mode: 'server',
        resource: Object.entries(resources).map(([type, params]) => ({
          type,
          interaction: [{ code: 'read' }, { code: 'search-type' }],
          searchParam: params.map((name) => ({ name })),
        })),
      },
    ],
  });

  it('uses each search in the first form whose parameters the server declares, and names what it cannot search', () => {
    const plan = planFromCapabilities(
      capability({
        Patient: ['_id'],
        Observation: ['patient', 'category'],
        DiagnosticReport: ['patient', 'code'],
        Condition: ['patient'],
        Procedure: ['subject'],
      }),
    )!;
    expect(plan.source).toBe('capability');
    const ids = plan.searches.map((q) => q.id);
    // The three Observation code searches become one category search.
    expect(ids).toEqual([
      'patient',
      'observationsLaboratory',
      'diagnosticReports',
      'pathologyReportsByCode',
      'conditions',
    ]);
    // A direct form keeps its fallback when the server declares that too; a chosen fallback has none.
    expect(plan.searches.find((q) => q.id === 'pathologyReportsByCode')?.fallback?.id).toBe('diagnosticReports');
    expect(plan.searches.find((q) => q.id === 'observationsLaboratory')?.fallback).toBeUndefined();
    expect(plan.unsupported.map((u) => [u.query.id, u.reason])).toEqual([
      ['pathologyDocuments', 'the EHR does not offer searching DocumentReference'],
      ['procedures', 'the EHR does not declare searching Procedure by patient'],
      ['medicationRequests', 'the EHR does not offer searching MedicationRequest'],
      ['medicationAdministrations', 'the EHR does not offer searching MedicationAdministration'],
    ]);
  });

  it('is undefined for something that is not a CapabilityStatement', () => {
    expect(planFromCapabilities({ resourceType: 'OperationOutcome' })).toBeUndefined();
    expect(planFromCapabilities(null)).toBeUndefined();
  });
});

describe('keeping what the extraction can use from a broad search', () => {
  it('keeps Observations with a known code only, and pathology reports and documents only', () => {
    const obs = (system: string, code: string) => ({
      resourceType: 'Observation',
      code: { coding: [{ system, code }] },
    });
    expect(keeps('observation-codes', obs('http://loinc.org', '85337-4'))).toBe(true); // oestrogen receptor
    expect(keeps('observation-codes', obs('http://loinc.org', '2345-7'))).toBe(false); // glucose
    expect(keeps('observation-codes', obs('http://loinc.org', '32996-1'))).toBe(false); // serum HER2: ignored on purpose
    expect(
      keeps('pathology-reports', {
        resourceType: 'DiagnosticReport',
        code: { coding: [{ system: 'http://loinc.org', code: '11529-5' }] },
      }),
    ).toBe(true);
    expect(keeps('pathology-reports', { resourceType: 'DiagnosticReport', code: { text: 'CBC' } })).toBe(false);
    expect(
      keeps('pathology-documents', {
        resourceType: 'DocumentReference',
        type: { coding: [{ system: 'http://loinc.org', code: '60568-3' }] },
      }),
    ).toBe(true);
    expect(
      keeps('pathology-documents', { resourceType: 'DocumentReference', type: { text: 'Discharge summary' } }),
    ).toBe(false);
    expect(keeps(undefined, { anything: true })).toBe(true);
  });
});
