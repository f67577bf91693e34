// The sandbox's Epic-like and Oracle Health-like FHIR bases enforce the documented vendor rules
// (src/sandbox/fhir/vendor-modes.ts names the source of each).
import type { DiagnosticReport, Observation, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/server.ts';
import type { VendorMode } from '../../src/sandbox/fhir/vendor-modes.ts';
import { CLIENT_ID, REDIRECT_URI, authorizeToCode, fhirGet, pkce, start, token } from './helpers.ts';

const PATIENT = 'vendor-paging';
let sb: Sandbox;
beforeAll(async () => {
  const patient: Patient = { resourceType: 'Patient', id: PATIENT, gender: 'female', birthDate: '1970-01-01' };
  const obs: Observation[] = Array.from({ length: 250 }, (_, i) => ({
    resourceType: 'Observation',
    id: `vp-obs-${i}`,
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: '718-7' }] },
    subject: { reference: `Patient/${PATIENT}` },
  }));
  const reports: DiagnosticReport[] = Array.from({ length: 25 }, (_, i) => ({
    resourceType: 'DiagnosticReport',
    id: `vp-dr-${i}`,
    status: 'final',
    code: { text: 'CBC' },
    subject: { reference: `Patient/${PATIENT}` },
  }));
  sb = await start({ resources: [patient, ...obs, ...reports] });
});
afterAll(async () => {
  await sb.close();
});

/** An EHR launch whose tokens are for one vendor mode's FHIR base. */
async function tokenFor(mode: VendorMode, patient: string): Promise<Record<string, unknown>> {
  const { verifier, challenge } = pkce();
  const launch = sb.createLaunch({ patient });
  const { code } = await authorizeToCode(sb, {
    scope: 'launch openid fhirUser patient/*.rs online_access',
    challenge,
    launch,
    aud: sb.fhirBases[mode],
  });
  const t = await token(sb, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT_ID,
    code_verifier: verifier,
  });
  if (t.status !== 200) throw new Error(`token ${t.status}`);
  return t.body;
}

const get = (mode: VendorMode, path: string, at: unknown, headers: Record<string, string> = {}) =>
  fhirGet(sb, path.startsWith('http') ? path : `${sb.fhirBases[mode]}/${path}`, at as string, headers);

const capability = async (mode: VendorMode) =>
  (await get(mode, 'metadata', undefined)).body as {
    rest: { resource: { type: string; interaction: { code: string }[]; searchParam: { name: string }[] }[] }[];
  };
const types = (cs: Awaited<ReturnType<typeof capability>>) => cs.rest[0]!.resource.map((r) => r.type);

describe('Epic-like mode', () => {
  let at: unknown;
  beforeAll(async () => {
    at = (await tokenFor('epic', 'macro-z0011')).access_token;
  });

  it('refuses an Observation search without category or code as Epic does (400, fatal, required, 59108)', async () => {
    const res = await get('epic', 'Observation?patient=macro-z0011', at);
    expect(res.status).toBe(400);
    expect(res.body.issue[0]).toMatchObject({
      severity: 'fatal',
      code: 'required',
      details: { coding: [{ code: '59108' }] },
    });
    const bad = await get('epic', 'Observation?patient=macro-z0011&category=labresults', at);
    expect([bad.status, bad.body.issue[0].details.coding[0].code]).toEqual([400, '59111']);
    const ok = await get('epic', 'Observation?patient=macro-z0011&category=laboratory', at);
    expect(ok.status).toBe(200);
    expect(ok.body.entry.length).toBeGreaterThan(10);
  });

  it('needs category=clinical-reference on DocumentReference, and searches Specimen by _id only', async () => {
    expect((await get('epic', 'DocumentReference?patient=macro-z0011', at)).status).toBe(400);
    expect((await get('epic', 'DocumentReference?patient=macro-z0011&category=clinical-reference', at)).status).toBe(
      200,
    );
    expect((await get('epic', 'Specimen?patient=macro-z0011', at)).status).toBe(400);
    const byId = await get('epic', 'Specimen?_id=macro-z0011-spec-sln', at);
    expect(byId.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual(['macro-z0011-spec-sln']);
  });

  it('serves report documents as HTML with an RTF rendition', async () => {
    const reports = (await get('epic', 'DiagnosticReport?patient=macro-z0011', at)).body.entry;
    const report = reports.find(
      (e: { resource: { id: string } }) => e.resource.id === 'macro-z0011-pathology',
    ).resource;
    expect(report.presentedForm.map((a: { contentType: string; url: string }) => [a.contentType, a.url])).toEqual([
      ['text/html', 'Binary/macro-z0011-report'],
      ['text/rtf', 'Binary/macro-z0011-report.rtf'],
    ]);
    const html = await get('epic', 'Binary/macro-z0011-report', at);
    expect(html.body.contentType).toBe('text/html');
    expect(Buffer.from(html.body.data, 'base64').toString()).toMatch(/^<html><body>\n<p>/);
    const rtf = await get('epic', 'Binary/macro-z0011-report.rtf', at);
    expect(Buffer.from(rtf.body.data, 'base64').toString()).toMatch(/^\{\\rtf1/);
  });

  it('declares no RiskAssessment and no create; Specimen with _id and _count only', async () => {
    const cs = await capability('epic');
    expect(types(cs)).not.toContain('RiskAssessment');
    expect(cs.rest[0]!.resource.some((r) => r.interaction.some((i) => i.code === 'create'))).toBe(false);
    expect(cs.rest[0]!.resource.find((r) => r.type === 'Specimen')?.searchParam.map((p) => p.name)).toEqual([
      '_id',
      '_count',
    ]);
    expect(types(await capability('generic'))).toContain('RiskAssessment');
  });

  it('takes no token issued for another FHIR base', async () => {
    const generic = await tokenFor('generic', 'macro-z0011');
    expect((await get('epic', 'Patient/macro-z0011', generic.access_token)).status).toBe(401);
    expect((await get('epic', 'Patient/macro-z0011', at)).status).toBe(200);
  });
});

describe('Oracle Health-like mode', () => {
  let tokens: Record<string, unknown>;
  beforeAll(async () => {
    tokens = await tokenFor('oracle', PATIENT);
  });

  it('needs patient or _id, pages by opaque next links only, 10 reports and 50 observations by default', async () => {
    const at = tokens.access_token;
    expect((await get('oracle', 'Observation?code=718-7', at)).status).toBe(400);
    let res = await get('oracle', `DiagnosticReport?patient=${PATIENT}`, at);
    const sizes: number[] = [];
    for (;;) {
      expect(res.status).toBe(200);
      sizes.push(res.body.entry?.length ?? 0);
      const next = res.body.link.find((l: { relation: string }) => l.relation === 'next')?.url;
      if (!next) break;
      expect(next).toMatch(/pageContext=[0-9a-f-]+&direction=NEXT$/);
      res = await get('oracle', next, at);
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect((await get('oracle', `DiagnosticReport?patient=${PATIENT}&_offset=10`, at)).status).toBe(400);
    expect((await get('oracle', `Observation?patient=${PATIENT}`, at)).body.entry.length).toBe(50);
    expect((await get('oracle', `Observation?patient=${PATIENT}&_count=1000`, at)).body.entry.length).toBe(200);
    expect((await get('oracle', `DiagnosticReport?patient=${PATIENT}&_count=1000`, at)).body.entry.length).toBe(25);
  });

  it('refuses Binary with Accept: application/json; serves it for application/fhir+json or its own type', async () => {
    const { access_token: at } = await tokenFor('oracle', 'macro-z0011');
    expect((await get('oracle', 'Binary/macro-z0011-report', at, { Accept: 'application/json' })).status).toBe(406);
    expect(
      (await get('oracle', 'Binary/macro-z0011-report', at, { Accept: 'application/fhir+json' })).body.resourceType,
    ).toBe('Binary');
    const raw = await get('oracle', 'Binary/macro-z0011-report', at, { Accept: 'text/plain' });
    expect([raw.status, typeof raw.body]).toEqual([200, 'string']);
    expect((await get('oracle', 'Specimen?patient=macro-z0011', at)).status).toBe(400);
  });

  it('issues 570 s access tokens; a refresh returns no new refresh token and the old one keeps working', async () => {
    expect(tokens.expires_in).toBe(570);
    const refresh = tokens.refresh_token as string;
    for (let i = 0; i < 2; i++) {
      const t = await token(sb, { grant_type: 'refresh_token', refresh_token: refresh, client_id: CLIENT_ID });
      expect(t.status).toBe(200);
      expect(t.body.refresh_token).toBeUndefined();
      expect(t.body.expires_in).toBe(570);
    }
  });

  it('declares DocumentReference create and no RiskAssessment', async () => {
    const cs = await capability('oracle');
    expect(types(cs)).not.toContain('RiskAssessment');
    const creatable = cs.rest[0]!.resource.filter((r) => r.interaction.some((i) => i.code === 'create')).map(
      (r) => r.type,
    );
    expect(creatable).toEqual(['DocumentReference']);
  });
});
