// Shared test harness: a sandbox on an ephemeral port plus a scripted SMART client (PKCE, redirects by hand).
import { createHash, randomBytes } from 'node:crypto';
import type { ClientRegistration } from '../../src/sandbox/auth/clients.ts';
import type { Sandbox, SandboxOptions } from '../../src/sandbox/server.ts';
import { startSandbox } from '../../src/sandbox/server.ts';

export const APP_ORIGIN = 'http://127.0.0.1:5999';
export const CLIENT_ID = 'nodal-risk';
export const REDIRECT_URI = `${APP_ORIGIN}/index.html`;

export function testClients(): ClientRegistration[] {
  // Broad on purpose (every patient-level permission), so the FHIR tests can exercise each one;
  // the shipped registration in smart-config/clients.json is narrower.
  const scope = 'launch launch/patient launch/encounter openid fhirUser online_access offline_access patient/*.cruds';
  return [
    {
      clientId: CLIENT_ID,
      name: 'Nodal Risk',
      type: 'public',
      launchUri: `${APP_ORIGIN}/launch/launch.html`,
      redirectUris: [REDIRECT_URI],
      scope,
    },
  ];
}

export async function start(opts: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  return startSandbox({ appOrigin: APP_ORIGIN, clients: testClients(), ...opts });
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeParams {
  scope: string;
  launch?: string;
  challenge?: string;
  method?: string;
  redirectUri?: string;
  clientId?: string;
  aud?: string;
  state?: string;
}

export function authorizeUrl(sb: Sandbox, p: AuthorizeParams): string {
  const u = new URL(`${sb.ehrOrigin}/auth/authorize`);
  const set = (k: string, v: string | undefined) => v !== undefined && u.searchParams.set(k, v);
  set('response_type', 'code');
  set('client_id', p.clientId ?? CLIENT_ID);
  set('redirect_uri', p.redirectUri ?? REDIRECT_URI);
  set('scope', p.scope);
  set('state', p.state ?? 'st-' + randomBytes(8).toString('hex'));
  set('aud', p.aud ?? sb.fhirBase);
  set('code_challenge', p.challenge);
  set('code_challenge_method', p.method ?? (p.challenge ? 'S256' : undefined));
  set('launch', p.launch);
  return u.href;
}

/** GET without following redirects; returns status and Location. */
export async function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; location: URL | undefined; res: Response }> {
  const res = await fetch(url, { redirect: 'manual', headers });
  const loc = res.headers.get('location');
  return { status: res.status, location: loc ? new URL(loc, url) : undefined, res };
}

export async function postForm(url: string, form: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

export async function token(
  sb: Sandbox,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown>; res: Response }> {
  const res = await postForm(`${sb.ehrOrigin}/auth/token`, form);
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, res };
}

/** Runs /authorize (and the patient picker when asked) to a code; throws if the server did not redirect back with one. */
export async function authorizeToCode(
  sb: Sandbox,
  p: AuthorizeParams & { pickPatient?: string; fault?: string },
): Promise<{ code: string; state: string }> {
  const state = p.state ?? 'st-' + randomBytes(8).toString('hex');
  let { status, location } = await get(authorizeUrl(sb, { ...p, state }));
  if (status !== 302 || !location) throw new Error(`authorize: HTTP ${status}`);
  if (location.pathname === '/auth/select-patient') {
    if (!p.pickPatient) throw new Error('the server asked for a patient');
    const request = location.searchParams.get('request') ?? '';
    const res = await postForm(`${sb.ehrOrigin}/auth/select-patient`, {
      request,
      patient: p.pickPatient,
      fault: p.fault ?? '',
    });
    status = res.status;
    const loc = res.headers.get('location');
    location = loc ? new URL(loc) : undefined;
  }
  const code = location?.searchParams.get('code');
  if (status !== 302 || !location || !code) throw new Error(`no code: ${location?.href ?? status}`);
  if (location.origin + location.pathname !== (p.redirectUri ?? REDIRECT_URI)) throw new Error('redirected elsewhere');
  if (location.searchParams.get('state') !== state) throw new Error('state not echoed');
  return { code, state };
}

export async function launchToToken(
  sb: Sandbox,
  opts: { patient: string; scope?: string; fault?: string; standalone?: boolean; aud?: string },
): Promise<Record<string, unknown>> {
  const { verifier, challenge } = pkce();
  let code: string;
  if (opts.standalone) {
    ({ code } = await authorizeToCode(sb, {
      scope: opts.scope ?? 'launch/patient openid fhirUser patient/*.rs offline_access',
      challenge,
      pickPatient: opts.patient,
      ...(opts.fault ? { fault: opts.fault } : {}),
    }));
  } else {
    const { parseFault } = await import('../../src/sandbox/auth/faults.ts');
    const fault = parseFault(opts.fault);
    const launch = sb.createLaunch({ patient: opts.patient, ...(fault ? { fault } : {}) });
    ({ code } = await authorizeToCode(sb, {
      scope: opts.scope ?? 'launch openid fhirUser patient/*.rs online_access',
      challenge,
      launch,
      ...(opts.aud ? { aud: opts.aud } : {}),
    }));
  }
  const t = await token(sb, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT_ID,
    code_verifier: verifier,
  });
  if (t.status !== 200) throw new Error(`token: ${t.status} ${JSON.stringify(t.body)}`);
  return t.body;
}

export async function fhirGet(
  sb: Sandbox,
  path: string,
  accessToken: string | undefined,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; res: Response }> {
  const url = path.startsWith('http') ? path : `${sb.fhirBase}/${path}`;
  const res = await fetch(url, {
    headers: {
      Accept: 'application/fhir+json',
      ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
      ...headers,
    },
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body, res };
}
