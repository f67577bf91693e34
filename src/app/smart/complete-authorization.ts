// Completes the SMART authorization after the redirect back to the app, the first thing the card
// waits on, without loading fhirclient: for the launch our launch page makes (public client, PKCE,
// completed in this window) it exchanges the code and stores the tokens exactly where and as
// fhirclient's own `ready()` does, so fhirclient, loaded only when a token must be refreshed,
// carries on from the same state. Any other launch state is completed by fhirclient itself.
import { isRecord } from '../../domain/json.ts';
import { pageLaunchStorage, type LaunchStorage } from './launch-storage.ts';

/** Where fhirclient keeps the key of the current launch state. */
export const SMART_KEY = 'SMART_KEY';

export interface TokenResponse {
  access_token?: string;
  refresh_token?: string;
  id_token?: string;
  expires_in?: number;
  scope?: string;
  patient?: string;
  [field: string]: unknown;
}

/** fhirclient's launch state (the fields read here). */
export interface LaunchState {
  serverUrl: string;
  key?: string;
  clientId?: string;
  redirectUri?: string;
  tokenUri?: string;
  codeVerifier?: string;
  completeInTarget?: boolean;
  clientSecret?: unknown;
  clientPrivateJwk?: unknown;
  tokenResponse?: TokenResponse;
  expiresAt?: number;
}

/** The authorized session, named as fhirclient's Client: the live state (refreshed tokens included) and what the app asks of it. */
export interface Authorization {
  readonly state: LaunchState;
  readonly patient: { readonly id: string | null | undefined };
  getAuthorizationHeader(): string | null;
  /** "Practitioner/abc" from the id_token's fhirUser (a full URL shortened) or profile claim. */
  getFhirUser(): string | null | undefined;
  refresh(): Promise<unknown>;
}

/** The token endpoint's refusal: status and message as in fhirclient's HttpError (smart/authorization-refusal.ts reads them). */
export class TokenRequestError extends Error {
  override readonly name = 'TokenRequestError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface AuthorizationEnv {
  /** The page URL (the redirect with `code` and `state`). */
  url: URL;
  storage: LaunchStorage;
  fetch: typeof fetch;
  /** Replaces the page URL without reloading (drops `code` and `state`). */
  replaceUrl(href: string): void;
  /** fhirclient's `ready()` (loaded on demand), for the launches completed by fhirclient and for refreshes. */
  fhirclient(): Promise<Authorization>;
}

function jwtPayload(token: unknown): Record<string, unknown> | undefined {
  if (typeof token !== 'string') return undefined;
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const payload: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
    return isRecord(payload) ? payload : undefined;
  } catch {
    return undefined;
  }
}

/** When the access token expires (seconds since the epoch), as fhirclient works it out. */
function expiresAt(tokens: TokenResponse): number {
  const now = Math.floor(Date.now() / 1000);
  if (typeof tokens.expires_in === 'number' && tokens.expires_in > 0) return now + tokens.expires_in;
  const exp = jwtPayload(tokens.access_token)?.exp;
  return typeof exp === 'number' ? exp : now + 300;
}

async function refusal(response: Response, url: string): Promise<TokenRequestError> {
  let message = `${response.status} ${response.statusText}\nURL: ${url}`;
  try {
    if (/\bjson\b/i.test(response.headers.get('Content-Type') ?? '')) {
      const body: unknown = await response.json();
      if (isRecord(body) && typeof body.error === 'string')
        message += `\n${body.error}${typeof body.error_description === 'string' ? `: ${body.error_description}` : ''}`;
    } else {
      const text = await response.text();
      if (text) message += `\n\n${text.slice(0, 500)}`;
    }
  } catch {
    // the status says enough
  }
  return new TokenRequestError(response.status, message);
}

/** The code exchange of a public client with PKCE (SMART App Launch 2.x, RFC 7636). */
async function exchangeCode(env: AuthorizationEnv, state: LaunchState, code: string): Promise<TokenResponse> {
  const { tokenUri, redirectUri, clientId } = state;
  if (!tokenUri || !redirectUri || !clientId)
    throw new Error('The launch state is incomplete. Please (re)launch the app.');
  const body = new URLSearchParams({
    code,
    grant_type: 'authorization_code',
    redirect_uri: redirectUri,
    client_id: clientId,
  });
  if (state.codeVerifier) body.set('code_verifier', state.codeVerifier);
  const response = await env.fetch(tokenUri, {
    method: 'POST',
    mode: 'cors',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: body.toString(),
  });
  if (!response.ok) throw await refusal(response, tokenUri);
  const tokens: unknown = await response.json();
  if (!isRecord(tokens) || typeof tokens.access_token !== 'string') throw new Error('Failed to obtain access token.');
  return tokens as TokenResponse;
}

function authorization(env: AuthorizationEnv, initial: LaunchState): Authorization {
  // After the first refresh, fhirclient's client holds the state (and updates it on every refresh).
  let refreshed: Authorization | undefined;
  let refreshing: Promise<Authorization> | undefined;
  const state = () => refreshed?.state ?? initial;
  return {
    get state() {
      return state();
    },
    patient: {
      get id() {
        const patient = state().tokenResponse?.patient;
        return typeof patient === 'string' ? patient : undefined;
      },
    },
    getAuthorizationHeader() {
      const token = state().tokenResponse?.access_token;
      return typeof token === 'string' ? `Bearer ${token}` : null;
    },
    getFhirUser() {
      const claims = jwtPayload(state().tokenResponse?.id_token);
      if (typeof claims?.fhirUser === 'string') return claims.fhirUser.split('/').slice(-2).join('/');
      return typeof claims?.profile === 'string' ? claims.profile : undefined;
    },
    async refresh() {
      refreshing ??= env.fhirclient();
      refreshed = await refreshing;
      return refreshed.refresh();
    },
  };
}

/**
 * The session after the redirect: the authorization server's error, a missing launch and a refused
 * code exchange are thrown (smart/authorization-refusal.ts names them).
 */
export async function completeAuthorization(env: AuthorizationEnv): Promise<Authorization> {
  const params = env.url.searchParams;
  const error = params.get('error');
  const description = params.get('error_description');
  if (error || description) throw new Error([error, description].filter(Boolean).join(': '));
  const code = params.get('code');
  const key = params.get('state') ?? (await env.storage.get(SMART_KEY));
  if (typeof key !== 'string' || !key) throw new Error("No 'state' parameter found. Please (re)launch the app.");
  const stored = await env.storage.get(key);
  const state =
    isRecord(stored) && typeof stored.serverUrl === 'string' ? (stored as unknown as LaunchState) : undefined;
  const ours =
    state?.completeInTarget === true &&
    typeof state.tokenUri === 'string' &&
    state.clientSecret === undefined &&
    !state.clientPrivateJwk;
  if (!ours) return env.fhirclient();
  // The code is used once: it leaves the address bar (and the history) before anything else.
  if (code !== null || params.has('state') || params.has('complete')) {
    const clean = new URL(env.url.href);
    for (const p of ['code', 'state', 'complete']) clean.searchParams.delete(p);
    env.replaceUrl(clean.href);
  }
  let current = state;
  if (code !== null && !state.tokenResponse?.access_token) {
    const tokenResponse = await exchangeCode(env, state, code);
    current = { ...state, tokenResponse, expiresAt: expiresAt(tokenResponse) };
    await env.storage.set(key, current);
  }
  await env.storage.set(SMART_KEY, key);
  return authorization(env, current);
}

/** The page's environment: its URL and history, fetch, and the launch storage fhirclient's adapter shares. */
export function pageAuthorizationEnv(): AuthorizationEnv {
  return {
    url: new URL(location.href),
    storage: pageLaunchStorage(),
    fetch: (input, init) => fetch(input, init),
    replaceUrl: (href) => history.replaceState({}, '', href),
    fhirclient: () => import('./smart-api.ts').then((m) => m.smartApi().ready()),
  };
}
