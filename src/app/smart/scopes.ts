// The scopes Nodal Risk asks for: read access to exactly the resource types its searches use,
// report documents, identity, a refresh token while online, and (when the deployment allows it) saving to the chart.
import { isRecord } from '../../domain/json.ts';
import { readResourceTypes } from '../../fhir/queries.ts';
import type { AppRegistration } from './registrations.ts';

export interface ScopeOptions {
  /** The server advertises permission-v2 (SMART 2 scopes, `.rs`); otherwise v1 `.read`. */
  v2: boolean;
  /** EHR launch asks `launch`; standalone asks `launch/patient`. */
  ehrLaunch: boolean;
  writeBack: boolean;
}

export { readResourceTypes };

export function requestedScopes({ v2, ehrLaunch, writeBack }: ScopeOptions): string {
  const read = (type: string) => (v2 ? `patient/${type}.${type === 'Binary' ? 'r' : 'rs'}` : `patient/${type}.read`);
  // online_access: a refresh token while the clinician is signed in, so an expired access token
  // is renewed instead of ending the session.
  const scopes = [
    ehrLaunch ? 'launch' : 'launch/patient',
    'openid',
    'fhirUser',
    'online_access',
    ...readResourceTypes().map(read),
  ];
  // Which of the two the EHR takes is read from its CapabilityStatement after launch (record/branch.ts).
  if (writeBack)
    for (const type of ['RiskAssessment', 'DocumentReference'])
      scopes.push(v2 ? `patient/${type}.c` : `patient/${type}.write`);
  return scopes.join(' ');
}

/** Whether a server's .well-known/smart-configuration advertises SMART v2 scopes. */
export function supportsV2(smartConfiguration: unknown): boolean {
  const caps = isRecord(smartConfiguration) ? smartConfiguration.capabilities : undefined;
  return Array.isArray(caps) && caps.includes('permission-v2');
}

/**
 * The scope string a launch requests: v2 where the server advertises it, unless the registration
 * forces a version (Oracle sites registered with v1 scopes advertise v2 but grant v1: deploy-oracle.md).
 */
export function launchScopes(
  registration: Pick<AppRegistration, 'writeBack' | 'scopeVersion'>,
  smartConfiguration: unknown,
  ehrLaunch: boolean,
): string {
  const v2 = registration.scopeVersion ? registration.scopeVersion === 'v2' : supportsV2(smartConfiguration);
  return requestedScopes({ v2, ehrLaunch, writeBack: registration.writeBack === true });
}
