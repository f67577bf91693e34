// The data a hook needs: what the client prefetched, plus whatever it left out (missing key,
// null, an OperationOutcome, or a page it did not follow) fetched with fhirServer and
// fhirAuthorization. When neither way yields it, the service must answer 412 (CDS Hooks 2.0).
import { QUERIES, keeps, prefetchTemplates, queryUrl, specimenIds, specimenSearches, type FhirQuery } from '../fhir/queries.ts';
import { documentUrls } from '../fhir/documents.ts';
import { bundleResources, fetchAllPages, fetchDocument, FetchFailed, nextLink, type FhirAccess } from './fhir-fetch.ts';
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

export interface Gathered {
  resources: unknown[];
  /** Report documents cited by URL, fetched from the FHIR server (URL → text). */
  binaries: Record<string, string>;
}

/** Every resource the shared queries ask for, deduplicated by type and id, and the report documents they cite. */
export async function gatherResources(request: HookRequest, options: GatherOptions): Promise<Gathered> {
  const patientId = request.context.patientId;
  const plans = QUERIES.map((q) => plan(q, request.prefetch?.[q.id], patientId));
  const toFetch = plans.filter((p) => p.fetch !== undefined);
  if (toFetch.length > 0 && !request.fhirServer) {
    // A key the client answered with null means "no data"; only absent or failed keys are fatal.
    const unobtainable = toFetch.filter((p) => request.prefetch?.[p.query.id] !== null);
    if (unobtainable.length > 0) throw new PreconditionFailed('prefetch incomplete and no fhirServer');
  }
  let access: FhirAccess | undefined;
  if (request.fhirServer) {
    access = {
      base: request.fhirServer.replace(/\/+$/, ''),
      ...(request.fhirAuthorization ? { accessToken: request.fhirAuthorization.access_token } : {}),
      timeoutMs: options.timeoutMs,
      maxPages: options.maxPages,
      fetch: options.fetch,
    };
    const signal = AbortSignal.timeout(options.timeoutMs);
    const server = access;
    // A broader form shared by several refused searches is fetched once.
    const broader = new Map<string, Promise<unknown[]>>();
    try {
      await Promise.all(
        toFetch.map(async (p) => {
          try {
            p.have.push(...(await fetchAllPages(server, p.fetch as string, signal, p.continues)));
          } catch (error) {
            // The app's rule: a search refused with 400 is sent once more in its broader form.
            const fallback = p.query.fallback;
            if (!(error instanceof FetchFailed) || error.status !== 400 || !fallback || p.continues) throw error;
            const url = queryUrl(fallback, patientId);
            if (!broader.has(url)) broader.set(url, fetchAllPages(server, url, signal));
            p.have.push(...(await (broader.get(url) as Promise<unknown[]>)).filter((r) => keeps(fallback.keep, r)));
          }
        }),
      );
    } catch (error) {
      if (error instanceof FetchFailed) throw new PreconditionFailed(error.message);
      throw error;
    }
  }
  let resources = dedupe(plans.flatMap((p) => p.have));
  const binaries: Record<string, string> = {};
  if (access) {
    const server = access;
    const signal = AbortSignal.timeout(options.timeoutMs);
    // Specimens are read by the ids results cite (Epic and Oracle search Specimen by _id only); best effort.
    const specimens = await Promise.all(
      specimenSearches(specimenIds(resources)).map((q) => fetchAllPages(server, queryUrl(q, patientId), signal).catch(() => [] as unknown[])),
    );
    resources = dedupe([...resources, ...specimens.flat()]);
    await Promise.all(
      documentUrls(resources).map(async (url) => {
        const text = await fetchDocument(server, url, signal);
        if (text !== undefined) binaries[url] = text;
      }),
    );
  }
  return { resources, binaries };
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
