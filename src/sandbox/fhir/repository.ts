// MemoryRepository evaluates every search parameter by FHIRPath over every resource of the type, which
// makes `patient=` searches over thousands of observations take about a second each. This subclass
// keeps a patient index, narrows code-list searches (`code=a,b,c`) by an index of the patient's
// codes, evaluates every filter on what remains, and clones just the returned page. Storage, reads
// and creates stay medplum's.
import {
  Operator,
  deepClone,
  evalFhirPath,
  getSearchParameterDetails,
  globalSchema,
  matchesSearchRequest,
} from '@medplum/core';
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
  private readonly codes = new TokenIndex();

  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    const created = await super.createResource(resource);
    const type = created.resourceType;
    const prev = this.live.get(type)?.get(created.id);
    if (prev) this.unindex(prev);
    let m = this.live.get(type);
    if (!m) this.live.set(type, (m = new Map()));
    m.set(created.id, created);
    this.codes.forget(type);
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
    this.codes.forget(resourceType);
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
    let patientId: string | undefined;
    if (patientFilters.length > 0) {
      // Every patient filter must name the same patient (they are ANDed).
      const ids = new Set(patientFilters.map((f) => (type === 'Patient' ? f.value : f.value.slice('Patient/'.length))));
      const [pid] = ids;
      if (ids.size === 1) patientId = pid;
      candidates =
        ids.size === 1 && pid !== undefined
          ? [...(type === 'Patient' ? [pid] : (this.byPatient.get(type)?.get(pid) ?? []))]
              .map((id) => all.get(id))
              .filter((r): r is Resource => r !== undefined)
          : [];
    } else {
      candidates = [...all.values()];
    }
    // Only narrows: every filter is still evaluated below on what remains.
    if (patientId !== undefined) {
      const ofPatient = candidates;
      for (const f of filters) candidates = this.codes.narrow(type, patientId, ofPatient, f, candidates) ?? candidates;
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

/**
 * For one patient's resources of a type, the ids by each lower-cased string a token search on a
 * plain `Type.field` parameter can match (codes, displays, texts). Built on first use per
 * (type, patient, field), dropped when a resource of the type changes.
 */
class TokenIndex {
  private readonly byKey = new Map<string, Map<string, Set<string>>>();

  forget(resourceType: string): void {
    for (const key of this.byKey.keys()) if (key.startsWith(`${resourceType}\n`)) this.byKey.delete(key);
  }

  /** The candidates a token filter can match, or undefined when this filter cannot narrow them. */
  narrow(
    type: string,
    patientId: string,
    ofPatient: Resource[],
    f: Filter,
    candidates: Resource[],
  ): Resource[] | undefined {
    if (f.operator !== Operator.EQUALS || f.value.includes('\\')) return undefined;
    const field = plainTokenField(type, f.code);
    if (!field) return undefined;
    const wanted: string[] = [];
    for (const part of f.value.split(',')) {
      // `system|` alone matches by system: nothing to look up by code.
      const code = part.includes('|') ? part.slice(part.indexOf('|') + 1) : part;
      if (!code) return undefined;
      wanted.push(code.toLowerCase());
    }
    const index = this.indexOf(type, patientId, field, ofPatient);
    const ids = new Set(wanted.flatMap((code) => [...(index.get(code) ?? [])]));
    return candidates.filter((r) => r.id !== undefined && ids.has(r.id));
  }

  private indexOf(type: string, patientId: string, field: string, resources: Resource[]): Map<string, Set<string>> {
    const key = `${type}\n${patientId}\n${field}`;
    let index = this.byKey.get(key);
    if (index) return index;
    index = new Map();
    for (const r of resources) {
      if (!r.id) continue;
      for (const text of tokenTexts((r as unknown as Record<string, unknown>)[field])) {
        let ids = index.get(text);
        if (!ids) index.set(text, (ids = new Set()));
        ids.add(r.id);
      }
    }
    this.byKey.set(key, index);
    return index;
  }
}

/** `field` when the token parameter reads exactly `Type.field` on this type (e.g. Observation.code). */
function plainTokenField(type: string, code: string): string | undefined {
  const param = globalSchema.types[type]?.searchParams?.[code];
  if (param?.type !== 'token') return undefined;
  const paths = getSearchParameterDetails(type, param).elementDefinitions?.map((e) => e.path) ?? [];
  const [path] = paths;
  return paths.length === 1 && path ? new RegExp(`^${type}\\.(\\w+)$`).exec(path)?.[1] : undefined;
}

/** Lower-cased code, display and text strings of a CodeableConcept, Coding, code, or an array of them. */
function tokenTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value.toLowerCase()];
  if (Array.isArray(value)) return value.flatMap(tokenTexts);
  if (typeof value !== 'object' || value === null) return [];
  const { code, display, text, coding } = value as Record<string, unknown>;
  return [code, display, text]
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.toLowerCase())
    .concat(Array.isArray(coding) ? coding.flatMap(tokenTexts) : []);
}
