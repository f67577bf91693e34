// Browser entry after the SMART redirect: completes authorization with fhirclient and hands the
// session to the app. Tokens stay inside fhirclient (sessionStorage); nothing is logged.
import FHIR from 'fhirclient';
import type { SmartSession } from './App.tsx';
import type { AppProblem } from './components/StatusViews.tsx';
import { FhirHttpError, KIND_TEXT, LoadError } from './load/errors.ts';
import type { FhirTransport } from './load/load-patient-data.ts';
import { applySmartStyle } from './style.ts';

type Client = Awaited<ReturnType<typeof FHIR.oauth2.ready>>;

function retryAfterSeconds(headers: Headers): number | undefined {
  const header = headers.get('Retry-After');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/**
 * FHIR GETs with the session's bearer token. fetch is used directly rather than client.request:
 * on a 401 fhirclient 2.6 wipes its state (refresh token included) instead of refreshing, so here a
 * 401 triggers one refresh with the refresh token, when one was granted, and a single retry.
 */
function transportFor(client: Client): FhirTransport {
  const base = client.state.serverUrl.replace(/\/?$/, '/');
  let refreshing: Promise<unknown> | null = null;
  const canRefresh = () => typeof client.state.tokenResponse?.refresh_token === 'string';
  const refresh = () => {
    refreshing ??= client.refresh().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };
  const send = (url: string) =>
    fetch(url, { headers: { Accept: 'application/fhir+json', Authorization: client.getAuthorizationHeader() ?? '' } });

  return {
    baseUrl: client.state.serverUrl,
    async get(url: string) {
      const absolute = new URL(url, base).href;
      if (refreshing) await refreshing.catch(() => undefined);
      let response = await send(absolute);
      if (response.status === 401 && canRefresh()) {
        try {
          await refresh();
        } catch {
          throw new FhirHttpError(401);
        }
        response = await send(absolute);
      }
      if (!response.ok) throw new FhirHttpError(response.status, retryAfterSeconds(response.headers));
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

export type BootResult = { session: SmartSession } | { problem: AppProblem };

export async function boot(): Promise<BootResult> {
  let client: Client;
  try {
    client = await FHIR.oauth2.ready();
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] ?? '' : '';
    if (/state/i.test(message)) return { problem: { kind: 'no-launch', message: 'There is no SMART launch context in this window.' } };
    return { problem: { kind: 'session-expired', message: `Authorization with the EHR did not complete: ${message}` } };
  }
  const patientId = client.patient.id;
  if (!patientId) return { problem: { kind: 'no-patient', message: 'The launch context has no patient. Open Nodal Risk from a patient chart.' } };
  const token = (client.state.tokenResponse ?? {}) as Record<string, unknown>;
  const styleUrl = typeof token.smart_style_url === 'string' ? token.smart_style_url : undefined;
  if (styleUrl) {
    // Best effort: the card is usable without the EHR's styles.
    fetch(styleUrl)
      .then((r) => (r.ok ? r.json() : null))
      .then((style) => applySmartStyle(style))
      .catch(() => undefined);
  }
  const session: SmartSession = {
    patientId: String(patientId),
    needPatientBanner: token.need_patient_banner === true,
    transport: transportFor(client),
  };
  if (typeof token.scope === 'string') session.grantedScope = token.scope;
  return { session };
}
