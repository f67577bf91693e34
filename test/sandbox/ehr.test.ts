import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientConfigError, loadClients, parseClients } from '../../src/sandbox/auth/clients.ts';
import { fillPrefetch, resolvePrefetchTemplate, signClientJwt } from '../../src/sandbox/cds-client/client.ts';
import { escapeHtml, html } from '../../src/sandbox/ehr/html.ts';
import { LONG_HISTORY_OBSERVATIONS, generateLongHistory } from '../../src/sandbox/patients/long-history.ts';
import { SCENARIOS, loadAllScenarios } from '../../src/sandbox/patients/index.ts';
import type { Sandbox } from '../../src/sandbox/server.ts';
import {
  APP_ORIGIN,
  CLIENT_ID,
  REDIRECT_URI,
  authorizeToCode,
  fhirGet,
  pkce,
  postForm,
  start,
  token,
} from './helpers.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(async () => {
  await sb.close();
});

describe('launcher and chart', () => {
  it('lists every scenario patient with an Open chart form and the standalone link, without script', async () => {
    const res = await fetch(`${sb.ehrOrigin}/`);
    const page = await res.text();
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page).not.toContain('<script');
    for (const s of sb.scenarios) expect(page).toContain(`value="${s.patientId}"`);
    expect(page).toContain(escapeHtml(`${APP_ORIGIN}/launch/launch.html?iss=${encodeURIComponent(sb.fhirBase)}`));
  });

  it('frames the app through a real EHR launch (iss + launch) that /authorize accepts', async () => {
    const res = await fetch(`${sb.ehrOrigin}/ehr/chart?patient=two-macro&fault=`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain(`frame-src 'self' ${APP_ORIGIN}`);
    const page = await res.text();
    const src = /<iframe[^>]*src="([^"]+)"/.exec(page)?.[1] ?? '';
    const url = new URL(src.replace(/&#(\d+);/g, (_m, c: string) => String.fromCharCode(Number(c))));
    expect(url.origin + url.pathname).toBe(`${APP_ORIGIN}/launch/launch.html`);
    expect(url.searchParams.get('iss')).toBe(sb.fhirBase);
    const launch = url.searchParams.get('launch') ?? '';
    const { challenge, verifier } = pkce();
    const { code } = await authorizeToCode(sb, { scope: 'launch launch/encounter patient/*.rs', launch, challenge });
    const t = await token(sb, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: verifier,
    });
    expect(t.body.patient).toBe('two-macro');
    expect(t.body.encounter).toBe('two-macro-surgery');
    expect(t.body.need_patient_banner).toBe(false);
  });

  it('escapes what it renders', () => {
    expect(html`<p>${'<script>alert("x")</script>'}</p>`.value).toBe(
      '<p>&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;</p>',
    );
    expect(html`<a href="${'" onclick="x'}"></a>`.value).not.toContain('" onclick');
  });

  it('says no CDS service is configured on the order screen', async () => {
    const page = await (await fetch(`${sb.ehrOrigin}/ehr/order?patient=micrometastasis`)).text();
    expect(page).toContain('No CDS service is configured');
    const res = await postForm(`${sb.ehrOrigin}/ehr/order`, { patient: 'micrometastasis', hook: 'order-sign' });
    expect(res.status).toBe(503);
  });
});

describe('client registrations', () => {
  it('loads smart-config/clients.json and resolves {appOrigin}', () => {
    const clients = loadClients('http://127.0.0.1:5173');
    expect(clients[0]?.redirectUris).toContain('http://127.0.0.1:5173/index.html');
  });

  it('fails loudly on an invalid registration', () => {
    expect(() =>
      parseClients(
        { clients: [{ clientId: 'x', name: 'X', type: 'confidential', launchUri: 'a', redirectUris: [] }] },
        'http://a',
      ),
    ).toThrow(ClientConfigError);
    expect(() =>
      parseClients(
        {
          clients: [
            { clientId: 'x', name: 'X', type: 'public', launchUri: 'relative', redirectUris: ['/cb'], scope: 'launch' },
          ],
        },
        'http://a',
      ),
    ).toThrow(/absolute/);
  });
});

describe('CDS client', () => {
  it('signs ES384 JWTs with kid, jku and aud = the called URL, verifiable with the served JWKS', async () => {
    const aud = 'http://127.0.0.1:9/cds-services/nodal-risk';
    const jwt = await signClientJwt(sb.cdsClientKey, {
      issuer: sb.ehrOrigin,
      audience: aud,
      jku: `${sb.ehrOrigin}/cds-client/jwks.json`,
    });
    const header = decodeProtectedHeader(jwt);
    expect(header).toMatchObject({
      alg: 'ES384',
      typ: 'JWT',
      kid: sb.cdsClientKey.kid,
      jku: `${sb.ehrOrigin}/cds-client/jwks.json`,
    });
    const jwks = await (await fetch(header.jku as string)).json();
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
      issuer: sb.ehrOrigin,
      audience: aud,
      algorithms: ['ES384'],
    });
    expect(payload.jti).toBeTypeOf('string');
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBeLessThanOrEqual(300);
  });

  it('fills prefetch from the FHIR server, omitting templates it cannot resolve', async () => {
    const ctx = { patientId: 'micrometastasis', userId: 'Practitioner/dr-rivera' };
    expect(resolvePrefetchTemplate('Patient/{{context.patientId}}', ctx)).toBe('Patient/micrometastasis');
    expect(resolvePrefetchTemplate('Encounter/{{context.encounterId}}', ctx)).toBeUndefined();
    const t = await launchToken();
    const prefetch = await fillPrefetch(
      {
        patient: 'Patient/{{context.patientId}}',
        nodes: 'Observation?patient={{context.patientId}}&code=http://loinc.org|92832-5',
        enc: 'Encounter/{{context.encounterId}}',
      },
      ctx,
      async (rel) => {
        const r = await fhirGet(sb, rel, t);
        return r.status === 200 ? r.body : undefined;
      },
    );
    expect(Object.keys(prefetch).sort()).toEqual(['nodes', 'patient']);
    expect((prefetch.patient as { id: string }).id).toBe('micrometastasis');
    expect((prefetch.nodes as { total: number }).total).toBe(1);
  });
});

async function launchToken(): Promise<string> {
  const { challenge, verifier } = pkce();
  const { code } = await authorizeToCode(sb, {
    scope: 'launch patient/*.rs',
    launch: sb.createLaunch({ patient: 'micrometastasis' }),
    challenge,
  });
  return (
    await token(sb, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: verifier,
    })
  ).body.access_token as string;
}

describe('synthetic patients', () => {
  const scenarios = loadAllScenarios();

  it('has at least 12 scenarios, one file each, with distinct patients', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(scenarios.map((s) => s.patientId)).size).toBe(scenarios.length);
  });

  it('keeps every reference inside its own patient and resolvable', () => {
    for (const s of scenarios) {
      const ids = new Set(s.resources.map((r) => `${r.resourceType}/${r.id}`));
      const refs = JSON.stringify(s.resources).match(/"reference":"[^"]+"/g) ?? [];
      for (const ref of refs) expect(ids, `${s.name}: ${ref}`).toContain(ref.slice(13, -1));
      for (const r of s.resources) {
        const subject = (r as { subject?: { reference?: string } }).subject?.reference;
        if (subject) expect(subject).toBe(`Patient/${s.patientId}`);
      }
    }
  });

  it('generates the long history deterministically', () => {
    const a = generateLongHistory('x');
    expect(a).toHaveLength(LONG_HISTORY_OBSERVATIONS);
    expect(a.length).toBeGreaterThan(4000);
    expect(JSON.stringify(generateLongHistory('x').slice(0, 50))).toBe(JSON.stringify(a.slice(0, 50)));
  });

  it('serves the pathology of the long-history patient among its thousands of observations', async () => {
    const { challenge, verifier } = pkce();
    const { code } = await authorizeToCode(sb, {
      scope: 'launch patient/*.rs',
      launch: sb.createLaunch({ patient: 'long-history' }),
      challenge,
    });
    const at = (
      await token(sb, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        client_id: CLIENT_ID,
        code_verifier: verifier,
      })
    ).body.access_token as string;
    const all = await fhirGet(sb, 'Observation?patient=long-history&_count=0', at);
    expect(all.body.total).toBeGreaterThan(LONG_HISTORY_OBSERVATIONS);
    const nodes = await fhirGet(sb, 'Observation?patient=long-history&code=http://loinc.org|85347-3', at);
    expect(nodes.body.total).toBe(1);
  });
});
