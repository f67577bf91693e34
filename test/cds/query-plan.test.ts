// The CDS service's own fetches follow the app's query rules: percent-encoded values, one broader
// retry of a search refused with 400, specimens read by the ids results cite.
import { describe, expect, it } from 'vitest';
import { gatherResources } from '../../src/cds/prefetch.ts';
import type { HookRequest } from '../../src/cds/request-schema.ts';

const BASE = 'https://ehr.example.org/fhir';
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/fhir+json' } });
const bundle = (resources: unknown[]) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  entry: resources.map((resource) => ({ resource })),
});

describe('CDS fetches', () => {
  it('encode every value, fall back once on 400, and read cited specimens by _id', async () => {
    const urls: URL[] = [];
    const receptor = {
      resourceType: 'Observation',
      id: 'er',
      code: { coding: [{ system: 'http://loinc.org', code: '85337-4' }] },
      specimen: { reference: 'Specimen/s1' },
    };
    const glucose = {
      resourceType: 'Observation',
      id: 'glu',
      code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }] },
    };
    const fetch = (async (input: URL | string) => {
      const url = new URL(String(input));
      urls.push(url);
      const p = url.searchParams;
      if (url.pathname.endsWith('/Observation') && p.has('code'))
        return json({ resourceType: 'OperationOutcome', issue: [{ severity: 'fatal', code: 'required' }] }, 400);
      if (url.pathname.endsWith('/Observation') && p.get('category') === 'laboratory')
        return json(bundle([receptor, glucose]));
      if (url.pathname.endsWith('/Specimen') && p.get('_id') === 's1')
        return json(bundle([{ resourceType: 'Specimen', id: 's1' }]));
      return json(bundle([]));
    }) as typeof globalThis.fetch;
    const request = {
      hook: 'order-select',
      hookInstance: 'h1',
      context: { userId: 'Practitioner/x', patientId: 'p1' },
      fhirServer: BASE,
    } as unknown as HookRequest;
    const limits = { timeoutMs: 5000, maxPages: 5, maxDocuments: 50, maxResponseBytes: 5_000_000 };
    const { resources } = await gatherResources(request, { limits, fetch, server: { base: BASE } });
    const ids = resources.map((r) => (r as { id: string }).id);
    expect(ids).toContain('er');
    expect(ids).not.toContain('glu');
    expect(ids).toContain('s1');
    expect(urls.filter((u) => u.searchParams.get('category') === 'laboratory')).toHaveLength(1); // shared by the three refused code searches
    expect(urls.some((u) => u.pathname.endsWith('/Specimen') && u.searchParams.has('patient'))).toBe(false);
    for (const u of urls) expect(u.search).not.toMatch(/[/|,]/);
  });
});
