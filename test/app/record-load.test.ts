import { describe, expect, it } from 'vitest';
import type { FhirTransport } from '../../src/app/load/load-patient-data.ts';
import { startRecordLoad } from '../../src/app/load/record-load.ts';
import { planFor } from '../../src/fhir/queries.ts';

const BASE = 'https://record-load.example.org/fhir';

function fakeEhr(): FhirTransport & { calls: string[] } {
  const calls: string[] = [];
  return {
    baseUrl: BASE,
    calls,
    get(url: string) {
      calls.push(url);
      const resources = url.startsWith('Patient?') ? [{ resourceType: 'Patient', id: 'p1' }] : [];
      return Promise.resolve({ resourceType: 'Bundle', entry: resources.map((resource) => ({ resource })) });
    },
  };
}

describe('startRecordLoad', () => {
  it('sends the statement request and every search of the plan before it returns', () => {
    const ehr = fakeEhr();
    const statements: string[] = [];
    const getPublic = (url: string) => (statements.push(url), Promise.resolve({ resourceType: 'CapabilityStatement' }));
    startRecordLoad({ patientId: 'p1', transport: ehr, vendor: 'epic', getPublic });
    expect(statements).toEqual([`${BASE}/metadata`]);
    expect(ehr.calls.length).toBe(planFor('epic').searches.length);
  });

  it('gives a listener that subscribes late the progress so far, then the data', async () => {
    const record = startRecordLoad({ patientId: 'p1', transport: fakeEhr(), vendor: 'epic' });
    const data = await record.data;
    const seen: [number, number][] = [];
    record.onProgress((done, total) => seen.push([done, total]));
    const searches = planFor('epic').searches.length;
    expect(seen).toEqual([[searches, searches]]);
    expect(data.resources).toEqual([{ resourceType: 'Patient', id: 'p1' }]);
    await expect(record.capability).resolves.toBeUndefined();
  });

  it('a load that fails before anyone listens still rejects for the app, without an unhandled rejection', async () => {
    const failing: FhirTransport = { baseUrl: BASE, get: () => Promise.reject(new Error('offline')) };
    const record = startRecordLoad({ patientId: 'p1', transport: failing, vendor: 'epic' });
    await new Promise((r) => setTimeout(r, 20));
    await expect(record.data).rejects.toMatchObject({ message: expect.stringMatching(/No search succeeded/) });
  });
});
