// Reading the granted scope string: may this token read, or create, a resource type?
// The grammar (SMART v1 and v2, query suffixes included) is src/fhir/smart-scopes.ts.
import { covers, resourceScopes } from '../../fhir/smart-scopes.ts';

/** A granular grant (`?category=…`) still reads: the server returns what the grant covers. */
export function canRead(grantedScope: string | undefined, resourceType: string): boolean {
  if (grantedScope === undefined) return true; // not reported: try, and let the server answer
  return resourceScopes(grantedScope).some((s) => covers(s, resourceType, 'r'));
}

/** Saving needs an unnarrowed create grant for the patient or the user. */
export function canCreate(grantedScope: string | undefined, resourceType: string): boolean {
  if (!grantedScope) return false;
  return resourceScopes(grantedScope).some(
    (s) => s.level !== 'system' && s.query === undefined && covers(s, resourceType, 'c'),
  );
}
