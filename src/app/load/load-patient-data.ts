// Runs every search of src/fhir/queries.ts at once, follows every `next` page, fetches report
// documents, and retries what is worth retrying. Transport-agnostic so it can be tested in Node.
import { binaryText, documentUrls } from '../../fhir/documents.ts';
import { QUERIES, queryUrl, type FhirQuery } from '../../fhir/queries.ts';
import { FhirHttpError, KIND_TEXT, LoadError, kindOfStatus, type LoadErrorKind } from './errors.ts';
import { canRead } from './scopes.ts';
import { isRecord } from '../../fhir/extract/json.ts';

export interface FhirTransport {
  /** GET a URL relative to the FHIR base, or an absolute URL on the same server. */
  get(url: string): Promise<unknown>;
  /** The FHIR base URL, to keep paging on the same server. */
  readonly baseUrl: string;
}

export interface SearchOutcome {
  query: FhirQuery;
  status: 'ok' | 'skipped' | 'failed';
  count: number;
  detail?: string;
}

export interface PatientData {
  resources: unknown[];
  /** Report document text by the URL the report cited. */
  binaries: Record<string, string>;
  searches: SearchOutcome[];
  /** Report documents that could not be read. */
  documentProblems: string[];
}

export interface LoadOptions {
  grantedScope?: string;
  onProgress?: (done: number, total: number) => void;
  sleep?: (ms: number) => Promise<void>;
  maxRetries?: number;
  /** Largest wait we accept from Retry-After before giving up. */
  maxRetryWaitMs?: number;
  timeoutMs?: number;
  maxPages?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new LoadError('timeout', KIND_TEXT.timeout)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

/** GET with retries for 429 and 503 (Retry-After honoured, else exponential backoff). */
async function getWithRetry(transport: FhirTransport, url: string, o: Required<Omit<LoadOptions, 'grantedScope' | 'onProgress'>>): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await withTimeout(transport.get(url), o.timeoutMs);
    } catch (e) {
      if (e instanceof LoadError) throw e;
      if (!(e instanceof FhirHttpError)) throw new LoadError('network', KIND_TEXT.network);
      const retryable = e.status === 429 || e.status === 503;
      const wait = e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : 500 * 2 ** attempt;
      if (!retryable || attempt >= o.maxRetries || wait > o.maxRetryWaitMs) {
        const kind: LoadErrorKind = kindOfStatus(e.status);
        throw new LoadError(kind, `${KIND_TEXT[kind]} (HTTP ${e.status})`);
      }
      await o.sleep(wait);
    }
  }
}

function nextLink(bundle: Record<string, unknown>): string | undefined {
  const links = Array.isArray(bundle.link) ? bundle.link : [];
  const next = links.find((l) => isRecord(l) && l.relation === 'next');
  return isRecord(next) && typeof next.url === 'string' ? next.url : undefined;
}

function sameServer(url: string, baseUrl: string): boolean {
  try {
    const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    const target = new URL(url, base);
    return target.origin === base.origin && target.pathname.startsWith(base.pathname.replace(/\/$/, ''));
  } catch {
    return false;
  }
}

export async function loadPatientData(transport: FhirTransport, patientId: string, options: LoadOptions = {}): Promise<PatientData> {
  const o = {
    sleep: options.sleep ?? defaultSleep,
    maxRetries: options.maxRetries ?? 3,
    maxRetryWaitMs: options.maxRetryWaitMs ?? 10_000,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxPages: options.maxPages ?? 200,
  };
  let done = 0;
  let total = QUERIES.length;
  const tick = () => options.onProgress?.(++done, total);

  const runSearch = async (query: FhirQuery): Promise<{ outcome: SearchOutcome; resources: unknown[] }> => {
    if (!canRead(options.grantedScope, query.resourceType)) {
      tick();
      return { outcome: { query, status: 'skipped', count: 0, detail: `no permission to read ${query.resourceType} was granted` }, resources: [] };
    }
    const found: unknown[] = [];
    let url: string | undefined = queryUrl(query, patientId);
    try {
      for (let page = 0; url && page < o.maxPages; page++) {
        const bundle = await getWithRetry(transport, url, o);
        if (!isRecord(bundle) || bundle.resourceType !== 'Bundle') throw new LoadError('malformed', KIND_TEXT.malformed);
        for (const entry of Array.isArray(bundle.entry) ? bundle.entry : []) {
          if (isRecord(entry) && entry.resource !== undefined) found.push(entry.resource);
        }
        const next = nextLink(bundle);
        url = next && sameServer(next, transport.baseUrl) ? next : undefined;
      }
      return { outcome: { query, status: 'ok', count: found.length }, resources: found };
    } catch (e) {
      if (e instanceof LoadError && e.kind === 'session-expired') throw e;
      const detail = e instanceof LoadError ? e.message : KIND_TEXT.network;
      return { outcome: { query, status: 'failed', count: found.length, detail }, resources: found };
    } finally {
      tick();
    }
  };

  const results = await Promise.all(QUERIES.map(runSearch));
  const resources = dedupe(results.flatMap((r) => r.resources));
  const searches = results.map((r) => r.outcome);
  if (searches.every((s) => s.status !== 'ok')) {
    const first = searches.find((s) => s.status === 'failed');
    throw new LoadError('server', `No search succeeded${first ? `: ${first.detail}` : ''}`);
  }

  const urls = documentUrls(resources).filter((u) => sameServer(u, transport.baseUrl));
  total += urls.length;
  const binaries: Record<string, string> = {};
  const documentProblems: string[] = [];
  await Promise.all(
    urls.map(async (url) => {
      try {
        const text = binaryText(await getWithRetry(transport, url, o));
        if (text === undefined) documentProblems.push(`${url}: not a readable text document`);
        else binaries[url] = text;
      } catch (e) {
        if (e instanceof LoadError && e.kind === 'session-expired') throw e;
        documentProblems.push(`${url}: ${e instanceof LoadError ? e.message : KIND_TEXT.network}`);
      } finally {
        tick();
      }
    }),
  );
  return { resources, binaries, searches, documentProblems };
}

/** The same resource can come back from two searches (e.g. report by category and by code). */
function dedupe(resources: unknown[]): unknown[] {
  const seen = new Set<string>();
  return resources.filter((r) => {
    if (!isRecord(r) || typeof r.resourceType !== 'string' || typeof r.id !== 'string') return true;
    const key = `${r.resourceType}/${r.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
