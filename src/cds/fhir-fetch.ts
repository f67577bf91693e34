import { binaryText } from '../fhir/documents.ts';

// Fetches one FHIR search from the client's server with the token it lent us, following every
// `next` link. The token never leaves that server: links elsewhere are refused.
export class FetchFailed extends Error {
  override name = 'FetchFailed';
  /** The HTTP status behind it, when there was one (400: the search's broader form may be tried). */
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

export interface FhirAccess {
  /** FHIR base URL without trailing slash. */
  base: string;
  accessToken?: string;
  timeoutMs: number;
  maxPages: number;
  fetch: typeof fetch;
}

interface BundleLike {
  resourceType?: unknown;
  entry?: { resource?: unknown; search?: { mode?: unknown } }[];
  link?: { relation?: unknown; url?: unknown }[];
}

/** The `next` link of a searchset Bundle, if any. */
export function nextLink(bundle: BundleLike): string | undefined {
  const link = Array.isArray(bundle.link) ? bundle.link.find((l) => l?.relation === 'next') : undefined;
  return typeof link?.url === 'string' && link.url.length > 0 ? link.url : undefined;
}

/** The resources a Bundle carries, without OperationOutcomes the server added as search notes. */
export function bundleResources(bundle: BundleLike): unknown[] {
  if (!Array.isArray(bundle.entry)) return [];
  return bundle.entry
    .filter((e) => e?.search?.mode !== 'outcome')
    .map((e) => e?.resource)
    .filter((r) => typeof r === 'object' && r !== null && (r as { resourceType?: unknown }).resourceType !== 'OperationOutcome');
}

function resolveOnServer(access: FhirAccess, url: string): URL {
  const resolved = new URL(url, `${access.base}/`);
  if (!resolved.href.startsWith(`${access.base}/`)) throw new FetchFailed('link leaves the FHIR server');
  return resolved;
}

/** All pages of a search (relative URL such as "Observation?patient=p1&code=…"), or the rest of a
 * prefetched search starting at its `next` link. */
export async function fetchAllPages(access: FhirAccess, url: string, signal: AbortSignal, firstIsPageLink = false): Promise<unknown[]> {
  const resources: unknown[] = [];
  let next: string | undefined = url;
  for (let page = 0; next !== undefined; page++) {
    if (page >= access.maxPages) throw new FetchFailed('too many pages');
    const headers: Record<string, string> = { accept: 'application/fhir+json' };
    if (access.accessToken) headers.authorization = `Bearer ${access.accessToken}`;
    let bundle: BundleLike;
    try {
      const response = await access.fetch(resolveOnServer(access, next), { headers, signal, redirect: 'error' });
      // A type search answered 404 means the server does not hold that resource type: no data of
      // that kind, not a failure. Any other error (401, 403, 5xx, timeout) leaves the data unknown.
      if (response.status === 404 && page === 0 && !firstIsPageLink) return [];
      if (!response.ok) throw new FetchFailed(`FHIR server answered ${response.status}`, response.status);
      bundle = (await response.json()) as BundleLike;
    } catch (error) {
      throw error instanceof FetchFailed ? error : new FetchFailed('FHIR request failed');
    }
    if (bundle?.resourceType !== 'Bundle') throw new FetchFailed('FHIR server did not return a Bundle');
    resources.push(...bundleResources(bundle));
    next = nextLink(bundle);
  }
  return resources;
}

/**
 * A report document cited by URL, as text; undefined when it cannot be read. Documents are best
 * effort: the discrete data still stand without them, so a failure here is no 412.
 */
export async function fetchDocument(access: FhirAccess, url: string, signal: AbortSignal): Promise<string | undefined> {
  const headers: Record<string, string> = { accept: 'application/fhir+json' };
  if (access.accessToken) headers.authorization = `Bearer ${access.accessToken}`;
  try {
    const response = await access.fetch(resolveOnServer(access, url), { headers, signal, redirect: 'error' });
    if (!response.ok) return undefined;
    const type = response.headers.get('content-type') ?? '';
    return binaryText(/json/i.test(type) ? await response.json() : await response.text());
  } catch {
    return undefined;
  }
}
