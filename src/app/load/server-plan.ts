// The query plan for this EHR: the vendor profile its registration names (no extra round trip),
// else one derived from its CapabilityStatement — fetched once per server and page, while the
// generic plan runs meanwhile instead of waiting for it.
import { isRecord } from '../../domain/json.ts';
import { planFor, planFromCapabilities, type QueryPlan, type VendorProfile } from '../../fhir/queries.ts';

interface Entry {
  promise: Promise<unknown>;
  /** Set once the fetch settled; undefined when the statement could not be read. */
  value?: unknown;
}

const capabilities = new Map<string, Entry>();

const key = (baseUrl: string) => baseUrl.replace(/\/+$/, '');

/** The server's CapabilityStatement (`GET [base]/metadata`), fetched once per server; undefined when it cannot be read. */
export function capabilityStatement(baseUrl: string, get: (url: string) => Promise<unknown>): Promise<unknown> {
  let entry = capabilities.get(key(baseUrl));
  if (!entry) {
    const created: Entry = {
      promise: get(`${key(baseUrl)}/metadata`).then(
        (cs) => {
          const ok = isRecord(cs) && cs.resourceType === 'CapabilityStatement';
          if (ok) created.value = cs;
          return ok ? cs : undefined;
        },
        () => undefined,
      ),
    };
    capabilities.set(key(baseUrl), (entry = created));
  }
  return entry.promise;
}

/** The plan to run now: the named profile's, else the one derived from a statement already read, else the generic one. */
export function planForServer(profile: VendorProfile | undefined, baseUrl: string): QueryPlan {
  if (profile) return planFor(profile);
  const known = capabilities.get(key(baseUrl))?.value;
  return (known !== undefined && planFromCapabilities(known)) || planFor('generic');
}

/** Tests: forget what was read. */
export function forgetCapabilities(): void {
  capabilities.clear();
}
