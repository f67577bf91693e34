// The SMART App Launch scope grammar for clinical data, v1 and v2, in one place: the app reads its
// grant with it and the sandbox's authorization server grants with it. Pure, so both the browser and
// Node use it (SMART App Launch 2.x, "Scopes for requesting clinical data"):
//   v1  patient/Observation.read   .write   .*
//   v2  patient/Observation.rs     a non-empty subset of c r u d s, in that order,
//       optionally narrowed by a query: patient/Observation.rs?category=laboratory
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';
export type ScopeLevel = 'patient' | 'user' | 'system';

export interface ResourceScope {
  raw: string;
  level: ScopeLevel;
  /** A FHIR resource type, or '*'. */
  resourceType: string;
  permissions: ReadonlySet<Permission>;
  version: 1 | 2;
  /** A v2 scope's query suffix without the '?', e.g. "category=laboratory": access narrowed to matching resources. */
  query?: string;
}

export const PERMISSION_ORDER: readonly Permission[] = ['c', 'r', 'u', 'd', 's'];

// v1 read is v2 "rs", write is "cud" (the spec's v1 → v2 mapping).
const V1: Record<string, Permission[]> = { read: ['r', 's'], write: ['c', 'u', 'd'], '*': ['c', 'r', 'u', 'd', 's'] };

const SCOPE = /^(patient|user|system)\/([A-Z][A-Za-z]+|\*)\.([a-z*]+)(?:\?(.*))?$/;
// name=value pairs joined by &; values may hold a token's system|code.
const QUERY = /^[A-Za-z][\w:.-]*=[^&\s]+(?:&[A-Za-z][\w:.-]*=[^&\s]+)*$/;

/** One clinical-data scope; undefined for anything else (context scopes such as `launch`, or malformed). */
export function parseResourceScope(raw: string): ResourceScope | undefined {
  const m = SCOPE.exec(raw);
  if (!m) return undefined;
  const [, level, resourceType, perms, query] = m as unknown as [string, ScopeLevel, string, string, string?];
  const v1 = V1[perms];
  if (v1) return query === undefined ? { raw, level, resourceType, permissions: new Set(v1), version: 1 } : undefined;
  if (!/^c?r?u?d?s?$/.test(perms) || perms.length === 0) return undefined;
  if (query !== undefined && !QUERY.test(query)) return undefined;
  return {
    raw,
    level,
    resourceType,
    permissions: new Set(perms.split('') as Permission[]),
    version: 2,
    ...(query !== undefined ? { query } : {}),
  };
}

/** The clinical-data scopes of a space-separated scope string, in order. */
export function resourceScopes(scope: string): ResourceScope[] {
  return scope
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((s) => parseResourceScope(s) ?? []);
}

/** Whether a scope covers `permission` on `resourceType` (a query narrows which resources, not the permission). */
export function covers(scope: ResourceScope, resourceType: string, permission: Permission): boolean {
  return (scope.resourceType === '*' || scope.resourceType === resourceType) && scope.permissions.has(permission);
}
