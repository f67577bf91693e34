// Client registrations per EHR (smart-config/app.json), picked by the launch's iss.
// Validation happens in Node (build and sandbox start, see config-check.ts) so a bad config fails
// loudly there; the browser only reads the validated file.

import type { VendorProfile } from '../../fhir/queries.ts';

export interface AppRegistration {
  name: string;
  issPattern: string;
  clientId: string;
  redirectUri: string;
  writeBack?: boolean;
  /** The EHR's search rules (query plan); absent: derived from its CapabilityStatement. */
  vendor?: VendorProfile;
  /** Ask SMART v1 or v2 scopes whatever the server advertises; absent: v2 where it advertises permission-v2. */
  scopeVersion?: 'v1' | 'v2';
  frameAncestors: string[];
  connectSrc: string[];
}

export interface AppConfig {
  registrations: AppRegistration[];
}

export function registrationFor(config: AppConfig, iss: string): AppRegistration | undefined {
  return config.registrations.find((r) => new RegExp(r.issPattern).test(iss));
}
