import type { Observation, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/server.ts';
import { fhirGet, launchToToken } from './helpers.ts';

const PAGING_PATIENT = 'paging-test';
const N = 1000;

let sb: Sandbox;
beforeAll(async () => {
  const patient: Patient = { resourceType: 'Patient', id: PAGING_PATIENT, gender: 'female', birthDate: '1970-01-01' };
  const obs: Observation[] = Array.from({ length: N }, (_, i) => ({
    resourceType: 'Observation',
    id: `pg-${i}`,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '718-7' }] },
    subject: { reference: `Patient/${PAGING_PATIENT}` },
    valueQuantity: { value: i, unit: 'g/dL' },
  }));
  sb = await start({ resources: [patient, ...obs] });
});
afterAll(async () => {
  await sb.close();
});

import { start } from './helpers.ts';

describe('bearer token', () => {
  it('is required for every FHIR request but /metadata', async () => {
    const none = await fhirGet(sb, 'Patient/micrometastasis', undefined);
    expect(none.status).toBe(401);
    expect(none.res.headers.get('www-authenticate')).toMatch(/^Bearer .*invalid_token/);
    expect((await fhirGet(sb, 'Patient/micrometastasis', 'made-up-token')).status).toBe(401);
  });
});

describe('scope enforcement', () => {
  it('answers 403 for a resource type outside the v2 scopes, 200 inside', async () => {
    const t = await launchToToken(sb, { patient: 'micrometastasis', scope: 'launch patient/Observation.rs' });
    const at = t.access_token as string;
    expect((await fhirGet(sb, 'Observation?patient=micrometastasis', at)).status).toBe(200);
    const dr = await fhirGet(sb, 'DiagnosticReport?patient=micrometastasis', at);
    expect(dr.status).toBe(403);
    expect(dr.body.resourceType).toBe('OperationOutcome');
    expect((await fhirGet(sb, 'Patient/micrometastasis', at)).status).toBe(403);
  });

  it('distinguishes read from search (v2 .r without s)', async () => {
    const t = await launchToToken(sb, { patient: 'micrometastasis', scope: 'launch patient/Observation.r' });
    const at = t.access_token as string;
    expect((await fhirGet(sb, 'Observation/micrometastasis-sln-examined', at)).status).toBe(200);
    expect((await fhirGet(sb, 'Observation?patient=micrometastasis', at)).status).toBe(403);
  });

  it('understands v1 .read scopes and refuses create without write', async () => {
    const t = await launchToToken(sb, {
      patient: 'micrometastasis',
      scope: 'launch patient/Observation.read patient/RiskAssessment.read',
    });
    const at = t.access_token as string;
    expect((await fhirGet(sb, 'Observation?patient=micrometastasis', at)).status).toBe(200);
    const res = await fetch(`${sb.fhirBase}/RiskAssessment`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${at}`, 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'RiskAssessment',
        status: 'final',
        subject: { reference: 'Patient/micrometastasis' },
      }),
    });
    expect(res.status).toBe(403);
  });
});

describe('patient compartment', () => {
  it('limits searches to the token patient even when no patient parameter is given', async () => {
    const t = await launchToToken(sb, { patient: 'itc-only', scope: 'launch patient/*.rs' });
    const at = t.access_token as string;
    const all = await fhirGet(sb, 'Observation?_count=1000', at);
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(0);
    expect(all.body.entry.every((e: any) => e.resource.subject.reference === 'Patient/itc-only')).toBe(true);
    const other = await fhirGet(sb, 'Observation?patient=micrometastasis', at);
    expect(other.body.total).toBe(0);
    const patients = await fhirGet(sb, 'Patient', at);
    expect(patients.body.entry.map((e: any) => e.resource.id)).toEqual(['itc-only']);
  });

  it('hides other patients’ resources and report documents on read', async () => {
    const t = await launchToToken(sb, { patient: 'itc-only', scope: 'launch patient/*.rs' });
    const at = t.access_token as string;
    expect((await fhirGet(sb, 'Patient/micrometastasis', at)).status).toBe(404);
    expect((await fhirGet(sb, 'Observation/micrometastasis-sln-examined', at)).status).toBe(404);
    expect((await fhirGet(sb, 'Binary/micrometastasis-report', at)).status).toBe(404);
    expect((await fhirGet(sb, 'Binary/itc-only-report', at)).status).toBe(200);
  });

  it('accepts bare patient ids as fhirclient sends them', async () => {
    const t = await launchToToken(sb, { patient: 'micrometastasis', scope: 'launch patient/*.rs' });
    const r = await fhirGet(
      sb,
      'Observation?patient=micrometastasis&code=http://loinc.org|85347-3',
      t.access_token as string,
    );
    expect(r.body.total).toBe(1);
    expect(r.body.entry[0].resource.valueQuantity.value).toBe(3);
  });
});

describe('Binary report documents', () => {
  it('returns the raw text for its own content type and the FHIR resource otherwise', async () => {
    const t = await launchToToken(sb, { patient: 'epic-text-only', scope: 'launch patient/*.rs' });
    const at = t.access_token as string;
    const dr = await fhirGet(sb, 'DiagnosticReport?patient=epic-text-only', at);
    const url = dr.body.entry[0].resource.presentedForm[0].url as string;
    const raw = await fhirGet(sb, url, at, { Accept: 'text/html' });
    expect(raw.status).toBe(200);
    expect(raw.res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(raw.body).toContain('Number of Sentinel Nodes Examined: 2');
    const json = await fhirGet(sb, url, at);
    expect(json.body.resourceType).toBe('Binary');
    expect(json.body.securityContext.reference).toBe('Patient/epic-text-only');
  });
});

describe('RiskAssessment create', () => {
  it('creates in the token patient’s compartment and refuses another patient', async () => {
    const t = await launchToToken(sb, { patient: 'micrometastasis', scope: 'launch patient/RiskAssessment.crs' });
    const at = t.access_token as string;
    const post = (subject: string) =>
      fetch(`${sb.fhirBase}/RiskAssessment`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${at}`, 'Content-Type': 'application/fhir+json' },
        body: JSON.stringify({
          resourceType: 'RiskAssessment',
          status: 'final',
          subject: { reference: subject },
          prediction: [{ probabilityDecimal: 0.21 }],
        }),
      });
    const ok = await post('Patient/micrometastasis');
    expect(ok.status).toBe(201);
    const created = (await ok.json()) as { id: string };
    expect(ok.headers.get('location')).toContain(`/RiskAssessment/${created.id}`);
    const read = await fhirGet(sb, `RiskAssessment/${created.id}`, at);
    expect(read.body.prediction[0].probabilityDecimal).toBe(0.21);
    expect((await post('Patient/itc-only')).status).toBe(403);
  });

  it('is the only create served', async () => {
    const t = await launchToToken(sb, { patient: 'micrometastasis', scope: 'launch patient/*.cruds' });
    const res = await fetch(`${sb.fhirBase}/Observation`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.access_token as string}`, 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'x' },
        subject: { reference: 'Patient/micrometastasis' },
      }),
    });
    expect(res.status).toBe(405);
  });
});

describe('paging', () => {
  it('walks a 1,000-resource search through next links at the default page size', async () => {
    const t = await launchToToken(sb, { patient: PAGING_PATIENT, scope: 'launch patient/*.rs' });
    const at = t.access_token as string;
    let url: string | undefined = `${sb.fhirBase}/Observation?patient=${PAGING_PATIENT}`;
    const ids = new Set<string>();
    let pages = 0;
    let lastBundle: any;
    while (url) {
      const { status, body } = await fhirGet(sb, url, at);
      expect(status).toBe(200);
      expect(body.total).toBe(N);
      expect(body.entry.length).toBeLessThanOrEqual(20);
      for (const e of body.entry) ids.add(e.resource.id);
      pages++;
      lastBundle = body;
      url = body.link.find((l: any) => l.relation === 'next')?.url;
    }
    expect(pages).toBe(N / 20);
    expect(ids.size).toBe(N);
    const prev = lastBundle.link.find((l: any) => l.relation === 'previous')?.url as string;
    const prevPage = await fhirGet(sb, prev, at);
    expect(prevPage.body.entry.map((e: any) => e.resource.id)).toEqual(
      Array.from({ length: 20 }, (_, i) => `pg-${N - 40 + i}`),
    );
  });

  it('honours _count and says so in its links', async () => {
    const t = await launchToToken(sb, { patient: PAGING_PATIENT, scope: 'launch patient/*.rs' });
    const { body } = await fhirGet(sb, `Observation?patient=${PAGING_PATIENT}&_count=300`, t.access_token as string);
    expect(body.entry).toHaveLength(300);
    const next = new URL(body.link.find((l: any) => l.relation === 'next').url);
    expect(next.searchParams.get('_count')).toBe('300');
    expect(next.searchParams.get('_offset')).toBe('300');
    expect(body.link.find((l: any) => l.relation === 'previous')).toBeUndefined();
  });
});

describe('unsupported searches', () => {
  it('answer 400 with an OperationOutcome', async () => {
    const t = await launchToToken(sb, { patient: 'micrometastasis', scope: 'launch patient/*.rs' });
    const r = await fhirGet(sb, 'Observation?no-such-param=1', t.access_token as string);
    expect(r.status).toBe(400);
    expect(r.body.resourceType).toBe('OperationOutcome');
  });
});
