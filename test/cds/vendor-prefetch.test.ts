// CDS prefetch per vendor: discovery answers each trusted client (known by its signed JWT) with
// templates in its vendor's plan; filled from the sandbox's Epic-like and Oracle Health-like
// bases, every template is accepted there, and the card equals the one from the generic server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherResources } from '../../src/cds/prefetch.ts';
import type { HookRequest } from '../../src/cds/request-schema.ts';
import { planFor, prefetchTemplates, type VendorProfile } from '../../src/fhir/queries.ts';
import { resolvePrefetchTemplate } from '../../src/sandbox/cds-client/client.ts';
import type { Sandbox } from '../../src/sandbox/server.ts';
import { launchToToken, start } from '../sandbox/helpers.ts';
import { SERVICE_URL, config, hookBody, makeKey, sign, startCds, type RunningCds, type TestKey } from './helpers.ts';

const VENDORS: readonly VendorProfile[] = ['generic', 'epic', 'oracle'];
const issOf = (vendor: VendorProfile) => `https://${vendor}-ehr.example.test`;
const PATIENTS = ['macro-z0011', 'micrometastasis', 'two-macro'] as const;

let sb: Sandbox;
let cds: RunningCds;
let key: TestKey;
beforeAll(async () => {
  key = await makeKey('ES384');
  sb = await start();
  const clients = VENDORS.map((vendor) => ({
    iss: issOf(vendor),
    jwks: { keys: [key.publicJwk] },
    ...(vendor === 'generic' ? {} : { vendor }),
  }));
  cds = await startCds({ config: config([key], { clients }) }, key);
}, 60_000);
afterAll(async () => {
  await cds?.close();
  await sb?.close();
});

/** GET/POST as one trusted client (its own iss in the JWT). */
async function as(vendor: VendorProfile, path: string, body?: unknown) {
  const token = await sign({ key, iss: issOf(vendor), aud: `${SERVICE_URL}${path}` });
  const response = await fetch(`${cds.base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

type Discovered = { services: { id: string; hook: string; prefetch: Record<string, string> }[] };

describe('discovery per calling client', () => {
  it("answers each client with its vendor's prefetch templates (generic when it names none)", async () => {
    for (const vendor of VENDORS) {
      const { status, json } = await as(vendor, '/cds-services');
      expect(status).toBe(200);
      for (const s of (json as unknown as Discovered).services)
        expect(s.prefetch).toEqual(prefetchTemplates(planFor(vendor).searches));
    }
    const epic = ((await as('epic', '/cds-services')).json as unknown as Discovered).services[0]!.prefetch;
    expect(epic.observationsLaboratory).toBe('Observation?patient={{context.patientId}}&category=laboratory');
    expect(Object.values(epic).some((t) => t.includes('code='))).toBe(false);
    const oracle = ((await as('oracle', '/cds-services')).json as unknown as Discovered).services[0]!.prefetch;
    expect(oracle.observationsLoinc).toMatch(/&_count=200$/);
  });
});

describe('prefetch filled from each vendor mode', () => {
  const cards = new Map<string, unknown>();
  for (const vendor of VENDORS)
    for (const patient of PATIENTS)
      it(`${vendor}: ${patient}: every template accepted, the same card as generic`, async () => {
        const base = sb.fhirBases[vendor];
        const access = (await launchToToken(sb, { patient, aud: base })).access_token as string;
        const { services } = (await as(vendor, '/cds-services')).json as unknown as Discovered;
        const service = services.find((s) => s.hook === 'order-select')!;
        const prefetch: Record<string, unknown> = {};
        for (const [k, template] of Object.entries(service.prefetch)) {
          const url = resolvePrefetchTemplate(template, { patientId: patient, userId: 'Practitioner/dr-rivera' });
          const res = await fetch(`${base}/${url}`, {
            headers: { accept: 'application/fhir+json', authorization: `Bearer ${access}` },
          });
          expect(`${k}: ${res.status}`).toBe(`${k}: 200`);
          prefetch[k] = await res.json();
        }
        // The service may fetch what prefetch left out (specimens by id, report documents) from this base.
        const fetchFrom = {
          fhirServer: base,
          fhirAuthorization: {
            access_token: access,
            token_type: 'Bearer',
            expires_in: 300,
            scope: 'patient/*.rs',
            subject: 'cds',
          },
        };
        const { status, json } = await as(
          vendor,
          `/cds-services/${service.id}`,
          hookBody('order-select', patient, { prefetch, ...fetchFrom }),
        );
        expect(status).toBe(200);
        const shown = (json.cards as { summary: string; detail: string }[]).map(({ summary, detail }) => ({
          summary,
          detail,
        }));
        expect(shown).toHaveLength(1);
        expect(shown[0]?.detail).toMatch(/\d+%/);
        if (vendor === 'generic') cards.set(patient, shown);
        else expect(shown).toEqual(cards.get(patient));
      });
});

describe('prefetch in a vendor shape', () => {
  it("Epic's category=laboratory bundle is kept to the codes the extraction uses, as the app does", async () => {
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
    const note = {
      resourceType: 'DocumentReference',
      id: 'visit-note',
      type: { coding: [{ system: 'http://loinc.org', code: '11506-3' }] },
    };
    const bundle = (resources: unknown[]) => ({
      resourceType: 'Bundle',
      type: 'searchset',
      entry: resources.map((resource) => ({ resource })),
    });
    const searches = planFor('epic').searches;
    const prefetch: Record<string, unknown> = Object.fromEntries(searches.map((q) => [q.id, bundle([])]));
    prefetch.observationsLaboratory = bundle([receptor, glucose]);
    prefetch.documents = bundle([note]);
    const request = { ...hookBody('patient-view', 'p1'), prefetch } as unknown as HookRequest;
    const limits = { timeoutMs: 2000, maxPages: 5, maxDocuments: 5, maxResponseBytes: 1_000_000 };
    const { resources } = await gatherResources(request, { searches, limits, fetch });
    expect(resources.map((r) => (r as { id: string }).id)).toEqual(['er']);
    // The generic plan's keys are not Epic's: given Epic's prefetch, the generic reading finds it incomplete.
    await expect(gatherResources(request, { limits, fetch })).rejects.toThrow('prefetch incomplete');
  });
});
