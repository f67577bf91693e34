// MemoryRepository evaluates every search parameter by FHIRPath over every resource of the type, which
// makes `patient=` searches over thousands of observations take about a second each. This subclass
// keeps a patient index, evaluates the remaining filters on that patient's resources only, and clones
// just the returned page. Storage, reads and creates stay medplum's.
import { Operator, deepClone, evalFhirPath, globalSchema, matchesSearchRequest } from '@medplum/core';
import type { Filter, SearchRequest, WithId } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Binary, Bundle, Reference, Resource } from '@medplum/fhirtypes';

const PATIENT_PARAMS = new Set(['patient', 'subject']);

/** The patient a resource belongs to, by its usual reference fields. */
function patientOf(r: Resource): string | undefined {
  if (r.resourceType === 'Patient') return r.id;
  if (r.resourceType === 'Binary') return refId((r as Binary).securityContext);
  const rec = r as unknown as { subject?: Reference; patient?: Reference };
  return refId(rec.subject) ?? refId(rec.patient);
}

function refId(ref: Reference | undefined): string | undefined {
  const m = /^Patient\/([^/]+)$/.exec(ref?.reference ?? '');
  return m?.[1];
}

function isPatientFilter(resourceType: string, f: Filter): boolean {
  if (f.operator !== Operator.EQUALS || f.value.includes(',')) return false;
  if (resourceType === 'Patient') return f.code === '_id';
  return PATIENT_PARAMS.has(f.code) && /^Patient\/[^/]+$/.test(f.value);
}

export class IndexedRepository extends MemoryRepository {
  private readonly live = new Map<string, Map<string, Resource>>();
  private readonly byPatient = new Map<string, Map<string, Set<string>>>();

  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    const created = await super.createResource(resource);
    const type = created.resourceType;
    const prev = this.live.get(type)?.get(created.id);
    if (prev) this.unindex(prev);
    let m = this.live.get(type);
    if (!m) this.live.set(type, (m = new Map()));
    m.set(created.id, created);
    const pid = patientOf(created);
    if (pid) {
      let t = this.byPatient.get(type);
      if (!t) this.byPatient.set(type, (t = new Map()));
      let s = t.get(pid);
      if (!s) t.set(pid, (s = new Set()));
      s.add(created.id);
    }
    return deepClone(created);
  }

  override async deleteResource(resourceType: string, id: string): Promise<void> {
    await super.deleteResource(resourceType, id);
    const prev = this.live.get(resourceType)?.get(id);
    if (prev) this.unindex(prev);
    this.live.get(resourceType)?.delete(id);
  }

  private unindex(r: Resource): void {
    const pid = patientOf(r);
    if (pid && r.id) this.byPatient.get(r.resourceType)?.get(pid)?.delete(r.id);
  }

  override async search<T extends Resource>(sr: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const type = sr.resourceType;
    const all = this.live.get(type) ?? new Map<string, Resource>();
    const filters = sr.filters ?? [];
    const patientFilters = filters.filter((f) => isPatientFilter(type, f));
    let candidates: Resource[];
    if (patientFilters.length > 0) {
      // Every patient filter must name the same patient (they are ANDed).
      const ids = new Set(patientFilters.map((f) => (type === 'Patient' ? f.value : f.value.slice('Patient/'.length))));
      const [pid] = ids;
      candidates =
        ids.size === 1 && pid !== undefined
          ? [...(type === 'Patient' ? [pid] : (this.byPatient.get(type)?.get(pid) ?? []))]
              .map((id) => all.get(id))
              .filter((r): r is Resource => r !== undefined)
          : [];
    } else {
      candidates = [...all.values()];
    }
    const rest: SearchRequest = { ...sr, filters: filters.filter((f) => !patientFilters.includes(f)) };
    let matched = rest.filters?.length ? candidates.filter((r) => matchesSearchRequest(r, rest)) : candidates;
    for (const rule of sr.sortRules ?? []) {
      const expr = globalSchema.types[type]?.searchParams?.[rule.code]?.expression;
      if (!expr) continue;
      const key = (r: Resource) => JSON.stringify(evalFhirPath(expr, r));
      matched = [...matched].sort((a, b) => key(a).localeCompare(key(b)) * (rule.descending ? -1 : 1));
    }
    const offset = sr.offset ?? 0;
    const page = matched.slice(offset, sr.count === undefined ? undefined : offset + sr.count);
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      total: matched.length,
      ...(page.length ? { entry: page.map((r) => ({ resource: deepClone(r) as WithId<T> })) } : {}),
    };
  }
}
