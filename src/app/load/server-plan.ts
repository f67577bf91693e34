// The query plan for this EHR: the vendor profile its registration names (no extra round trip),
// else the one derived from its CapabilityStatement on an earlier launch (plan-cache.ts: kept
// across launches for a day), else the generic plan — run at once rather than waiting for the
// statement, which is fetched meanwhile and its plan remembered for the next launch.
import { isRecord } from '../../domain/json.ts';
import { planFor, planFromCapabilities, type QueryPlan, type VendorProfile } from '../../fhir/queries.ts';
import { PlanCache } from './plan-cache.ts';

const key = (baseUrl: string) => baseUrl.replace(/\/+$/, '');

export class ServerPlans {
  private readonly statements = new Map<string, Promise<unknown>>();

  constructor(private readonly plans: PlanCache) {}

  /**
   * The server's CapabilityStatement (`GET [base]/metadata`), fetched once per server and page;
   * undefined when it cannot be read. With `derivePlan`, the plan derived from it is remembered.
   */
  capabilityStatement(
    baseUrl: string,
    get: (url: string) => Promise<unknown>,
    options: { derivePlan?: boolean } = {},
  ): Promise<unknown> {
    let statement = this.statements.get(key(baseUrl));
    if (!statement) {
      statement = get(`${key(baseUrl)}/metadata`).then(
        (cs) => (isRecord(cs) && cs.resourceType === 'CapabilityStatement' ? cs : undefined),
        () => undefined,
      );
      this.statements.set(key(baseUrl), statement);
    }
    if (options.derivePlan)
      void statement.then((cs) => {
        const plan = cs === undefined ? undefined : planFromCapabilities(cs);
        if (plan) this.plans.set(key(baseUrl), plan);
      });
    return statement;
  }

  /** The plan to run now: the named profile's, else the one remembered for this server, else the generic one. */
  planForServer(profile: VendorProfile | undefined, baseUrl: string): QueryPlan {
    if (profile) return planFor(profile);
    return this.plans.get(key(baseUrl)) ?? planFor('generic');
  }
}

function browserStorage(): Storage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage;
}

const shared = new ServerPlans(new PlanCache(browserStorage));

export const capabilityStatement: ServerPlans['capabilityStatement'] = (baseUrl, get, options) =>
  shared.capabilityStatement(baseUrl, get, options);

export const planForServer: ServerPlans['planForServer'] = (profile, baseUrl) => shared.planForServer(profile, baseUrl);
