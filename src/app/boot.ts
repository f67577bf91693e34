// Browser entry after the SMART redirect: completes authorization with fhirclient and hands the
// session to the app. Tokens stay inside fhirclient (sessionStorage); nothing is logged.
import FHIR from 'fhirclient';
import type { SmartSession } from './App.tsx';
import type { AppProblem } from './components/StatusViews.tsx';
import { FhirHttpError } from './load/errors.ts';
import type { FhirTransport } from './load/load-patient-data.ts';
import { applySmartStyle } from './style.ts';

type Client = Awaited<ReturnType<typeof FHIR.oauth2.ready>>;

function retryAfterSeconds(response: unknown): number | undefined {
  const header = (response as { headers?: { get?: (n: string) => string | null } })?.headers?.get?.('Retry-After');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

function transportFor(client: Client): FhirTransport {
  return {
    baseUrl: client.state.serverUrl,
    async get(url: string) {
      try {
        return await client.request({ url, headers: { Accept: 'application/fhir+json' } });
      } catch (e) {
        const status = (e as { status?: unknown }).status;
        if (typeof status === 'number') throw new FhirHttpError(status, retryAfterSeconds((e as { response?: unknown }).response));
        throw e;
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
