// Runs the searches of the server's query plan at once, follows every `next` page the server
// gives (never builds page URLs), falls back once to the broader form of a search the server
// refuses with 400, and reads the specimens and report documents a result cites as soon as that
// result arrives, while the other searches run. The whole load has one deadline and ends in data
// or a LoadError, never in a wait without end.
// Transport-agnostic so it can be tested in Node.
import { binaryText, documentUrls } from '../../fhir/documents.ts';
import {
  keeps,
  planFor,
  queryUrl,
  specimenIds,
  specimenSearches,
  type FhirQuery,
  type QueryPlan,
} from '../../fhir/queries.ts';
import { FhirHttpError, KIND_TEXT, LoadError, kindOfStatus, type LoadErrorKind } from './errors.ts';
import { canRead } from './scopes.ts';
import { isRecord } from '../../domain/json.ts';

/**
 * How soon the browser should send a request when more wait than it sends at once (six to one
 * server over HTTP/1.1): a request left `low` waits behind the `high` ones.
 */
export type RequestUrgency = 'high' | 'low';

export interface FhirTransport {
  /** GET a URL relative to the FHIR base, or an absolute URL on the same server. */
  get(url: string, urgency?: RequestUrgency): Promise<unknown>;
  /** The FHIR base URL, to keep paging on the same server. */
  readonly baseUrl: string;
}

export interface SearchOutcome {
  query: FhirQuery;
  /** `fallback`: the server refused the search as first asked; its broader form ran instead. */
  status: 'ok' | 'fallback' | 'skipped' | 'failed';
  count: number;
  detail?: string;
  /** For `fallback`: the broader form that ran, and whose data loaded. */
  ranAs?: FhirQuery;
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
  /** The server's query plan (default: the generic one). */
  plan?: QueryPlan;
  onProgress?: (done: number, total: number) => void;
  /**
   * Data as it arrives, for work that can start before the load ends: a search's or specimen
   * read's resources, or (with none) the documents read so far after one more arrived; `pending`:
   * the searches and reads still to answer, those this result has just asked for included.
   */
  onArrival?: (resources: unknown[], binaries: Readonly<Record<string, string>>, pending: number) => void;
  sleep?: (ms: number) => Promise<void>;
  maxRetries?: number;
  /** Largest wait we accept from Retry-After before giving up. */
  maxRetryWaitMs?: number;
  /** Per request. */
  timeoutMs?: number;
  /** For the whole load: past it the load ends with a message. */
  deadlineMs?: number;
  maxPages?: number;
}

export const LOAD_DEADLINE_MS = 30_000;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function withTimeout<T>(promise: Promise<T>, ms: number, error: () => LoadError): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(error()), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

type Settings = Required<Omit<LoadOptions, 'grantedScope' | 'onProgress' | 'onArrival' | 'plan'>> & {
  stopped: () => boolean;
};

const STOPPED = () => new LoadError('network', 'the load was stopped');

/** GET with retries for 429 and 503 (Retry-After honoured, else exponential backoff). */
async function getWithRetry(
  transport: FhirTransport,
  url: string,
  o: Settings,
  urgency: RequestUrgency = 'high',
): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    if (o.stopped()) throw STOPPED();
    try {
      return await withTimeout(
        transport.get(url, urgency),
        o.timeoutMs,
        () => new LoadError('timeout', KIND_TEXT.timeout),
      );
    } catch (e) {
      if (e instanceof LoadError) throw e;
      if (!(e instanceof FhirHttpError)) throw new LoadError('network', KIND_TEXT.network);
      const retryable = e.status === 429 || e.status === 503;
      const wait = e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : 500 * 2 ** attempt;
      if (!retryable || attempt >= o.maxRetries || wait > o.maxRetryWaitMs) {
        const kind: LoadErrorKind = kindOfStatus(e.status);
        const said = e.serverText ? `: ${e.serverText}` : '';
        throw new LoadError(kind, `${KIND_TEXT[kind]} (HTTP ${e.status}${said})`, e.status);
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

/** Every page of one search, as the server links them. */
async function allPages(
  transport: FhirTransport,
  first: string,
  o: Settings,
  urgency: RequestUrgency,
): Promise<unknown[]> {
  const found: unknown[] = [];
  let url: string | undefined = first;
  for (let page = 0; url && page < o.maxPages; page++) {
    const bundle = await getWithRetry(transport, url, o, urgency);
    if (!isRecord(bundle) || bundle.resourceType !== 'Bundle') throw new LoadError('malformed', KIND_TEXT.malformed);
    for (const entry of Array.isArray(bundle.entry) ? bundle.entry : []) {
      const searchMode = isRecord(entry) && isRecord(entry.search) ? entry.search.mode : undefined;
      if (isRecord(entry) && entry.resource !== undefined && searchMode !== 'outcome') found.push(entry.resource);
    }
    const next = nextLink(bundle);
    url = next && sameServer(next, transport.baseUrl) ? next : undefined;
  }
  return found;
}

/** A search's parameters in words ("code list", "category=laboratory"; "patient" alone). */
export const describeSearch = (q: FhirQuery): string =>
  q.params
    .filter(([n]) => n !== 'patient' && n !== '_count')
    .map(([n, v]) => (n === 'code' || n === 'type' ? `${n} list` : `${n}=${v}`))
    .join(', ') || 'patient';

export async function loadPatientData(
  transport: FhirTransport,
  patientId: string,
  options: LoadOptions = {},
): Promise<PatientData> {
  let stopped = false;
  const o: Settings = {
    sleep: options.sleep ?? defaultSleep,
    maxRetries: options.maxRetries ?? 3,
    maxRetryWaitMs: options.maxRetryWaitMs ?? 10_000,
    timeoutMs: options.timeoutMs ?? 20_000,
    deadlineMs: options.deadlineMs ?? LOAD_DEADLINE_MS,
    maxPages: options.maxPages ?? 200,
    stopped: () => stopped,
  };
  const deadlineError = () =>
    new LoadError(
      'timeout',
      `Loading the record took longer than ${Math.ceil(o.deadlineMs / 1000)} s and was stopped. Nothing was saved.`,
    );
  try {
    return await withTimeout(run(transport, patientId, options, o), o.deadlineMs, deadlineError);
  } finally {
    // After the deadline or a fatal error, no request of this load starts and no progress is reported.
    stopped = true;
  }
}

async function run(
  transport: FhirTransport,
  patientId: string,
  options: LoadOptions,
  o: Settings,
): Promise<PatientData> {
  const plan = options.plan ?? planFor('generic');
  let done = 0;
  let total = plan.searches.length;
  // No progress is reported once the load has ended (deadline or a fatal error).
  const tick = () => {
    done++;
    if (!o.stopped()) options.onProgress?.(done, total);
  };
  // The same URL (a shared fallback) is fetched once per load.
  const pages = new Map<string, Promise<unknown[]>>();
  const fetchSearch = (query: FhirQuery): Promise<unknown[]> => {
    const url = queryUrl(query, patientId);
    let p = pages.get(url);
    if (!p) pages.set(url, (p = allPages(transport, url, o, urgencyOf(query))));
    return p.then((found) => found.filter((r) => keeps(query.keep, r)));
  };
  const fatal = (e: unknown) => e instanceof LoadError && e.kind === 'session-expired';

  const runSearch = async (query: FhirQuery): Promise<SearchResult> => {
    try {
      if (!canRead(options.grantedScope, query.resourceType)) {
        return {
          outcome: {
            query,
            status: 'skipped',
            count: 0,
            detail: `no permission to read ${query.resourceType} was granted`,
          },
          resources: [],
        };
      }
      try {
        const found = await fetchSearch(query);
        return { outcome: { query, status: 'ok', count: found.length }, resources: found };
      } catch (e) {
        if (!(e instanceof LoadError) || e.status !== 400 || !query.fallback) throw e;
        total++;
        try {
          const found = await fetchSearch(query.fallback);
          const detail = `the EHR refused the search by ${describeSearch(query)} (HTTP 400); searched by ${describeSearch(query.fallback)} instead`;
          return {
            outcome: { query, status: 'fallback', count: found.length, detail, ranAs: query.fallback },
            resources: found,
          };
        } finally {
          tick();
        }
      }
    } catch (e) {
      if (fatal(e)) throw e;
      const detail = e instanceof LoadError ? e.message : KIND_TEXT.network;
      const failure: LoadErrorKind = e instanceof LoadError ? e.kind : 'network';
      return { outcome: { query, status: 'failed', count: 0, detail }, resources: [], failure };
    } finally {
      tick();
    }
  };

  // Report documents are read as soon as a search returns the report citing them, while the
  // other searches are still running.
  const binaries: Record<string, string> = {};
  const documentProblems: string[] = [];
  const arrived = (resources: unknown[]) => {
    if (o.stopped()) return;
    try {
      options.onArrival?.(resources, binaries, total - done);
    } catch {
      // Work ahead is optional: the load's data does not depend on it.
    }
  };
  const documentReads = new Map<string, Promise<void>>();
  const readDocument = async (url: string) => {
    try {
      const text = binaryText(await getWithRetry(transport, url, o));
      if (text === undefined) documentProblems.push(`${url}: not a readable text document`);
      else binaries[url] = text;
    } catch (e) {
      if (fatal(e)) throw e;
      documentProblems.push(`${url}: ${e instanceof LoadError ? e.message : KIND_TEXT.network}`);
    } finally {
      tick();
    }
    // After the tick, as for a search: the progress then counts what is still to come.
    if (binaries[url] !== undefined) arrived([]);
  };
  const readDocumentsOf = (resources: unknown[]) => {
    for (const url of documentUrls(resources).filter((u) => sameServer(u, transport.baseUrl))) {
      if (documentReads.has(url)) continue;
      total++;
      const read = readDocument(url);
      // Awaited below; marked handled so a failure while a search is pending is not reported twice.
      read.catch(() => undefined);
      documentReads.set(url, read);
    }
  };

  // Specimens are read by id as soon as a result cites them, each id once per load.
  const specimenReads: Promise<SearchResult>[] = [];
  const askedSpecimens = new Set<string>();
  const mayReadSpecimens = canRead(options.grantedScope, 'Specimen');
  const readSpecimensOf = (resources: unknown[]) => {
    const ids = mayReadSpecimens ? specimenIds(resources).filter((id) => !askedSpecimens.has(id)) : [];
    for (const id of ids) askedSpecimens.add(id);
    for (const query of specimenSearches(ids)) {
      total++;
      const read = runSearch(query).then((result) => (arrived(result.resources), result));
      // Awaited below; marked handled so a failure while a search is pending is not reported twice.
      read.catch(() => undefined);
      specimenReads.push(read);
    }
  };

  const started: Promise<SearchResult>[] = [];
  for (const i of sendingOrder(plan.searches))
    started[i] = runSearch(plan.searches[i]!).then((result) => {
      readDocumentsOf(result.resources);
      readSpecimensOf(result.resources);
      arrived(result.resources);
      return result;
    });
  // The results in the plan's order, whichever was sent or answered first.
  const results = await Promise.all(started);
  const unsupported: SearchOutcome[] = plan.unsupported.map(({ query, reason }) => ({
    query,
    status: 'skipped',
    count: 0,
    detail: reason,
  }));
  const searches = [...results.map((r) => r.outcome), ...unsupported];
  if (results.every((r) => r.outcome.status === 'failed' || r.outcome.status === 'skipped')) {
    const first = searches.find((s) => s.status === 'failed');
    // When every failure has one cause (e.g. 403 on every search: a missing permission), say that cause.
    const kinds = new Set(results.flatMap((r) => (r.failure ? [r.failure] : [])));
    const [only] = kinds;
    const kind: LoadErrorKind = kinds.size === 1 && only ? only : 'server';
    throw new LoadError(kind, `No search succeeded${first ? `: ${first.detail}` : ''}`);
  }
  const found = dedupe(results.flatMap((r) => r.resources));

  const [specimenResults] = await Promise.all([Promise.all(specimenReads), Promise.all(documentReads.values())]);
  const specimens = inCitationOrder(specimenResults, specimenIds(found));
  searches.push(...specimens.notices);
  return {
    resources: dedupe([...found, ...specimens.resources]),
    binaries,
    searches,
    documentProblems,
  };
}

/** Report searches cite the documents (and specimens) read next. */
const CITING = new Set(['DiagnosticReport', 'DocumentReference']);

/**
 * The report searches, and the specimens and documents they cite, go first: each is one step of a
 * chain (search, then read) whose last step, the report's text, takes the longest to read. The
 * other searches are single steps: asked as `low`, they yield their turn to a read still waiting.
 */
const urgencyOf = (query: FhirQuery): RequestUrgency =>
  CITING.has(query.resourceType) || query.resourceType === 'Specimen' ? 'high' : 'low';

/**
 * The order the searches are sent in (indexes into the plan): the report searches first, so that
 * the documents they cite can be read while the other searches run (the browser sends at most six
 * requests to one server at once, and a server answers them about in turn); the rest as planned.
 */
function sendingOrder(searches: readonly FhirQuery[]): number[] {
  const indexes = searches.map((_, i) => i);
  const cites = (i: number) => CITING.has(searches[i]!.resourceType);
  return [...indexes.filter(cites), ...indexes.filter((i) => !cites(i))];
}

interface SearchResult {
  outcome: SearchOutcome;
  resources: unknown[];
  failure?: LoadErrorKind;
}

/**
 * The specimen reads' notices and resources in the order the results cite the ids (and the reads
 * numbered so), whichever response arrived first.
 */
function inCitationOrder(
  reads: SearchResult[],
  citedIds: string[],
): { notices: SearchOutcome[]; resources: unknown[] } {
  const position = new Map(citedIds.map((id, i) => [id, i]));
  const at = (id: unknown) => (typeof id === 'string' ? (position.get(id) ?? Infinity) : Infinity);
  const firstId = (r: SearchResult) => at(r.outcome.query.params[0]?.[1].split(',')[0]);
  const ordered = [...reads].sort((a, b) => firstId(a) - firstId(b));
  const notices = ordered.flatMap((r, i) =>
    r.outcome.status === 'ok' ? [] : [{ ...r.outcome, query: { ...r.outcome.query, id: `specimens${i + 1}` } }],
  );
  const resources = ordered
    .flatMap((r) => r.resources)
    .sort((a, b) => at(isRecord(a) ? a.id : undefined) - at(isRecord(b) ? b.id : undefined));
  return { notices, resources };
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
