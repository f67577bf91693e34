import { describe, expect, it } from 'vitest';
import { FhirHttpError, LoadError } from '../../src/app/load/errors.ts';
import { loadPatientData, type FhirTransport } from '../../src/app/load/load-patient-data.ts';
import { canCreate, canRead } from '../../src/app/load/scopes.ts';
import { QUERIES, planFor } from '../../src/fhir/queries.ts';

const BASE = 'https://ehr.example.org/fhir';
const bundle = (resources: unknown[], next?: string) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  entry: resources.map((resource) => ({ resource })),
  ...(next ? { link: [{ relation: 'next', url: next }] } : {}),
});
const empty = bundle([]);

/** A fake EHR: routes by resource type of the search; records every GET. */
function fakeEhr(routes: Record<string, (url: string, call: number) => unknown>): FhirTransport & { calls: string[] } {
  const calls: string[] = [];
  const counts = new Map<string, number>();
  return {
    baseUrl: BASE,
    calls,
    async get(url: string) {
      calls.push(url);
      const key = routes[url]
        ? url
        : Object.keys(routes).find((k) => url.startsWith(k) || url.startsWith(`${BASE}/${k}`));
      const n = (counts.get(key ?? '') ?? 0) + 1;
      counts.set(key ?? '', n);
      const result = key ? routes[key]!(url, n) : empty;
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

describe('loadPatientData', () => {
  it('runs every search, follows next pages on the same server and reports progress', async () => {
    const progress: [number, number][] = [];
    const ehr = fakeEhr({
      'Condition?': () => bundle([{ resourceType: 'Condition', id: 'c1' }], `${BASE}/Condition?page=2`),
      [`${BASE}/Condition?page=2`]: () =>
        bundle([{ resourceType: 'Condition', id: 'c2' }], 'https://evil.example.com/fhir/Condition?page=3'),
    });
    const data = await loadPatientData(ehr, 'p1', { onProgress: (d, t) => progress.push([d, t]) });
    expect(data.resources).toEqual([
      { resourceType: 'Condition', id: 'c1' },
      { resourceType: 'Condition', id: 'c2' },
    ]);
    expect(ehr.calls.filter((c) => c.includes('evil'))).toEqual([]);
    expect(ehr.calls.length).toBe(QUERIES.length + 1);
    expect(progress.at(-1)).toEqual([QUERIES.length, QUERIES.length]);
    expect(data.searches.every((s) => s.status === 'ok')).toBe(true);
  });

  it('retries 429 honouring Retry-After, and 503 with backoff', async () => {
    const waits: number[] = [];
    const ehr = fakeEhr({
      'Procedure?': (_u, n) =>
        n === 1 ? new FhirHttpError(429, 2) : bundle([{ resourceType: 'Procedure', id: 'sln' }]),
      'MedicationRequest?': (_u, n) => (n < 3 ? new FhirHttpError(503) : bundle([])),
    });
    const data = await loadPatientData(ehr, 'p1', { sleep: async (ms) => void waits.push(ms) });
    expect(data.resources).toEqual([{ resourceType: 'Procedure', id: 'sln' }]);
    expect(waits.sort((a, b) => a - b)).toEqual([500, 1000, 2000]);
  });

  it('gives up after the retries with a clear message for that search only', async () => {
    const ehr = fakeEhr({ 'MedicationRequest?': () => new FhirHttpError(503) });
    const data = await loadPatientData(ehr, 'p1', { sleep: async () => {} });
    const medications = data.searches.find((s) => s.query.id === 'medicationRequests');
    expect(medications).toMatchObject({ status: 'failed', detail: 'the EHR returned an error (HTTP 503)' });
  });

  it('a 403 fails that search and names it; a 401 stops the load as an expired session', async () => {
    const forbidden = await loadPatientData(fakeEhr({ 'Condition?': () => new FhirHttpError(403) }), 'p1');
    expect(forbidden.searches.find((s) => s.query.id === 'conditions')).toMatchObject({
      status: 'failed',
      detail: 'the EHR refused access (permission not granted) (HTTP 403)',
    });
    await expect(
      loadPatientData(fakeEhr({ 'Observation?': () => new FhirHttpError(401) }), 'p1'),
    ).rejects.toMatchObject({
      kind: 'session-expired',
    });
  });

  it('skips searches whose resource type was not granted, saying so', async () => {
    const ehr = fakeEhr({});
    const data = await loadPatientData(ehr, 'p1', {
      grantedScope: 'launch openid patient/Patient.rs patient/Observation.rs patient/DiagnosticReport.rs',
    });
    const skipped = data.searches.filter((s) => s.status === 'skipped').map((s) => s.query.resourceType);
    expect(skipped.sort()).toEqual([
      'Condition',
      'DocumentReference',
      'MedicationAdministration',
      'MedicationRequest',
      'Procedure',
    ]);
    expect(ehr.calls.some((c) => c.startsWith('Condition'))).toBe(false);
  });

  it('treats a non-Bundle answer as malformed, and fails when nothing succeeds', async () => {
    const data = await loadPatientData(fakeEhr({ 'Condition?': () => ({ resourceType: 'OperationOutcome' }) }), 'p1');
    expect(data.searches.find((s) => s.query.id === 'conditions')?.detail).toBe(
      'the EHR returned something that is not a FHIR Bundle',
    );
    const all = fakeEhr(Object.fromEntries(QUERIES.map((q) => [`${q.resourceType}?`, () => new FhirHttpError(500)])));
    await expect(loadPatientData(all, 'p1')).rejects.toMatchObject({ kind: 'server' });
    await expect(loadPatientData(all, 'p1')).rejects.toBeInstanceOf(LoadError);
  });

  it('names the one cause when every search failed the same way (403 everywhere: a missing permission)', async () => {
    const refused = fakeEhr(
      Object.fromEntries(QUERIES.map((q) => [`${q.resourceType}?`, () => new FhirHttpError(403)])),
    );
    await expect(loadPatientData(refused, 'p1')).rejects.toMatchObject({ kind: 'forbidden' });
    // Patient searches refused (403), every other search a server error (500): no single cause.
    const mixed = fakeEhr(
      Object.fromEntries(
        QUERIES.map((q) => [`${q.resourceType}?`, () => new FhirHttpError(q.resourceType === 'Patient' ? 403 : 500)]),
      ),
    );
    expect(new Set(QUERIES.map((q) => q.resourceType)).has('Patient')).toBe(true);
    await expect(loadPatientData(mixed, 'p1')).rejects.toMatchObject({ kind: 'server' });
  });

  it('fetches report documents cited by URL and decodes them', async () => {
    const report = {
      resourceType: 'DiagnosticReport',
      id: 'r1',
      presentedForm: [
        { contentType: 'text/plain', url: 'Binary/b1' },
        { contentType: 'application/pdf', url: 'Binary/pdf' },
      ],
    };
    const text = 'Sentinel lymph nodes: 1 of 3 involved (1/3)\nÉtendue: 2,1 mm';
    const ehr = fakeEhr({
      'DiagnosticReport?': () => bundle([report]),
      'Binary/b1': () => ({
        resourceType: 'Binary',
        contentType: 'text/plain',
        data: Buffer.from(text, 'utf8').toString('base64'),
      }),
    });
    const data = await loadPatientData(ehr, 'p1');
    expect(data.resources.filter((r) => (r as { id: string }).id === 'r1').length).toBe(1);
    expect(data.binaries).toEqual({ 'Binary/b1': text });
    expect(ehr.calls).not.toContain('Binary/pdf');
  });

  it('reads a report document while the other searches are still pending', async () => {
    const report = {
      resourceType: 'DiagnosticReport',
      id: 'r1',
      presentedForm: [{ contentType: 'text/plain', url: 'Binary/b1' }],
    };
    let releaseConditions = () => {};
    const conditionsHeld = new Promise<void>((resolve) => (releaseConditions = resolve));
    const ehr = fakeEhr({
      'DiagnosticReport?': () => bundle([report]),
      'Condition?': () => conditionsHeld.then(() => empty),
      'Binary/b1': () => {
        // The Condition search has not answered yet when the document is asked for.
        releaseConditions();
        return { resourceType: 'Binary', contentType: 'text/plain', data: Buffer.from('pN1a').toString('base64') };
      },
    });
    // Were the document read only after every search, the Condition search would time out.
    const data = await loadPatientData(ehr, 'p1', { timeoutMs: 1000, deadlineMs: 3000 });
    expect(data.searches.filter((s) => s.query.resourceType === 'Condition').map((s) => s.status)).toEqual(['ok']);
    expect(data.binaries).toEqual({ 'Binary/b1': 'pN1a' });
    expect(ehr.calls.filter((c) => c === 'Binary/b1')).toHaveLength(1);
  });
});

/** A surgical pathology report (LOINC 11529-5) citing one specimen. */
const surgicalPathologyReport = (id: string, specimen: string) => ({
  resourceType: 'DiagnosticReport',
  id,
  code: { coding: [{ system: 'http://loinc.org', code: '11529-5' }] },
  specimen: [{ reference: `Specimen/${specimen}` }],
});

describe('loadPatientData against vendor rules', () => {
  const refused = () => new FhirHttpError(400, undefined, 'Required category or code missing');
  const receptor = {
    resourceType: 'Observation',
    id: 'er',
    code: { coding: [{ system: 'http://loinc.org', code: '85337-4' }] },
  };
  const glucose = {
    resourceType: 'Observation',
    id: 'glu',
    code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }] },
  };

  it('a search refused with 400 falls back once to its broader form, kept to the codes used, and the outcome says so', async () => {
    const ehr = fakeEhr({
      'Observation?patient=p1&code=': refused,
      'Observation?patient=p1&category=laboratory': () => bundle([receptor, glucose]),
    });
    const data = await loadPatientData(ehr, 'p1');
    expect(data.resources.filter((r) => (r as { resourceType: string }).resourceType === 'Observation')).toEqual([
      receptor,
    ]);
    // Three code searches refused, one shared fallback fetched once.
    expect(ehr.calls.filter((c) => c.startsWith('Observation?patient=p1&code=')).length).toBe(3);
    expect(ehr.calls.filter((c) => c.includes('category=laboratory')).length).toBe(1);
    const outcome = data.searches.find((s) => s.query.id === 'observationsLoinc');
    expect(outcome).toMatchObject({ status: 'fallback', count: 1, ranAs: { id: 'observationsLaboratory' } });
    // Its data loaded: nothing failed, so the load names no search that failed or could not run.
    expect(data.searches.filter((s) => s.status === 'failed' || s.status === 'skipped')).toEqual([]);
    expect(outcome?.detail).toBe(
      'the EHR refused the search by code list (HTTP 400); searched by category=laboratory instead',
    );
  });

  it('a refused search without a fallback fails and names what the EHR said', async () => {
    const data = await loadPatientData(fakeEhr({ 'Condition?': refused }), 'p1');
    expect(data.searches.find((s) => s.query.id === 'conditions')).toMatchObject({
      status: 'failed',
      detail: 'the EHR returned an error (HTTP 400: Required category or code missing)',
    });
  });

  it('reads the specimens the results cite by _id, never by patient', async () => {
    const report = surgicalPathologyReport('r1', 's1');
    const ehr = fakeEhr({
      'DiagnosticReport?': () => bundle([report]),
      'Specimen?_id=s1': () => bundle([{ resourceType: 'Specimen', id: 's1' }]),
    });
    const data = await loadPatientData(ehr, 'p1', { plan: planFor('epic') });
    expect(data.resources).toContainEqual({ resourceType: 'Specimen', id: 's1' });
    expect(ehr.calls.filter((c) => c.startsWith('Specimen'))).toEqual(['Specimen?_id=s1']);
  });

  it('reads a cited specimen as soon as the result citing it arrives, while other searches run', async () => {
    const report = surgicalPathologyReport('r1', 's1');
    const events: string[] = [];
    const base = fakeEhr({
      'DiagnosticReport?': () => bundle([report]),
      'Specimen?_id=s1': () => bundle([{ resourceType: 'Specimen', id: 's1' }]),
    });
    // The condition search answers only once the specimen was asked for (or after 500 ms without it).
    const ehr: FhirTransport = {
      baseUrl: BASE,
      async get(url) {
        events.push(`GET ${url.split('?')[0]}`);
        if (!url.startsWith('Condition?')) return base.get(url);
        for (let i = 0; i < 50 && !events.includes('GET Specimen'); i++) await new Promise((r) => setTimeout(r, 10));
        events.push('Condition answered');
        return empty;
      },
    };
    const data = await loadPatientData(ehr, 'p1', { plan: planFor('epic') });
    expect(events.indexOf('GET Specimen')).toBeGreaterThan(-1);
    expect(events.indexOf('GET Specimen')).toBeLessThan(events.indexOf('Condition answered'));
    expect(data.resources).toContainEqual({ resourceType: 'Specimen', id: 's1' });
  });

  it('keeps specimens and their notices in citation order, whichever read answered first', async () => {
    const cite = (id: string) => [{ reference: `Specimen/${id}` }];
    const ehr = fakeEhr({
      // The Observation search comes first in the plan but answers last.
      'Observation?patient=p1&code=http%3A%2F%2Floinc.org': async () => {
        await new Promise((r) => setTimeout(r, 40));
        return bundle([{ resourceType: 'Observation', id: 'o1', specimen: cite('s2') }]);
      },
      'DiagnosticReport?patient=p1&category': () =>
        bundle([{ resourceType: 'DiagnosticReport', id: 'r1', specimen: cite('s1') }]),
      'Specimen?_id=s1': () => new FhirHttpError(404),
      'Specimen?_id=s2': () => bundle([{ resourceType: 'Specimen', id: 's2' }]),
    });
    const data = await loadPatientData(ehr, 'p1');
    const order = ehr.calls.filter((c) => c.startsWith('Specimen'));
    expect(order).toEqual(['Specimen?_id=s1', 'Specimen?_id=s2']);
    expect(data.resources.map((r) => (r as { id: string }).id)).toEqual(['o1', 'r1', 's2']);
    const notices = data.searches.filter((s) => s.query.resourceType === 'Specimen');
    expect(notices).toMatchObject([{ status: 'failed', query: { id: 'specimens2', params: [['_id', 's1']] } }]);
  });

  it('runs the Epic plan as given: no code list, category searches only', async () => {
    const ehr = fakeEhr({});
    await loadPatientData(ehr, 'p1', { plan: planFor('epic') });
    expect(ehr.calls.filter((c) => c.startsWith('Observation')).sort()).toEqual([
      'Observation?patient=p1&category=imaging',
      'Observation?patient=p1&category=laboratory',
    ]);
    expect(ehr.calls).toContain('DocumentReference?patient=p1&category=clinical-reference');
  });

  it('a 401 ends the load at once, and searches still settling report no progress afterwards', async () => {
    const progress: number[] = [];
    const slow: FhirTransport = {
      baseUrl: BASE,
      get: (url) =>
        url.startsWith('Condition')
          ? Promise.reject(new FhirHttpError(401))
          : new Promise((r) => setTimeout(() => r(empty), 30)),
    };
    await expect(loadPatientData(slow, 'p1', { onProgress: (d) => progress.push(d) })).rejects.toMatchObject({
      kind: 'session-expired',
    });
    const atEnd = progress.length;
    await new Promise((r) => setTimeout(r, 80));
    expect(progress.length).toBe(atEnd);
  });

  it('ends with a message at the overall deadline, never waiting without end, and starts nothing after it', async () => {
    const calls: string[] = [];
    const hanging: FhirTransport = { baseUrl: BASE, get: (url) => (calls.push(url), new Promise(() => {})) };
    const started = Date.now();
    await expect(loadPatientData(hanging, 'p1', { deadlineMs: 200 })).rejects.toMatchObject({
      kind: 'timeout',
      message: 'Loading the record took longer than 1 s and was stopped. Nothing was saved.',
    });
    expect(Date.now() - started).toBeLessThan(2000);
    const before = calls.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.length).toBe(before);
  });
});

describe('scopes', () => {
  it('reads v2 and v1 scopes', () => {
    expect(canRead('patient/Observation.rs', 'Observation')).toBe(true);
    expect(canRead('patient/Observation.read', 'Observation')).toBe(true);
    expect(canRead('patient/*.read', 'Condition')).toBe(true);
    expect(canRead('patient/Observation.c', 'Observation')).toBe(false);
    expect(canRead('patient/Observation.rs', 'Condition')).toBe(false);
    expect(canRead(undefined, 'Condition')).toBe(true);
    expect(canCreate('patient/RiskAssessment.c', 'RiskAssessment')).toBe(true);
    expect(canCreate('patient/RiskAssessment.write', 'RiskAssessment')).toBe(true);
    expect(canCreate('patient/RiskAssessment.rs', 'RiskAssessment')).toBe(false);
  });
});

describe('the order searches are sent in', () => {
  it('sends the report searches first, and keeps the outcomes and resources in the plan order', async () => {
    const ehr = fakeEhr({
      'Patient?': () => bundle([{ resourceType: 'Patient', id: 'p1' }]),
      'DiagnosticReport?': () => bundle([{ resourceType: 'DiagnosticReport', id: 'r1' }]),
      'Condition?': () => bundle([{ resourceType: 'Condition', id: 'c1' }]),
    });
    const plan = planFor('generic');
    const data = await loadPatientData(ehr, 'p1', { plan });
    const sentTypes = ehr.calls.map((url) => url.split('?')[0]);
    const reports = plan.searches.filter((q) => /^(DiagnosticReport|DocumentReference)$/.test(q.resourceType)).length;
    expect(reports).toBeGreaterThan(0);
    expect(new Set(sentTypes.slice(0, reports))).toEqual(new Set(['DiagnosticReport', 'DocumentReference']));
    expect(sentTypes.slice(reports)).not.toContain('DiagnosticReport');
    expect(data.searches.map((s) => s.query)).toEqual(plan.searches);
    expect(data.resources.map((r) => (r as { id: string }).id)).toEqual(['p1', 'r1', 'c1']);
  });
  it('asks for the report searches and what they cite as urgent, every other search as able to wait', async () => {
    const report = {
      ...surgicalPathologyReport('r1', 's1'),
      presentedForm: [{ contentType: 'text/plain', url: 'Binary/b1' }],
    };
    const urgency = new Map<string, string | undefined>();
    const ehr = fakeEhr({
      'DiagnosticReport?': () => bundle([report]),
      'Specimen?': () => bundle([{ resourceType: 'Specimen', id: 's1' }]),
      'Binary/b1': () => ({
        resourceType: 'Binary',
        contentType: 'text/plain',
        data: Buffer.from('pN1a').toString('base64'),
      }),
    });
    const recording: FhirTransport = {
      baseUrl: ehr.baseUrl,
      get: (url, level) => (urgency.set(url.split('?')[0]!, level), ehr.get(url)),
    };
    await loadPatientData(recording, 'p1', { plan: planFor('generic') });
    expect(Object.fromEntries(urgency)).toEqual({
      DiagnosticReport: 'high',
      DocumentReference: 'high',
      Specimen: 'high',
      'Binary/b1': 'high',
      Patient: 'low',
      Observation: 'low',
      Condition: 'low',
      Procedure: 'low',
      MedicationRequest: 'low',
      MedicationAdministration: 'low',
    });
  });
});
