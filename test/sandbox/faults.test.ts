import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/server.ts';
import { parseFault } from '../../src/sandbox/auth/faults.ts';
import { CLIENT_ID, authorizeUrl, fhirGet, get, launchToToken, pkce, start, token } from './helpers.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(async () => {
  await sb.close();
});

const P = 'micrometastasis';

describe('injected errors (per launch)', () => {
  it('expired-token: the first access token is refused as expired; a refreshed one works', async () => {
    const t = await launchToToken(sb, { patient: P, fault: 'expired-token' });
    const r = await fhirGet(sb, `Patient/${P}`, t.access_token as string);
    expect(r.status).toBe(401);
    expect(r.res.headers.get('www-authenticate')).toContain('expired');
    const refreshed = await token(sb, {
      grant_type: 'refresh_token',
      refresh_token: t.refresh_token as string,
      client_id: CLIENT_ID,
    });
    expect((await fhirGet(sb, `Patient/${P}`, refreshed.body.access_token as string)).status).toBe(200);
  });

  it('invalid-scope: /authorize redirects back with error=invalid_scope and the state', async () => {
    const fault = parseFault('invalid-scope');
    const launch = sb.createLaunch({ patient: P, ...(fault ? { fault } : {}) });
    const { location } = await get(
      authorizeUrl(sb, { scope: 'launch patient/*.rs', launch, challenge: pkce().challenge, state: 'xyz' }),
    );
    expect(location?.searchParams.get('error')).toBe('invalid_scope');
    expect(location?.searchParams.get('state')).toBe('xyz');
    expect(location?.searchParams.get('code')).toBeNull();
  });

  it('401-after:N: each token serves N requests, then 401; refresh recovers', async () => {
    const t = await launchToToken(sb, { patient: P, fault: '401-after:2' });
    const at = t.access_token as string;
    expect((await fhirGet(sb, `Patient/${P}`, at)).status).toBe(200);
    expect((await fhirGet(sb, `Patient/${P}`, at)).status).toBe(200);
    const third = await fhirGet(sb, `Patient/${P}`, at);
    expect(third.status).toBe(401);
    expect(third.res.headers.get('www-authenticate')).toContain('invalid_token');
    const refreshed = await token(sb, {
      grant_type: 'refresh_token',
      refresh_token: t.refresh_token as string,
      client_id: CLIENT_ID,
    });
    expect((await fhirGet(sb, `Patient/${P}`, refreshed.body.access_token as string)).status).toBe(200);
  });

  it('403: every FHIR request is forbidden with an OperationOutcome', async () => {
    const t = await launchToToken(sb, { patient: P, fault: '403' });
    for (const path of [`Patient/${P}`, `Observation?patient=${P}`]) {
      const r = await fhirGet(sb, path, t.access_token as string);
      expect(r.status).toBe(403);
      expect(r.body.resourceType).toBe('OperationOutcome');
    }
  });

  it('429:N: the first N requests are throttled with Retry-After, then served', async () => {
    const t = await launchToToken(sb, { patient: P, fault: '429:2:3' });
    const at = t.access_token as string;
    for (let i = 0; i < 2; i++) {
      const r = await fhirGet(sb, `Patient/${P}`, at);
      expect(r.status).toBe(429);
      expect(r.res.headers.get('retry-after')).toBe('3');
    }
    expect((await fhirGet(sb, `Patient/${P}`, at)).status).toBe(200);
  });

  it('500: FHIR requests fail with 500 (all, or the first N)', async () => {
    const all = await launchToToken(sb, { patient: P, fault: '500' });
    for (let i = 0; i < 3; i++)
      expect((await fhirGet(sb, `Patient/${P}`, all.access_token as string)).status).toBe(500);
    const once = await launchToToken(sb, { patient: P, fault: '500:1' });
    expect((await fhirGet(sb, `Patient/${P}`, once.access_token as string)).status).toBe(500);
    expect((await fhirGet(sb, `Patient/${P}`, once.access_token as string)).status).toBe(200);
  });

  it('slow: responses are delayed by the chosen time', async () => {
    const t = await launchToToken(sb, { patient: P, fault: 'slow:300' });
    const t0 = performance.now();
    const r = await fhirGet(sb, `Patient/${P}`, t.access_token as string);
    const ms = performance.now() - t0;
    expect(r.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(290);
    const normal = await launchToToken(sb, { patient: P });
    const t1 = performance.now();
    await fhirGet(sb, `Patient/${P}`, normal.access_token as string);
    expect(performance.now() - t1).toBeLessThan(250);
  });

  it('deny-scope:Type: the grant leaves out that type and the FHIR server enforces it', async () => {
    const t = await launchToToken(sb, {
      patient: P,
      fault: 'deny-scope:Condition',
      scope: 'launch openid fhirUser patient/Condition.rs patient/Observation.rs',
    });
    expect(t.scope).toBe('launch openid fhirUser patient/Observation.rs');
    expect((await fhirGet(sb, `Condition?patient=${P}`, t.access_token as string)).status).toBe(403);
    expect((await fhirGet(sb, `Observation?patient=${P}`, t.access_token as string)).status).toBe(200);
  });

  it('can be chosen in the standalone patient picker too', async () => {
    const t = await launchToToken(sb, { patient: P, standalone: true, fault: '403' });
    expect((await fhirGet(sb, `Patient/${P}`, t.access_token as string)).status).toBe(403);
  });

  it('does not leak into other launches', async () => {
    await launchToToken(sb, { patient: P, fault: '500' });
    const ok = await launchToToken(sb, { patient: P });
    expect((await fhirGet(sb, `Patient/${P}`, ok.access_token as string)).status).toBe(200);
  });

  it('rejects unknown fault specs', () => {
    expect(() => parseFault('teapot')).toThrow();
    expect(() => parseFault('429:-1')).toThrow();
    expect(parseFault('')).toBeUndefined();
  });
});
