// The data a hook needs: what the client prefetched, plus whatever it left out (missing key,
// null, an OperationOutcome, or a page it did not follow) fetched with fhirServer and
// fhirAuthorization. When neither way yields it, the service must answer 412 (CDS Hooks 2.0).
import { QUERIES, keeps, queryUrl, specimenIds, specimenSearches, type FhirQuery } from '../fhir/queries.ts';
import { documentUrls } from '../fhir/documents.ts';
import type { FhirLimits } from './config.ts';
import {
  bundleResources,
  fetchAllPages,
  fetchDocuments,
  FetchCut,
  FetchFailed,
  nextLink,
  type DocumentsCut,
  type FhirAccess,
} from './fhir-fetch.ts';
import type { HookRequest } from './request-schema.ts';

export class PreconditionFailed extends Error {
  override readonly name = 'PreconditionFailed';
  /** True when one of our limits (pages, bytes, time) stopped a search: the message says which. */
  constructor(
    message: string,
    readonly cut = false,
  ) {
    super(message);
  }
}

type Plan = { query: FhirQuery; have: unknown[]; fetch?: string; continues?: boolean };

// A search in a vendor's broad shape (Epic: all laboratory results) brings more than the
// extraction uses; the same client-side filter as the app keeps the rest out, prefetched or fetched.
function plan(query: FhirQuery, value: unknown, patientId: string): Plan {
  const given = value as { resourceType?: unknown } | null | undefined;
  if (given === undefined || given === null || given.resourceType === 'OperationOutcome') {
    return { query, have: [], fetch: queryUrl(query, patientId) };
  }
  if (given.resourceType === 'Bundle') {
    const rest = nextLink(given);
    const have = bundleResources(given).filter((r) => keeps(query.keep, r));
    return { query, have, ...(rest ? { fetch: rest, continues: true } : {}) };
  }
  return { query, have: keeps(query.keep, given) ? [given] : [] };
}

export interface GatherOptions {
  /** The calling client's searches (its vendor plan; default the generic one): prefetch keys and fetches. */
  searches?: readonly FhirQuery[];
  limits: FhirLimits;
  fetch: typeof fetch;
  /** The client's FHIR server, only when it is on the client's allowlist (else undefined: never contacted). */
  server?: { base: string; accessToken?: string };
}

export interface Gathered {
  resources: unknown[];
  /** Report documents cited by URL, fetched from the FHIR server (URL → text). */
  binaries: Record<string, string>;
  /** Cited documents left unread, when any were. */
  documentsCut?: DocumentsCut;
}

/** Every resource the client's searches ask for, deduplicated by type and id, and the report documents they cite. */
export async function gatherResources(request: HookRequest, options: GatherOptions): Promise<Gathered> {
  const patientId = request.context.patientId;
  const plans = (options.searches ?? QUERIES).map((q) => plan(q, request.prefetch?.[q.id], patientId));
  const toFetch = plans.filter((p) => p.fetch !== undefined);
  const { server, limits } = options;
  if (toFetch.length > 0 && !server) {
    // A key the client answered with null means "no data"; only absent or failed keys are fatal.
    const unobtainable = toFetch.filter((p) => request.prefetch?.[p.query.id] !== null);
    if (unobtainable.length > 0) throw new PreconditionFailed('prefetch incomplete and no usable fhirServer');
  }
  if (!server) return { resources: dedupe(plans.flatMap((p) => p.have)), binaries: {} };
  const access: FhirAccess = {
    base: server.base,
    ...(server.accessToken ? { accessToken: server.accessToken } : {}),
    maxPages: limits.maxPages,
    maxResponseBytes: limits.maxResponseBytes,
    fetch: options.fetch,
  };
  // One budget for the whole call: searches first, then specimens and documents in what is left.
  const signal = AbortSignal.timeout(limits.timeoutMs);
  // A broader form shared by several refused searches is fetched once.
  const broader = new Map<string, Promise<unknown[]>>();
  try {
    await Promise.all(
      toFetch.map(async (p) => {
        try {
          const found = await fetchAllPages(access, p.fetch as string, signal, p.continues);
          p.have.push(...found.filter((r) => keeps(p.query.keep, r)));
        } catch (error) {
          // The app's rule: a search refused with 400 is sent once more in its broader form.
          const fallback = p.query.fallback;
          if (!(error instanceof FetchFailed) || error.status !== 400 || !fallback || p.continues) throw error;
          const url = queryUrl(fallback, patientId);
          if (!broader.has(url)) broader.set(url, fetchAllPages(access, url, signal));
          p.have.push(...(await (broader.get(url) as Promise<unknown[]>)).filter((r) => keeps(fallback.keep, r)));
        }
      }),
    );
  } catch (error) {
    if (error instanceof FetchFailed) throw new PreconditionFailed(error.message, error instanceof FetchCut);
    throw error;
  }
  let resources = dedupe(plans.flatMap((p) => p.have));
  // Specimens are read by the ids results cite (Epic and Oracle search Specimen by _id only); best effort.
  const specimens = await Promise.all(
    specimenSearches(specimenIds(resources)).map((q) =>
      fetchAllPages(access, queryUrl(q, patientId), signal).catch(() => [] as unknown[]),
    ),
  );
  resources = dedupe([...resources, ...specimens.flat()]);
  const { binaries, cut } = await fetchDocuments(access, documentUrls(resources), limits.maxDocuments, signal);
  return { resources, binaries, ...(cut.skipped + cut.unread > 0 ? { documentsCut: cut } : {}) };
}

// Resources whose type or id is not a string (a server answering with crafted JSON) are dropped:
// they cannot be keyed or extracted.
function dedupe(resources: unknown[]): unknown[] {
  const seen = new Set<string>();
  return resources.filter((r) => {
    const { resourceType, id } = r as { resourceType?: unknown; id?: unknown };
    if (typeof resourceType !== 'string' || (id !== undefined && typeof id !== 'string')) return false;
    if (id === undefined) return true;
    const key = `${resourceType}/${id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
