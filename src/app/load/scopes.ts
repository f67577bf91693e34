// Reading the granted scope string: which resource types may this token read?
// Understands SMART v2 (patient/Observation.rs) and v1 (patient/Observation.read) forms.

function grantsRead(scope: string, resourceType: string): boolean {
  const m = /^(patient|user|system)\/([A-Za-z*]+)\.([a-z*]+)(\?.*)?$/.exec(scope);
  if (!m) return false;
  const [, , type, permissions] = m;
  if (type !== '*' && type !== resourceType) return false;
  if (permissions === 'read' || permissions === '*') return true;
  return /^c?r?u?d?s?$/.test(permissions as string) && (permissions as string).includes('r');
}

export function canRead(grantedScope: string | undefined, resourceType: string): boolean {
  if (grantedScope === undefined) return true; // not reported: try, and let the server answer
  return grantedScope.split(/\s+/).some((s) => grantsRead(s, resourceType));
}

export function canCreate(grantedScope: string | undefined, resourceType: string): boolean {
  if (!grantedScope) return false;
  return grantedScope.split(/\s+/).some((s) => {
    const m = /^(patient|user)\/([A-Za-z*]+)\.([a-z*]+)$/.exec(s);
    if (!m) return false;
    const [, , type, p] = m;
    return (
      (type === '*' || type === resourceType) &&
      (p === 'write' || p === '*' || (/^c?r?u?d?s?$/.test(p as string) && (p as string).includes('c')))
    );
  });
}
