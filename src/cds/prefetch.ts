// The data a hook needs: what the client prefetched, plus whatever it left out (missing key,
// null, an OperationOutcome, or a page it did not follow) fetched with fhirServer and
// fhirAuthorization. When neither way yields it, the service must answer 412 (CDS Hooks 2.0).
import { QUERIES, prefetchTemplates, queryUrl, type FhirQuery } from '../fhir/queries.ts';
import { bundleResources, fetchAllPages, FetchFailed, nextLink, type FhirAccess } from './fhir-fetch.ts';
import type { HookRequest } from './request-schema.ts';

export class PreconditionFailed extends Error {
  override name = 'PreconditionFailed';
}

/** Prefetch templates advertised in discovery: the shared query list, keyed by query id. */
export const PREFETCH = prefetchTemplates(QUERIES);

type Plan = { query: FhirQuery; have: unknown[]; fetch?: string; continues?: boolean };

function plan(query: FhirQuery, value: unknown, patientId: string): Plan {
  const given = value as { resourceType?: unknown } | null | undefined;
  if (given === undefined || given === null || given.resourceType === 'OperationOutcome') {
    return { query, have: [], fetch: queryUrl(query, patientId) };
  }
  if (given.resourceType === 'Bundle') {
    const rest = nextLink(given);
    return { query, have: bundleResources(given), ...(rest ? { fetch: rest, continues: true } : {}) };
  }
  return { query, have: [given] };
}

export interface GatherOptions {
  timeoutMs: number;
  maxPages: number;
  fetch: typeof fetch;
}

/** Every resource the shared queries ask for, deduplicated by type and id. */
export async function gatherResources(request: HookRequest, options: GatherOptions): Promise<unknown[]> {
  const patientId = request.context.patientId;
  const plans = QUERIES.map((q) => plan(q, request.prefetch?.[q.id], patientId));
  const toFetch = plans.filter((p) => p.fetch !== undefined);
  if (toFetch.length > 0 && !request.fhirServer) {
    // A key the client answered with null means "no data"; only absent or failed keys are fatal.
    const unobtainable = toFetch.filter((p) => request.prefetch?.[p.query.id] !== null);
    if (unobtainable.length > 0) throw new PreconditionFailed('prefetch incomplete and no fhirServer');
  }
  if (request.fhirServer) {
    const access: FhirAccess = {
      base: request.fhirServer.replace(/\/+$/, ''),
      ...(request.fhirAuthorization ? { accessToken: request.fhirAuthorization.access_token } : {}),
      timeoutMs: options.timeoutMs,
      maxPages: options.maxPages,
      fetch: options.fetch,
    };
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      await Promise.all(
        toFetch.map(async (p) => {
          p.have.push(...(await fetchAllPages(access, p.fetch as string, signal, p.continues)));
        }),
      );
    } catch (error) {
      if (error instanceof FetchFailed) throw new PreconditionFailed(error.message);
      throw error;
    }
  }
  return dedupe(plans.flatMap((p) => p.have));
}

function dedupe(resources: unknown[]): unknown[] {
  const seen = new Set<string>();
  return resources.filter((r) => {
    const { resourceType, id } = r as { resourceType?: unknown; id?: unknown };
    if (typeof id !== 'string') return true;
    const key = `${String(resourceType)}/${id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
