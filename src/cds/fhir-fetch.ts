import { binaryText } from '../fhir/documents.ts';

// Fetches from the client's FHIR server with the token it lent us, following `next` links. The
// token never leaves that server (links elsewhere are refused), and every read is bounded: pages
// per search, bytes per response, and the hook call's one time budget (the caller's signal).
export class FetchFailed extends Error {
  // Typed string, not the literal: FetchCut names itself too.
  override readonly name: string = 'FetchFailed';
  /** The HTTP status behind it, when there was one (400: the search's broader form may be tried). */
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** A search stopped by one of our limits (not by the server): the reason names the limit. */
export class FetchCut extends FetchFailed {
  override readonly name = 'FetchCut';
}

export interface FhirAccess {
  /** FHIR base URL without trailing slash. */
  base: string;
  accessToken?: string;
  maxPages: number;
  maxResponseBytes: number;
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
    .filter(
      (r) =>
        typeof r === 'object' && r !== null && (r as { resourceType?: unknown }).resourceType !== 'OperationOutcome',
    );
}

function resolveOnServer(access: FhirAccess, url: string): URL {
  const resolved = new URL(url, `${access.base}/`);
  if (!resolved.href.startsWith(`${access.base}/`)) throw new FetchFailed('link leaves the FHIR server');
  return resolved;
}

class TooLarge extends Error {
  override readonly name = 'TooLarge';
}

/** The body as text, reading no further than `maxBytes` (a bigger body throws TooLarge). */
async function readLimited(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new TooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function get(access: FhirAccess, url: string, signal: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/fhir+json' };
  if (access.accessToken) headers.authorization = `Bearer ${access.accessToken}`;
  return access.fetch(resolveOnServer(access, url), { headers, signal, redirect: 'error' });
}

/** All pages of a search (relative URL such as "Observation?patient=p1&code=…"), or the rest of a
 * prefetched search starting at its `next` link. */
export async function fetchAllPages(
  access: FhirAccess,
  url: string,
  signal: AbortSignal,
  firstIsPageLink = false,
): Promise<unknown[]> {
  const resources: unknown[] = [];
  let next: string | undefined = url;
  for (let page = 0; next !== undefined; page++) {
    if (page >= access.maxPages) throw new FetchCut(`a search has more than ${access.maxPages} pages`);
    let bundle: BundleLike;
    try {
      const response = await get(access, next, signal);
      // A type search answered 404 means the server does not hold that resource type: no data of
      // that kind, not a failure. Any other error (401, 403, 5xx, timeout) leaves the data unknown.
      if (response.status === 404 && page === 0 && !firstIsPageLink) return [];
      if (!response.ok) throw new FetchFailed(`FHIR server answered ${response.status}`, response.status);
      bundle = JSON.parse(await readLimited(response, access.maxResponseBytes)) as BundleLike;
    } catch (error) {
      if (error instanceof FetchFailed) throw error;
      if (error instanceof TooLarge)
        throw new FetchCut(`a search page is larger than ${access.maxResponseBytes} bytes`);
      if (signal.aborted) throw new FetchCut('the FHIR searches did not finish within the time budget');
      throw new FetchFailed('FHIR request failed');
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
  try {
    const response = await get(access, url, signal);
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return undefined;
    }
    const type = response.headers.get('content-type') ?? '';
    const text = await readLimited(response, access.maxResponseBytes);
    return binaryText(/json/i.test(type) ? JSON.parse(text) : text);
  } catch {
    return undefined;
  }
}

/** What of the cited report documents was not read, and why (said on the card). */
export interface DocumentsCut {
  cited: number;
  /** Not requested: past the per-call document limit or after the time budget ran out. */
  skipped: number;
  /** Requested but unreadable (error, too large, or cut off by the time budget). */
  unread: number;
}

// A few at a time: a report citing thousands of documents must not open thousands of sockets.
const DOCUMENT_CONCURRENCY = 4;

/** Fetches at most `maxDocuments` of `urls` within `signal`; the rest is counted, not fetched. */
export async function fetchDocuments(
  access: FhirAccess,
  urls: string[],
  maxDocuments: number,
  signal: AbortSignal,
): Promise<{ binaries: Record<string, string>; cut: DocumentsCut }> {
  const binaries: Record<string, string> = {};
  const queue = urls.slice(0, maxDocuments);
  let started = 0;
  let unread = 0;
  const worker = async () => {
    while (!signal.aborted) {
      const url = queue[started++];
      if (url === undefined) return;
      const text = await fetchDocument(access, url, signal);
      if (text === undefined) unread++;
      else binaries[url] = text;
    }
  };
  await Promise.all(Array.from({ length: Math.min(DOCUMENT_CONCURRENCY, queue.length) }, worker));
  return { binaries, cut: { cited: urls.length, skipped: urls.length - Math.min(started, queue.length), unread } };
}
