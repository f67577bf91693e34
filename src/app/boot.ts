// Browser entry after the SMART redirect: completes authorization with fhirclient and hands the
// session to the app. Tokens stay inside fhirclient (sessionStorage, or memory where the embedded
// browser has none: smart/launch-storage.ts); nothing is logged.
import type { SmartSession } from './App.tsx';
import { registrationFor, type AppConfig } from './smart/registrations.ts';
import { smartApi } from './smart/smart-api.ts';
import type { CreateResource } from './record/save.ts';
import type { AppProblem } from './components/StatusViews.tsx';
import { FhirHttpError, KIND_TEXT, LoadError } from './load/errors.ts';
import type { FhirTransport } from './load/load-patient-data.ts';
import { applySmartStyle } from './style.ts';
import { startRecordLoad } from './load/record-load.ts';

type Client = Awaited<ReturnType<ReturnType<typeof smartApi>['ready']>>;

/** Refreshing more often than this may be throttled (Oracle: "intervals lower than one minute"); a 401 sooner after a refresh ends the session. */
export const MIN_REFRESH_INTERVAL_MS = 60_000;

function retryAfterSeconds(headers: Headers): number | undefined {
  const header = headers.get('Retry-After');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/**
 * fetch with the session's bearer token. fetch is used directly rather than client.request: on a
 * 401 fhirclient 2.6 wipes its state (refresh token included) instead of refreshing, so here a 401
 * triggers one refresh with the refresh token, when one was granted, and a single retry. A 401
 * within a minute of the last refresh is final: the session has ended, and the load says so.
 */
function authorizedFetch(
  client: Client,
): (url: string, init?: RequestInit & { headers?: Record<string, string> }) => Promise<Response> {
  let refreshing: Promise<unknown> | null = null;
  let lastRefresh = -Infinity;
  const canRefresh = () => typeof client.state.tokenResponse?.refresh_token === 'string';
  const refresh = () => {
    if (!refreshing) {
      lastRefresh = Date.now();
      refreshing = client.refresh().finally(() => {
        refreshing = null;
      });
    }
    return refreshing;
  };
  const send = (url: string, init?: RequestInit & { headers?: Record<string, string> }) =>
    fetch(url, {
      ...init,
      headers: {
        Accept: 'application/fhir+json',
        ...init?.headers,
        Authorization: client.getAuthorizationHeader() ?? '',
      },
    });
  return async (url, init) => {
    if (refreshing) await refreshing.catch(() => undefined);
    const sentAt = Date.now();
    const response = await send(url, init);
    if (response.status !== 401 || !canRefresh()) return response;
    if (refreshing || sentAt < lastRefresh) {
      // Sent before a refresh that happened meanwhile: retry once with the new token.
      await refreshing?.catch(() => undefined);
      return send(url, init);
    }
    // Refused with the token of a refresh less than a minute old: the session has ended.
    if (Date.now() - lastRefresh < MIN_REFRESH_INTERVAL_MS) throw new FhirHttpError(401);
    try {
      await refresh();
    } catch {
      throw new FhirHttpError(401);
    }
    return send(url, init);
  };
}

/** FHIR GETs for loading the record. */
function transportFor(client: Client, authorized: ReturnType<typeof authorizedFetch>): FhirTransport {
  const base = client.state.serverUrl.replace(/\/?$/, '/');
  return {
    baseUrl: client.state.serverUrl,
    async get(url, urgency) {
      const response = await authorized(new URL(url, base).href, urgency ? { priority: urgency } : undefined);
      if (!response.ok)
        throw new FhirHttpError(response.status, retryAfterSeconds(response.headers), await outcomeText(response));
      const type = response.headers.get('Content-Type') ?? '';
      if (!/json/i.test(type)) return response.text();
      try {
        return await response.json();
      } catch {
        throw new LoadError('malformed', KIND_TEXT.malformed);
      }
    },
  };
}

/** The first issue's text of an OperationOutcome error body (shown as plain text), if any. */
async function outcomeText(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { issue?: { details?: { text?: unknown }; diagnostics?: unknown }[] };
    const issue = body.issue?.[0];
    const text =
      typeof issue?.details?.text === 'string'
        ? issue.details.text
        : typeof issue?.diagnostics === 'string'
          ? issue.diagnostics
          : undefined;
    return text?.slice(0, 200);
  } catch {
    return undefined;
  }
}

/** GET of a public JSON document (the CapabilityStatement) without the token, bounded in time. */
async function getPublic(url: string): Promise<unknown> {
  const response = await fetch(url, {
    headers: { Accept: 'application/fhir+json' },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new FhirHttpError(response.status);
  return response.json();
}

/** FHIR create (POST to the type endpoint) for "Save to chart"; one request, never retried except after a token refresh. */
function creatorFor(client: Client, authorized: ReturnType<typeof authorizedFetch>): CreateResource {
  const base = client.state.serverUrl.replace(/\/?$/, '/');
  return async (resource) => {
    const response = await authorized(new URL(resource.resourceType, base).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify(resource),
    });
    if (!response.ok) throw new FhirHttpError(response.status);
    // The body is optional (Prefer: return=minimal); the Location header is what the spec requires.
    const body: unknown = await response.json().catch(() => undefined);
    return { location: response.headers.get('Location') ?? undefined, body };
  };
}

export type BootResult = { session: SmartSession } | { problem: AppProblem };

export async function boot(config: AppConfig): Promise<BootResult> {
  let client: Client;
  try {
    client = await smartApi().ready();
  } catch (e) {
    // Only a refused or failed authorization needs its wording: loaded then, not with every launch.
    const { authorizationProblem } = await import('./smart/authorization-refusal.ts');
    return { problem: authorizationProblem(location.search, e) };
  }
  const patientId = client.patient.id;
  if (!patientId)
    return {
      problem: {
        kind: 'no-patient',
        message: 'The launch context has no patient. Open Nodal Risk from a patient chart.',
      },
    };
  const token = (client.state.tokenResponse ?? {}) as Record<string, unknown>;
  const authorized = authorizedFetch(client);
  const registration = registrationFor(config, client.state.serverUrl);
  const session: SmartSession = {
    patientId: String(patientId),
    needPatientBanner: token.need_patient_banner === true,
    transport: transportFor(client, authorized),
    create: creatorFor(client, authorized),
    writeBackEnabled: registration?.writeBack === true,
    getPublic,
    ...(registration?.vendor ? { vendor: registration.vendor } : {}),
    ...(typeof token.scope === 'string' ? { grantedScope: token.scope } : {}),
  };
  // The searches start now, before anything else: the app's render and the EHR's styles can wait.
  session.startedLoad = startRecordLoad(session);
  const styleUrl = typeof token.smart_style_url === 'string' ? token.smart_style_url : undefined;
  if (styleUrl) {
    // Best effort: the card is usable without the EHR's styles.
    fetch(styleUrl)
      .then((r) => (r.ok ? r.json() : null))
      .then((style) => applySmartStyle(style))
      .catch(() => undefined);
  }
  const fhirUser = client.getFhirUser();
  if (fhirUser) session.fhirUser = fhirUser;
  return { session };
}
