// The sandbox's grants: which requested scopes it gives, capped by the client's registration. The
// scope grammar is the shared one (src/fhir/smart-scopes.ts).
import {
  PERMISSION_ORDER,
  covers,
  parseResourceScope,
  type Permission,
  type ResourceScope,
  type ScopeLevel,
} from '../../fhir/smart-scopes.ts';

export interface ScopeSet {
  /** Granted scope strings, in request order (v1 strings are returned as v1, as the spec advises). */
  granted: string[];
  resources: ResourceScope[];
  launch: boolean;
  launchPatient: boolean;
  openid: boolean;
  fhirUser: boolean;
  offlineAccess: boolean;
  onlineAccess: boolean;
}

const CONTEXT_SCOPES = new Set([
  'launch',
  'launch/patient',
  'launch/encounter',
  'openid',
  'fhirUser',
  'profile',
  'online_access',
  'offline_access',
]);

/** Parses a requested scope string; unknown or malformed scopes are silently not granted. */
export function parseScopes(scope: string): ScopeSet {
  const granted: string[] = [];
  const resources: ResourceScope[] = [];
  for (const s of scope.split(/\s+/).filter(Boolean)) {
    if (granted.includes(s)) continue;
    if (CONTEXT_SCOPES.has(s)) {
      granted.push(s);
      continue;
    }
    const r = parseResourceScope(s);
    // Granular scopes (`?category=…`) parse but are not granted: this server cannot filter by them.
    if (r && r.level !== 'system' && r.query === undefined) {
      granted.push(s);
      resources.push(r);
    }
  }
  return {
    granted,
    resources,
    launch: granted.includes('launch'),
    launchPatient: granted.includes('launch/patient'),
    openid: granted.includes('openid'),
    fhirUser: granted.includes('fhirUser'),
    offlineAccess: granted.includes('offline_access'),
    onlineAccess: granted.includes('online_access'),
  };
}

/** Which scope levels allow `permission` on `resourceType` (a patient-level scope implies compartment filtering). */
export function allowedLevels(scopes: ScopeSet, resourceType: string, permission: Permission): Set<ScopeLevel> {
  const levels = new Set<ScopeLevel>();
  for (const r of scopes.resources) {
    if (covers(r, resourceType, permission)) levels.add(r.level);
  }
  return levels;
}

/** A refresh may ask for a subset of the original grant only. */
export function isSubset(requested: string, original: readonly string[]): boolean {
  return requested
    .split(/\s+/)
    .filter(Boolean)
    .every((s) => original.includes(s));
}

/** The same grant without the scopes for one resource type (an EHR granting less than asked). */
export function withoutType(scopes: ScopeSet, resourceType: string): ScopeSet {
  const dropped = new Set(scopes.resources.filter((r) => r.resourceType === resourceType).map((r) => r.raw));
  return {
    ...scopes,
    resources: scopes.resources.filter((r) => !dropped.has(r.raw)),
    granted: scopes.granted.filter((g) => !dropped.has(g)),
  };
}

/**
 * What of a request a client may have: each requested scope narrowed to what its registration
 * allows (same level; a registered wildcard covers any type; permissions intersected). Scopes the
 * registration does not cover at all are not granted. A scope granted whole keeps its spelling.
 */
export function capToRegistered(requested: ScopeSet, registered: ScopeSet): ScopeSet {
  const granted: string[] = [];
  const add = (s: string) => {
    if (!granted.includes(s)) granted.push(s);
  };
  for (const s of requested.granted) {
    const r = requested.resources.find((x) => x.raw === s);
    if (!r) {
      if (registered.granted.includes(s)) add(s);
      continue;
    }
    const narrowed: string[] = [];
    for (const g of registered.resources) {
      if (
        g.level !== r.level ||
        (g.resourceType !== '*' && r.resourceType !== '*' && g.resourceType !== r.resourceType)
      )
        continue;
      const type = r.resourceType === '*' ? g.resourceType : r.resourceType;
      const perms = PERMISSION_ORDER.filter((p) => r.permissions.has(p) && g.permissions.has(p));
      if (perms.length === 0) continue;
      if (type === r.resourceType && perms.length === r.permissions.size) {
        narrowed.splice(0, narrowed.length, r.raw);
        break;
      }
      narrowed.push(`${r.level}/${type}.${perms.join('')}`);
    }
    narrowed.forEach(add);
  }
  return parseScopes(granted.join(' '));
}

/** Whether a grant reaches beyond one patient's compartment (needs a signed-in practitioner). */
export function hasUserScopes(scopes: ScopeSet): boolean {
  return scopes.resources.some((r) => r.level === 'user');
}
