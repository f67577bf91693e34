// Recognises an axillary lymph node dissection in orders (ServiceRequest) and in history
// (Procedure): SNOMED 234262008 and the configured descendants, CPT 38745/38740, and the site's
// own value set. Code systems are matched exactly; codes without a system are not trusted.
import type { Coding, ResolvedCdsConfig } from './config.ts';

const SNOMED = 'http://snomed.info/sct';
const CPT = 'http://www.ama-assn.org/go/cpt';

export type AlndMatcher = (codeableConcept: unknown) => boolean;

export function alndMatcher(alnd: ResolvedCdsConfig['alnd']): AlndMatcher {
  const codes = new Set<string>([
    ...alnd.snomed.map((c) => `${SNOMED}|${c}`),
    ...alnd.cpt.map((c) => `${CPT}|${c}`),
    ...alnd.valueSet.map((c: Coding) => `${c.system}|${c.code}`),
  ]);
  return (concept) => {
    const codings = (concept as { coding?: unknown } | null | undefined)?.coding;
    if (!Array.isArray(codings)) return false;
    return codings.some((c: unknown) => {
      const { system, code } = (c ?? {}) as { system?: unknown; code?: unknown };
      return typeof system === 'string' && typeof code === 'string' && codes.has(`${system}|${code}`);
    });
  };
}

interface OrderLike {
  resourceType?: unknown;
  id?: unknown;
  status?: unknown;
  code?: unknown;
}

/**
 * The ALND ServiceRequests among the draft orders; for order-select only those the clinician
 * has selected (context.selections), since the rest of the basket is not being decided now.
 */
export function alndOrders(
  draftOrders: { entry?: { resource?: unknown }[] } | undefined,
  isAlnd: AlndMatcher,
  selections?: readonly string[],
): string[] {
  const selected = selections ? new Set(selections) : undefined;
  const found: string[] = [];
  for (const entry of draftOrders?.entry ?? []) {
    const r = (entry?.resource ?? {}) as OrderLike;
    if (r.resourceType !== 'ServiceRequest') continue;
    const ref = `ServiceRequest/${typeof r.id === 'string' ? r.id : ''}`;
    if (selected && !selected.has(ref)) continue;
    if (r.status === 'revoked' || r.status === 'entered-in-error') continue;
    if (isAlnd(r.code)) found.push(ref);
  }
  return found;
}

/** True when the resources hold an ALND that was done or is under way (patient-view stays quiet then). */
export function hasAlndProcedure(resources: readonly unknown[], isAlnd: AlndMatcher): boolean {
  return resources.some((resource) => {
    const r = (resource ?? {}) as OrderLike;
    return r.resourceType === 'Procedure' && (r.status === 'completed' || r.status === 'in-progress') && isAlnd(r.code);
  });
}
