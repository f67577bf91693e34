// SMART launch (EHR launch with iss + launch, or standalone with iss): picks the registration for
// this EHR, asks v2 scopes when the server supports them (else v1, or the version the registration
// forces), and requires PKCE.
import { registrationFor, type AppConfig } from './registrations.ts';
import { launchScopes } from './scopes.ts';
import { smartApi } from './smart-api.ts';

export class LaunchProblem extends Error {
  override readonly name = 'LaunchProblem';
}

async function smartConfiguration(iss: string): Promise<unknown> {
  try {
    const response = await fetch(`${iss.replace(/\/$/, '')}/.well-known/smart-configuration`, {
      headers: { Accept: 'application/json' },
    });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

export async function launch(config: AppConfig, search: string): Promise<void> {
  const params = new URLSearchParams(search);
  const iss = params.get('iss');
  const launchToken = params.get('launch');
  if (!iss) throw new LaunchProblem("No EHR (iss) was given. Open Nodal Risk from the patient's chart in the EHR.");
  const registration = registrationFor(config, iss);
  if (!registration) throw new LaunchProblem(`This EHR is not registered with Nodal Risk: ${iss}`);
  const discovery = await smartConfiguration(iss);
  if (!discovery) throw new LaunchProblem('The EHR did not publish its SMART configuration.');
  const scope = launchScopes(registration, discovery, launchToken !== null);
  await smartApi().authorize({
    clientId: registration.clientId,
    scope,
    redirectUri: registration.redirectUri,
    pkceMode: 'required',
    completeInTarget: true,
    // EHR launch: fhirclient reads iss and launch from the URL; standalone: we name the server.
    ...(launchToken === null ? { iss } : {}),
  });
}
