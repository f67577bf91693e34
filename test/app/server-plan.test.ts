// The plan derived from a server's CapabilityStatement is remembered across launches (a new page
// with the same storage), keyed by base URL, for a day, holding only query ids; where storage is
// blocked it lives in memory for the page.
import { describe, expect, it } from 'vitest';
import { PLAN_TTL_MS, PlanCache } from '../../src/app/load/plan-cache.ts';
import { ServerPlans } from '../../src/app/load/server-plan.ts';
import { planFor, planFromCapabilities } from '../../src/fhir/queries.ts';

const BASE = 'https://ehr.example.org/fhir/';

/** A server that searches Observation by patient and category only, and serves no MedicationAdministration. */
const STATEMENT = {
  resourceType: 'CapabilityStatement',
  rest: [
    {
      mode: 'server',
      resource: [
        ['Patient', ['_id']],
        ['Observation', ['patient', 'category']],
        ['DiagnosticReport', ['patient', 'category', 'code']],
        ['DocumentReference', ['patient', 'type']],
        ['Condition', ['patient']],
        ['Procedure', ['patient']],
        ['MedicationRequest', ['patient']],
      ].map(([type, params]) => ({
        type,
        interaction: [{ code: 'read' }, { code: 'search-type' }],
        searchParam: (params as string[]).map((name) => ({ name, type: 'token' })),
      })),
    },
  ],
};

class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  setItem(k: string, v: string) {
    this.items.set(k, String(v));
  }
}

const blocked = (): Storage => {
  throw new DOMException('The operation is insecure.', 'SecurityError');
};

/** One page of the app: its own ServerPlans over the shared storage. */
function page(storage: () => Storage, now: () => number = Date.now) {
  return new ServerPlans(new PlanCache(storage, now));
}

async function launch(plans: ServerPlans, options = { derivePlan: true }) {
  const fetched: string[] = [];
  const planNow = plans.planForServer(undefined, BASE);
  await plans.capabilityStatement(BASE, async (url) => (fetched.push(url), STATEMENT), options);
  await new Promise((r) => setTimeout(r, 0));
  return { planNow, fetched };
}

describe('capability-derived plan across launches', () => {
  const derived = planFromCapabilities(STATEMENT)!;

  it('the first launch runs the generic plan; the next launch, in a new page, runs the derived one at once', async () => {
    expect(derived.searches.map((q) => q.id)).toContain('observationsLaboratory');
    expect(derived.unsupported.map((u) => u.query.id)).toEqual(['medicationAdministrations']);
    const storage = new MemoryStorage();
    const first = await launch(page(() => storage));
    expect(first.planNow).toEqual(planFor('generic'));
    expect(first.fetched).toEqual(['https://ehr.example.org/fhir/metadata']);
    const second = page(() => storage).planForServer(undefined, 'https://ehr.example.org/fhir');
    expect(second).toEqual(derived);
    // Another server learns nothing from it; a registration's vendor profile always wins.
    expect(page(() => storage).planForServer(undefined, 'https://other.example.org/fhir')).toEqual(planFor('generic'));
    expect(page(() => storage).planForServer('epic', BASE)).toEqual(planFor('epic'));
  });

  it('stores the plan only, as query ids and reasons: no token, no patient, no statement', async () => {
    const storage = new MemoryStorage();
    await launch(page(() => storage));
    expect([...storage.items.keys()]).toEqual(['nodal-risk-plan:https://ehr.example.org/fhir']);
    const stored = JSON.parse([...storage.items.values()][0]!) as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['format', 'savedAt', 'searches', 'unsupported']);
    expect(stored.searches).toContainEqual({ id: 'observationsLaboratory' });
    expect(stored.searches).toContainEqual({ id: 'pathologyReportsByCategory', fallback: 'diagnosticReports' });
    expect(JSON.stringify(stored)).not.toMatch(/CapabilityStatement|Bearer|access_token|patient=/);
  });

  it('no plan is stored when the registration names a vendor (derivePlan off)', async () => {
    const storage = new MemoryStorage();
    await launch(
      page(() => storage),
      { derivePlan: false },
    );
    expect(storage.length).toBe(0);
  });

  it('expires after the time-to-live, and ignores a stored value it cannot read', async () => {
    const storage = new MemoryStorage();
    let now = 1_000_000;
    /** The plan a new page would run at this time. */
    const planAt = () =>
      page(
        () => storage,
        () => now,
      ).planForServer(undefined, BASE);
    await launch(
      page(
        () => storage,
        () => now,
      ),
    );
    now += PLAN_TTL_MS - 1;
    expect(planAt()).toEqual(derived);
    now += 1;
    expect(planAt()).toEqual(planFor('generic'));
    expect(storage.length).toBe(0); // the stale entry is dropped
    const key = 'nodal-risk-plan:https://ehr.example.org/fhir';
    for (const bad of [
      '{',
      JSON.stringify({ format: 1, savedAt: now, searches: [{ id: 'dropTables' }], unsupported: [] }),
      JSON.stringify({ format: 99, savedAt: now, searches: [], unsupported: [] }),
      JSON.stringify({ format: 1, savedAt: now + 60_000, searches: [], unsupported: [] }),
    ]) {
      storage.setItem(key, bad);
      expect(planAt()).toEqual(planFor('generic'));
    }
  });

  it('where storage is blocked (embedded frame) the plan lives in memory for the page only', async () => {
    const plans = page(blocked);
    await launch(plans);
    expect(plans.planForServer(undefined, BASE)).toEqual(derived);
    expect(page(blocked).planForServer(undefined, BASE)).toEqual(planFor('generic'));
  });
});
