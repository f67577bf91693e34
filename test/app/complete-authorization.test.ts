// Completing the SMART authorization without fhirclient: the code exchange a public client with
// PKCE makes, the tokens stored where fhirclient keeps them, the address bar cleaned, refusals
// thrown as the card names them, and every other launch handed to fhirclient itself.
import { describe, expect, it, vi } from 'vitest';
import { authorizationProblem } from '../../src/app/smart/authorization-refusal.ts';
import {
  completeAuthorization,
  SMART_KEY,
  type Authorization,
  type AuthorizationEnv,
} from '../../src/app/smart/complete-authorization.ts';
import { LaunchStorage } from '../../src/app/smart/launch-storage.ts';

const b64url = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');
const idToken = `${b64url({ alg: 'none' })}.${b64url({ fhirUser: 'https://ehr.example/fhir/Practitioner/dr-1', sub: 'x' })}.sig`;

/** The state fhirclient's authorize() wrote on the launch page (src/app/smart/launch.ts asks for these). */
const launchState = {
  clientId: 'nodal-risk',
  scope: 'launch openid fhirUser online_access patient/Observation.rs',
  redirectUri: 'https://app.example/',
  serverUrl: 'https://ehr.example/fhir',
  tokenUri: 'https://ehr.example/auth/token',
  key: 'k1',
  completeInTarget: true,
  codeVerifier: 'verifier-abc_DEF-123',
};

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, String(v)),
  };
}

function setup(url: string, state: unknown, response?: Response) {
  const session = memoryStorage();
  const storage = new LaunchStorage(() => session, { read: () => '', write: () => undefined }, true);
  if (state) session.setItem('k1', JSON.stringify(state));
  const fetch = vi.fn(async () => response ?? new Response('{}', { status: 500 }));
  const replaced: string[] = [];
  const fromFhirclient = { refresh: vi.fn(async () => undefined) } as unknown as Authorization;
  const fhirclient = vi.fn(async () => fromFhirclient);
  const env: AuthorizationEnv = {
    url: new URL(url),
    storage,
    fetch,
    replaceUrl: (href) => void replaced.push(href),
    fhirclient,
  };
  return { env, session, fetch, replaced, fhirclient, fromFhirclient };
}

const tokens = {
  access_token: 'at-1',
  token_type: 'Bearer',
  expires_in: 3600,
  scope: launchState.scope,
  patient: 'p-42',
  id_token: idToken,
  need_patient_banner: false,
};
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('completeAuthorization', () => {
  it('exchanges the code with the PKCE verifier as a public client, stores the tokens and cleans the URL', async () => {
    const t = setup('https://app.example/?code=c%2B1&state=k1&keep=1', launchState, json(tokens));
    const before = Math.floor(Date.now() / 1000);
    const auth = await completeAuthorization(t.env);
    expect(t.fetch).toHaveBeenCalledTimes(1);
    const [url, init] = t.fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://ehr.example/auth/token');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(Object.fromEntries(new URLSearchParams(String(init.body)))).toEqual({
      code: 'c+1',
      grant_type: 'authorization_code',
      redirect_uri: 'https://app.example/',
      client_id: 'nodal-risk',
      code_verifier: 'verifier-abc_DEF-123',
    });
    expect(t.replaced).toEqual(['https://app.example/?keep=1']);
    const stored = JSON.parse(t.session.getItem('k1')!);
    expect(stored).toMatchObject({ ...launchState, tokenResponse: tokens });
    expect(stored.expiresAt).toBeGreaterThanOrEqual(before + 3600);
    expect(stored.expiresAt).toBeLessThanOrEqual(before + 3601);
    expect(t.session.getItem(SMART_KEY)).toBe('"k1"');
    expect(auth.getAuthorizationHeader()).toBe('Bearer at-1');
    expect(auth.patient.id).toBe('p-42');
    expect(auth.getFhirUser()).toBe('Practitioner/dr-1');
    expect(auth.state.serverUrl).toBe('https://ehr.example/fhir');
    expect(t.fhirclient).not.toHaveBeenCalled();
  });

  it('on a reload reads the stored tokens (state key from storage) and sends no request', async () => {
    const t = setup('https://app.example/', { ...launchState, tokenResponse: tokens, expiresAt: 1 });
    t.session.setItem(SMART_KEY, '"k1"');
    const auth = await completeAuthorization(t.env);
    expect(t.fetch).not.toHaveBeenCalled();
    expect(t.replaced).toEqual([]);
    expect(auth.getAuthorizationHeader()).toBe('Bearer at-1');
  });

  it('a token endpoint refusal is thrown with its status and OAuth error, as the card names it', async () => {
    const refusal = json({ error: 'invalid_grant', error_description: 'code expired' }, 400);
    const t = setup('https://app.example/?code=c1&state=k1', launchState, refusal);
    const error = await completeAuthorization(t.env).catch((e: unknown) => e);
    expect(authorizationProblem('', error)).toEqual({
      kind: 'authorization-refused',
      message:
        'The EHR’s authorization server refused to issue an access token (HTTP 400: invalid_grant: code expired).',
    });
    expect(t.session.getItem(SMART_KEY)).toBeNull();
  });

  it("the authorization server's error on the redirect is thrown before any request", async () => {
    const t = setup('https://app.example/?error=access_denied&error_description=no&state=k1', launchState);
    await expect(completeAuthorization(t.env)).rejects.toThrow('access_denied: no');
    expect(t.fetch).not.toHaveBeenCalled();
  });

  it('without a launch (no state key anywhere) says so', async () => {
    const t = setup('https://app.example/', null);
    const error = await completeAuthorization(t.env).catch((e: unknown) => e);
    expect(authorizationProblem('', error).kind).toBe('no-launch');
    expect(t.fhirclient).not.toHaveBeenCalled();
  });

  it('hands every other launch state to fhirclient: none stored, a confidential client, completion elsewhere', async () => {
    for (const state of [
      null,
      { ...launchState, clientSecret: 's' },
      { ...launchState, completeInTarget: false },
      { ...launchState, tokenUri: undefined },
    ]) {
      const t = setup('https://app.example/?code=c1&state=k1', state, json(tokens));
      expect(await completeAuthorization(t.env)).toBe(t.fromFhirclient);
      expect(t.fetch).not.toHaveBeenCalled();
    }
  });

  it('refreshes through fhirclient, loaded once, and then reads the state fhirclient keeps', async () => {
    const t = setup('https://app.example/?code=c1&state=k1', launchState, json(tokens));
    const auth = await completeAuthorization(t.env);
    const renewed = { ...launchState, tokenResponse: { ...tokens, access_token: 'at-2' } };
    Object.assign(t.fromFhirclient, { state: renewed });
    await auth.refresh();
    await auth.refresh();
    expect(t.fhirclient).toHaveBeenCalledTimes(1);
    expect(t.fromFhirclient.refresh).toHaveBeenCalledTimes(2);
    expect(auth.getAuthorizationHeader()).toBe('Bearer at-2');
  });
});
