import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClients } from '../../src/sandbox/auth/clients.ts';
import type { Sandbox } from '../../src/sandbox/server.ts';
import {
  APP_ORIGIN,
  CLIENT_ID,
  REDIRECT_URI,
  authorizeToCode,
  authorizeUrl,
  fhirGet,
  get,
  launchToToken,
  pkce,
  postForm,
  start,
  testClients,
  token,
} from './helpers.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(async () => {
  await sb.close();
});

describe('discovery', () => {
  it('serves .well-known/smart-configuration with S256 only and the SMART capabilities, to any origin', async () => {
    const res = await fetch(`${sb.fhirBase}/.well-known/smart-configuration`, {
      headers: { Origin: 'https://elsewhere.example' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const c = (await res.json()) as Record<string, any>;
    expect(c.code_challenge_methods_supported).toEqual(['S256']);
    for (const cap of [
      'launch-ehr',
      'launch-standalone',
      'client-public',
      'context-ehr-patient',
      'context-standalone-patient',
      'permission-v2',
      'permission-v1',
      'sso-openid-connect',
    ]) {
      expect(c.capabilities).toContain(cap);
    }
    expect(c.authorization_endpoint).toBe(`${sb.ehrOrigin}/auth/authorize`);
    expect(c.token_endpoint).toBe(`${sb.ehrOrigin}/auth/token`);
    expect(c.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token']));
  });

  it('serves a CapabilityStatement at /metadata without a token, listing the search parameters', async () => {
    const { status, body } = await fhirGet(sb, 'metadata', undefined);
    expect(status).toBe(200);
    expect(body.resourceType).toBe('CapabilityStatement');
    expect(body.fhirVersion).toBe('4.0.1');
    const obs = body.rest[0].resource.find((r: any) => r.type === 'Observation');
    expect(obs.searchParam.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(['patient', 'code', 'category', 'date', '_count']),
    );
    expect(
      body.rest[0].resource.find((r: any) => r.type === 'RiskAssessment').interaction.map((i: any) => i.code),
    ).toContain('create');
  });
});

describe('EHR launch', () => {
  it('issues a token with patient, encounter, banner, style, fhirUser and a verifiable id_token', async () => {
    const encounter = 'micrometastasis-surgery';
    const launch = sb.createLaunch({ patient: 'micrometastasis', encounter });
    const { verifier, challenge } = pkce();
    const { code } = await authorizeToCode(sb, {
      scope: 'launch openid fhirUser patient/Observation.rs patient/Patient.rs online_access',
      launch,
      challenge,
    });
    const t = await token(sb, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: verifier,
    });
    expect(t.status).toBe(200);
    expect(t.res.headers.get('cache-control')).toBe('no-store');
    expect(t.res.headers.get('pragma')).toBe('no-cache');
    expect(t.body).toMatchObject({
      token_type: 'Bearer',
      patient: 'micrometastasis',
      encounter,
      need_patient_banner: false,
      fhirUser: `${sb.fhirBase}/Practitioner/dr-rivera`,
    });
    expect(t.body.scope).toBe('launch openid fhirUser patient/Observation.rs patient/Patient.rs online_access');
    expect(t.body.smart_style_url).toBe(`${sb.ehrOrigin}/ehr/assets/smart-style.json`);
    expect(typeof t.body.refresh_token).toBe('string');
    const oidc = (await (await fetch(`${sb.ehrOrigin}/auth/.well-known/openid-configuration`)).json()) as {
      jwks_uri: string;
      issuer: string;
    };
    const { payload } = await jwtVerify(t.body.id_token as string, createRemoteJWKSet(new URL(oidc.jwks_uri)), {
      issuer: oidc.issuer,
      audience: CLIENT_ID,
    });
    expect(payload.fhirUser).toBe(`${sb.fhirBase}/Practitioner/dr-rivera`);
    const p = await fhirGet(sb, 'Patient/micrometastasis', t.body.access_token as string);
    expect(p.status).toBe(200);
    expect(p.body.id).toBe('micrometastasis');
  });

  it('refuses an unknown launch id', async () => {
    const { location } = await get(
      authorizeUrl(sb, { scope: 'launch patient/*.rs', launch: 'nope', challenge: pkce().challenge }),
    );
    expect(location?.searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses an aud that is not this FHIR base', async () => {
    const launch = sb.createLaunch({ patient: 'micrometastasis' });
    const { location } = await get(
      authorizeUrl(sb, {
        scope: 'launch patient/*.rs',
        launch,
        challenge: pkce().challenge,
        aud: 'https://evil.example/fhir',
      }),
    );
    expect(location?.searchParams.get('error')).toBe('invalid_request');
    expect(location?.searchParams.get('code')).toBeNull();
  });
});

describe('standalone launch', () => {
  it('redirects to a patient picker, then issues a token for the chosen patient with need_patient_banner', async () => {
    const { challenge, verifier } = pkce();
    const first = await get(authorizeUrl(sb, { scope: 'launch/patient patient/*.rs', challenge }));
    expect(first.status).toBe(302);
    expect(first.location?.pathname).toBe('/auth/select-patient');
    const picker = await fetch(first.location!.href);
    const html = await picker.text();
    expect(html).toContain('value="itc-only"');
    expect(picker.headers.get('content-security-policy')).toContain("default-src 'none'");
    const { code } = await authorizeToCode(sb, {
      scope: 'launch/patient patient/*.rs',
      challenge,
      pickPatient: 'itc-only',
    });
    const t = await token(sb, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: verifier,
    });
    expect(t.status).toBe(200);
    expect(t.body.patient).toBe('itc-only');
    expect(t.body.need_patient_banner).toBe(true);
    expect(t.body.refresh_token).toBeUndefined(); // neither online_ nor offline_access asked
  });
});

describe('PKCE', () => {
  it('refuses code_challenge_method=plain at /authorize', async () => {
    const { verifier } = pkce();
    const launch = sb.createLaunch({ patient: 'micrometastasis' });
    const { status, location } = await get(
      authorizeUrl(sb, { scope: 'launch patient/*.rs', launch, challenge: verifier, method: 'plain' }),
    );
    expect(status).toBe(302);
    expect(location?.searchParams.get('error')).toBe('invalid_request');
    expect(location?.searchParams.get('code')).toBeNull();
  });

  it('refuses an authorize request without a code_challenge', async () => {
    const launch = sb.createLaunch({ patient: 'micrometastasis' });
    const { location } = await get(authorizeUrl(sb, { scope: 'launch patient/*.rs', launch }));
    expect(location?.searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses a token request with a missing or wrong code_verifier', async () => {
    const { challenge } = pkce();
    const launch = sb.createLaunch({ patient: 'micrometastasis' });
    const a = await authorizeToCode(sb, { scope: 'launch patient/*.rs', launch, challenge });
    const missing = await token(sb, {
      grant_type: 'authorization_code',
      code: a.code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('invalid_request');
    const b = await authorizeToCode(sb, {
      scope: 'launch patient/*.rs',
      launch: sb.createLaunch({ patient: 'micrometastasis' }),
      challenge,
    });
    const wrong = await token(sb, {
      grant_type: 'authorization_code',
      code: b.code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: pkce().verifier,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');
    expect(wrong.body.access_token).toBeUndefined();
  });
});

describe('client and redirect_uri checks', () => {
  it('shows an error page (no redirect) for an unregistered redirect_uri', async () => {
    const launch = sb.createLaunch({ patient: 'micrometastasis' });
    const { status, location, res } = await get(
      authorizeUrl(sb, {
        scope: 'launch patient/*.rs',
        launch,
        challenge: pkce().challenge,
        redirectUri: 'https://evil.example/cb',
      }),
    );
    expect(status).toBe(400);
    expect(location).toBeUndefined();
    expect(await res.text()).toContain('redirect_uri is not registered');
  });

  it('shows an error page for an unknown client_id', async () => {
    const { status, location } = await get(
      authorizeUrl(sb, { scope: 'launch patient/*.rs', challenge: pkce().challenge, clientId: 'someone-else' }),
    );
    expect(status).toBe(400);
    expect(location).toBeUndefined();
  });

  it('refuses a token request whose redirect_uri differs from the authorize request', async () => {
    const { challenge, verifier } = pkce();
    const { code } = await authorizeToCode(sb, {
      scope: 'launch patient/*.rs',
      launch: sb.createLaunch({ patient: 'micrometastasis' }),
      challenge,
    });
    const t = await token(sb, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${REDIRECT_URI}?x=1`,
      client_id: CLIENT_ID,
      code_verifier: verifier,
    });
    expect(t.status).toBe(400);
    expect(t.body.error).toBe('invalid_grant');
  });
});

describe('codes', () => {
  it('are single use, and reuse revokes the tokens the first use issued', async () => {
    const { challenge, verifier } = pkce();
    const { code } = await authorizeToCode(sb, {
      scope: 'launch patient/*.rs',
      launch: sb.createLaunch({ patient: 'micrometastasis' }),
      challenge,
    });
    const form = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: verifier,
    };
    const first = await token(sb, form);
    expect(first.status).toBe(200);
    expect((await fhirGet(sb, 'Patient/micrometastasis', first.body.access_token as string)).status).toBe(200);
    const again = await token(sb, form);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
    expect((await fhirGet(sb, 'Patient/micrometastasis', first.body.access_token as string)).status).toBe(401);
  });

  it('expire quickly', async () => {
    const quick = await start({ timing: { codeTtlMs: 1 } });
    try {
      const { challenge, verifier } = pkce();
      const { code } = await authorizeToCode(quick, {
        scope: 'launch patient/*.rs',
        launch: quick.createLaunch({ patient: 'micrometastasis' }),
        challenge,
      });
      await new Promise((r) => setTimeout(r, 10));
      const t = await token(quick, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        client_id: CLIENT_ID,
        code_verifier: verifier,
      });
      expect(t.status).toBe(400);
      expect(t.body.error).toBe('invalid_grant');
    } finally {
      await quick.close();
    }
  });
});

describe('refresh', () => {
  it('rotates the refresh token; the old one is refused and its replay revokes the session', async () => {
    const t0 = await launchToToken(sb, { patient: 'micrometastasis' });
    const r1 = await token(sb, {
      grant_type: 'refresh_token',
      refresh_token: t0.refresh_token as string,
      client_id: CLIENT_ID,
    });
    expect(r1.status).toBe(200);
    expect(r1.body.refresh_token).toBeTypeOf('string');
    expect(r1.body.refresh_token).not.toBe(t0.refresh_token);
    expect(r1.body.access_token).not.toBe(t0.access_token);
    expect(r1.body.patient).toBe('micrometastasis');
    expect((await fhirGet(sb, 'Patient/micrometastasis', r1.body.access_token as string)).status).toBe(200);
    const replay = await token(sb, {
      grant_type: 'refresh_token',
      refresh_token: t0.refresh_token as string,
      client_id: CLIENT_ID,
    });
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
    // Replay means theft: the whole session is gone, including the newest tokens.
    expect((await fhirGet(sb, 'Patient/micrometastasis', r1.body.access_token as string)).status).toBe(401);
    const r2 = await token(sb, {
      grant_type: 'refresh_token',
      refresh_token: r1.body.refresh_token as string,
      client_id: CLIENT_ID,
    });
    expect(r2.status).toBe(400);
  });

  it('allows narrowing the scope but not widening it', async () => {
    const t0 = await launchToToken(sb, {
      patient: 'micrometastasis',
      scope: 'launch patient/Observation.rs patient/Patient.rs offline_access',
    });
    const wide = await token(sb, {
      grant_type: 'refresh_token',
      refresh_token: t0.refresh_token as string,
      client_id: CLIENT_ID,
      scope: 'patient/*.rs',
    });
    expect(wide.status).toBe(400);
    expect(wide.body.error).toBe('invalid_scope');
    const t1 = await launchToToken(sb, {
      patient: 'micrometastasis',
      scope: 'launch patient/Observation.rs patient/Patient.rs offline_access',
    });
    const narrow = await token(sb, {
      grant_type: 'refresh_token',
      refresh_token: t1.refresh_token as string,
      client_id: CLIENT_ID,
      scope: 'patient/Patient.rs offline_access',
    });
    expect(narrow.status).toBe(200);
    expect(narrow.body.scope).toBe('patient/Patient.rs offline_access');
    expect((await fhirGet(sb, 'Observation?patient=micrometastasis', narrow.body.access_token as string)).status).toBe(
      403,
    );
  });
});

describe('form POST to /authorize', () => {
  it('is accepted like GET', async () => {
    const launch = sb.createLaunch({ patient: 'micrometastasis' });
    const u = new URL(authorizeUrl(sb, { scope: 'launch patient/*.rs', launch, challenge: pkce().challenge }));
    const res = await postForm(`${sb.ehrOrigin}/auth/authorize`, Object.fromEntries(u.searchParams));
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).searchParams.get('code')).toBeTruthy();
  });
});

describe('refresh and launch hardening', () => {
  it('a refresh without client_id is refused (and does not use up the token)', async () => {
    const t0 = await launchToToken(sb, { patient: 'micrometastasis' });
    const bare = await token(sb, { grant_type: 'refresh_token', refresh_token: t0.refresh_token as string });
    expect(bare.status).toBe(400);
    expect(bare.body).toMatchObject({ error: 'invalid_request', error_description: 'client_id is required' });
    expect(
      (
        await token(sb, {
          grant_type: 'refresh_token',
          refresh_token: t0.refresh_token as string,
          client_id: CLIENT_ID,
        })
      ).status,
    ).toBe(200);
  });

  it('refresh tokens expire (configurable), and rotation does not extend the session', async () => {
    const quick = await start({ timing: { refreshTtlMs: 400 } });
    try {
      const t0 = await launchToToken(quick, { patient: 'micrometastasis' });
      const r1 = await token(quick, {
        grant_type: 'refresh_token',
        refresh_token: t0.refresh_token as string,
        client_id: CLIENT_ID,
      });
      expect(r1.status).toBe(200);
      await new Promise((r) => setTimeout(r, 450));
      const late = await token(quick, {
        grant_type: 'refresh_token',
        refresh_token: r1.body.refresh_token as string,
        client_id: CLIENT_ID,
      });
      expect(late.status).toBe(400);
      expect(late.body).toMatchObject({
        error: 'invalid_grant',
        error_description: 'refresh token has expired; launch the app again',
      });
    } finally {
      await quick.close();
    }
  });

  it('a launch id is single use', async () => {
    const launch = sb.createLaunch({ patient: 'micrometastasis' });
    await authorizeToCode(sb, { scope: 'launch patient/*.rs', launch, challenge: pkce().challenge });
    const { location } = await get(
      authorizeUrl(sb, { scope: 'launch patient/*.rs', launch, challenge: pkce().challenge }),
    );
    expect(location?.searchParams.get('error')).toBe('invalid_request');
    expect(location?.searchParams.get('error_description')).toBe('unknown, expired or already used launch');
    expect(location?.searchParams.get('code')).toBeNull();
  });
});

describe('scopes capped to the registration (the shipped smart-config/clients.json)', () => {
  let shipped: Sandbox;
  beforeAll(async () => {
    shipped = await start({ clients: loadClients(APP_ORIGIN) });
  });
  afterAll(async () => {
    await shipped.close();
  });

  it('standalone user/*.rs: the user-level scope is not granted; only the chosen patient is readable', async () => {
    const t = await launchToToken(shipped, {
      patient: 'itc-only',
      standalone: true,
      scope: 'launch/patient openid fhirUser user/*.rs patient/Observation.rs',
    });
    expect(String(t.scope).split(' ')).toEqual(['launch/patient', 'openid', 'fhirUser', 'patient/Observation.rs']);
    const other = await fhirGet(shipped, 'Observation?patient=micrometastasis', t.access_token as string);
    expect(other.body.entry ?? []).toEqual([]);
  });

  it('EHR launch user/*.cruds and patient/*.cruds: narrowed to read/search plus RiskAssessment and DocumentReference create; no write for another patient', async () => {
    const t = await launchToToken(shipped, {
      patient: 'micrometastasis',
      scope: 'launch user/*.cruds patient/*.cruds',
    });
    expect(String(t.scope).split(' ')).toEqual([
      'launch',
      'patient/*.rs',
      'patient/RiskAssessment.c',
      'patient/DocumentReference.c',
    ]);
    const create = (patient: string) =>
      fetch(`${shipped.fhirBase}/RiskAssessment`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${String(t.access_token)}`, 'Content-Type': 'application/fhir+json' },
        body: JSON.stringify({
          resourceType: 'RiskAssessment',
          status: 'final',
          subject: { reference: `Patient/${patient}` },
        }),
      });
    expect((await create('itc-only')).status).toBe(403);
    expect((await create('micrometastasis')).status).toBe(201);
  });
});

describe('user-level scopes need a practitioner sign-in', () => {
  let sbUser: Sandbox;
  beforeAll(async () => {
    const [client] = testClients();
    sbUser = await start({ clients: [{ ...client!, scope: `${client!.scope} user/*.rs` }] });
  });
  afterAll(async () => {
    await sbUser.close();
  });

  it('authorize asks for a sign-in; cancelling it answers invalid_scope', async () => {
    const first = await get(
      authorizeUrl(sbUser, { scope: 'openid fhirUser user/Observation.rs', challenge: pkce().challenge, state: 's1' }),
    );
    expect(first.location?.pathname).toBe('/auth/sign-in');
    const page = await fetch(first.location!.href);
    expect(await page.text()).toContain('value="dr-rivera"');
    const request = first.location!.searchParams.get('request') ?? '';
    const res = await postForm(`${sbUser.ehrOrigin}/auth/sign-in`, { request, cancel: '1' });
    const back = new URL(res.headers.get('location') ?? '');
    expect(back.origin + back.pathname).toBe(REDIRECT_URI);
    expect(back.searchParams.get('error')).toBe('invalid_scope');
    expect(back.searchParams.get('state')).toBe('s1');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('after signing in as a practitioner the user-level scope is granted', async () => {
    const { verifier, challenge } = pkce();
    const first = await get(authorizeUrl(sbUser, { scope: 'openid fhirUser user/Observation.rs', challenge }));
    const request = first.location!.searchParams.get('request') ?? '';
    const res = await postForm(`${sbUser.ehrOrigin}/auth/sign-in`, { request, practitioner: 'dr-rivera' });
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const t = await token(sbUser, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: verifier,
    });
    expect(t.status).toBe(200);
    expect(t.body.scope).toBe('openid fhirUser user/Observation.rs');
    expect(t.body.fhirUser).toBe(`${sbUser.fhirBase}/Practitioner/dr-rivera`);
    expect((await fhirGet(sbUser, 'Observation?patient=itc-only', t.body.access_token as string)).status).toBe(200);
  });
});
