// The query plan derived from a server's CapabilityStatement, remembered across launches so the
// next launch on that server runs it at once. Keyed by the server's base URL; the stored value is
// the plan alone, as query ids (no token, no patient data), with the time it was derived. Where
// the browser gives no usable localStorage (embedded in an EHR frame) it is kept in memory.
import { isRecord } from '../../domain/json.ts';
import { QUERIES, type FhirQuery, type QueryPlan } from '../../fhir/queries.ts';

/** A derived plan is trusted this long; a server upgrade may change what it declares. */
export const PLAN_TTL_MS = 24 * 60 * 60 * 1000;
const PREFIX = 'nodal-risk-plan:';
/** Bumped when the way plans are derived or stored changes: older entries are then ignored. */
const FORMAT = 1;
const MAX_REASON = 300;

interface StoredPlan {
  format: number;
  savedAt: number;
  searches: { id: string; fallback?: string }[];
  unsupported: { id: string; reason: string }[];
}

/** Every search a derived plan can hold, by id: the generic searches and their broader forms. */
const KNOWN: ReadonlyMap<string, FhirQuery> = new Map(
  QUERIES.flatMap((q) => [q, ...(q.fallback ? [q.fallback] : [])]).map((q) => [q.id, q]),
);

function toStored(plan: QueryPlan, savedAt: number): StoredPlan {
  return {
    format: FORMAT,
    savedAt,
    searches: plan.searches.map((q) => ({ id: q.id, ...(q.fallback ? { fallback: q.fallback.id } : {}) })),
    unsupported: plan.unsupported.map(({ query, reason }) => ({ id: query.id, reason })),
  };
}

/** The plan a stored value stands for, or undefined when it is malformed or names a search this version lacks. */
function fromStored(value: unknown): QueryPlan | undefined {
  if (!isRecord(value)) return undefined;
  const v = value as Partial<StoredPlan>;
  if (v.format !== FORMAT || !Array.isArray(v.searches) || !Array.isArray(v.unsupported)) return undefined;
  const searches: FhirQuery[] = [];
  for (const s of v.searches as unknown[]) {
    const { id, fallback } = (s ?? {}) as { id?: unknown; fallback?: unknown };
    const query = typeof id === 'string' ? KNOWN.get(id) : undefined;
    const broader = typeof fallback === 'string' ? KNOWN.get(fallback) : undefined;
    if (!query || (fallback !== undefined && !broader)) return undefined;
    const { fallback: _own, ...bare } = query;
    searches.push(broader ? { ...bare, fallback: broader } : bare);
  }
  const unsupported: QueryPlan['unsupported'][number][] = [];
  for (const u of v.unsupported as unknown[]) {
    const { id, reason } = (u ?? {}) as { id?: unknown; reason?: unknown };
    const query = typeof id === 'string' ? KNOWN.get(id) : undefined;
    if (!query || typeof reason !== 'string') return undefined;
    unsupported.push({ query, reason: reason.slice(0, MAX_REASON) });
  }
  return { source: 'capability', searches, unsupported };
}

function usable(get: () => Storage | undefined): Storage | undefined {
  try {
    const storage = get();
    if (!storage) return undefined;
    const probe = `${PREFIX}probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return undefined; // blocked (SecurityError in a sandboxed frame), full, or absent
  }
}

export class PlanCache {
  private readonly memory = new Map<string, string>();
  private storage: Storage | undefined | null = null;

  constructor(
    private readonly getStorage: () => Storage | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  private store(): Storage | undefined {
    if (this.storage === null) this.storage = usable(this.getStorage);
    return this.storage;
  }

  private static key(baseUrl: string): string {
    return PREFIX + baseUrl.replace(/\/+$/, '');
  }

  set(baseUrl: string, plan: QueryPlan): void {
    const raw = JSON.stringify(toStored(plan, this.now()));
    const key = PlanCache.key(baseUrl);
    try {
      const storage = this.store();
      if (storage) return storage.setItem(key, raw);
    } catch {
      // Quota or a storage revoked since the probe: keep it for this page.
    }
    this.memory.set(key, raw);
  }

  /** The plan derived for this server, unless none was stored, it is older than the TTL, or it is unreadable. */
  get(baseUrl: string): QueryPlan | undefined {
    const key = PlanCache.key(baseUrl);
    let raw: string | null | undefined = this.memory.get(key);
    try {
      raw ??= this.store()?.getItem(key);
    } catch {
      raw = undefined;
    }
    if (!raw) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = undefined;
    }
    const savedAt = (value as { savedAt?: unknown } | undefined)?.savedAt;
    const fresh = typeof savedAt === 'number' && savedAt <= this.now() && this.now() - savedAt < PLAN_TTL_MS;
    const plan = fresh ? fromStored(value) : undefined;
    if (!plan) this.forget(key);
    return plan;
  }

  private forget(key: string): void {
    this.memory.delete(key);
    try {
      this.store()?.removeItem(key);
    } catch {
      // nothing to do: the entry is ignored anyway
    }
  }
}
