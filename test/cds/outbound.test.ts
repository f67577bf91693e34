// Outbound FHIR requests: only to the FHIR servers the calling client is configured for (no SSRF),
// and bounded in documents, pages, bytes and time, so one request cannot occupy the service.
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../src/cds/cards.ts';
import {
  config,
  hookBody,
  ISS,
  makeKey,
  scenarioPrefetch,
  searchset,
  startCds,
  type RunningCds,
  type TestKey,
} from './helpers.ts';

const SIGN = '/cds-services/nodal-risk-order-sign';
const VIEW = '/cds-services/nodal-risk-patient-view';

let key: TestKey;
let fhir: FastifyInstance;
let fhirBase: string;
const hits: { path: string; auth: string }[] = [];
let streamedChunks = 0;
const BUDGET_MS = 5000;
let cds: RunningCds;

function auth(token: string, patient: string) {
  return {
    access_token: token,
    token_type: 'Bearer',
    expires_in: 300,
    scope: 'patient/*.rs',
    subject: 'nodal-risk-cds',
    patient,
  };
}

/** A report citing `n` documents by URL (text/plain Binaries on the FHIR server). */
function reportCiting(patientId: string, n: number): Record<string, unknown> {
  return {
    resourceType: 'DiagnosticReport',
    id: 'many-documents',
    status: 'final',
    code: { text: 'Pathology' },
    subject: { reference: `Patient/${patientId}` },
    presentedForm: Array.from({ length: n }, (_, i) => ({ contentType: 'text/plain', url: `Binary/doc-${i}` })),
  };
}

beforeAll(async () => {
  key = await makeKey('ES384');
  fhir = Fastify();
  fhir.addHook('onRequest', async (request) => {
    hits.push({ path: request.url, auth: request.headers.authorization ?? '' });
  });
  // Allowed server: empty searches, slow small documents, a page chain without end, a huge page.
  fhir.get('/allowed/Binary/:id', async (_req, reply) => {
    await new Promise((r) => setTimeout(r, 20));
    return reply.type('text/plain').send('Pathology report text.');
  });
  fhir.get('/allowed/*', async () => searchset([]));
  fhir.get('/endless/Observation', async (request) => {
    const page = Number((request.query as { page?: string }).page ?? '0');
    return searchset([], `${fhirBase}/endless/Observation?page=${page + 1}`);
  });
  fhir.get('/endless/*', async () => searchset([]));
  // 8 MB with a Content-Length, and 60 MB streamed without one (chunked, 1 MB at a time).
  fhir.get('/huge/Observation', async (_req, reply) =>
    reply
      .type('application/fhir+json')
      .send(`{"resourceType":"Bundle","type":"searchset","entry":[],"pad":"${'x'.repeat(8 * 1024 * 1024)}"}`),
  );
  fhir.get('/huge/*', async () => searchset([]));
  fhir.get('/streamed/Observation', async (_req, reply) => {
    const chunk = 'x'.repeat(1024 * 1024);
    let sent = 0;
    const body = new Readable({
      read() {
        if (sent === 0) this.push('{"resourceType":"Bundle","type":"searchset","pad":"');
        if (sent++ < 60) this.push(chunk);
        else this.push(null);
        streamedChunks = sent;
      },
    });
    return reply.type('application/fhir+json').send(body);
  });
  fhir.get('/streamed/*', async () => searchset([]));
  fhir.get('/unlisted/*', async () => searchset([]));
  await fhir.listen({ host: '127.0.0.1', port: 0 });
  const address = fhir.server.address();
  fhirBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const cfg = config([key], {
    clients: [
      {
        iss: ISS,
        jwks: { keys: [key.publicJwk] },
        fhirServers: [`${fhirBase}/allowed/`, `${fhirBase}/endless`, `${fhirBase}/huge`, `${fhirBase}/streamed`],
      },
    ],
    fhir: { timeoutMs: BUDGET_MS, maxPages: 5, maxDocuments: 50, maxResponseBytes: 5 * 1024 * 1024 },
  });
  cds = await startCds({ config: cfg, now: () => new Date('2026-06-01T12:00:00Z') }, key);
});

afterAll(async () => {
  await cds?.close();
  await fhir?.close();
});

describe('fhirServer allowlist (SSRF)', () => {
  it('never contacts a server the client is not configured for: 412 without prefetch, and the refusal is logged without query or token', async () => {
    hits.length = 0;
    const unlisted = `${fhirBase}/unlisted?patient=secret-patient-id`;
    const res = await cds.call(
      SIGN,
      hookBody('order-sign', 'micrometastasis', {
        fhirServer: unlisted,
        fhirAuthorization: auth('ehr-token-123', 'micrometastasis'),
      }),
    );
    expect(res.status).toBe(412);
    expect(hits.length).toBe(0);
    const logs = cds.logs.join('');
    expect(logs).toContain('fhirServer not allowed');
    expect(logs).toContain(`${fhirBase}/unlisted`);
    expect(logs).not.toContain('secret-patient-id');
    expect(logs).not.toContain('ehr-token-123');
  });

  it('with a complete prefetch an unlisted server is ignored: cards, and still no request to it (documents included)', async () => {
    hits.length = 0;
    const { patientId, prefetch } = scenarioPrefetch('macrometastasis-z0011-eligible');
    const res = await cds.call(
      SIGN,
      hookBody('order-sign', patientId, {
        prefetch,
        fhirServer: `${fhirBase}/unlisted`,
        fhirAuthorization: auth('t', patientId),
      }),
    );
    expect(res.status).toBe(200);
    expect((res.json as { cards: Card[] }).cards).toHaveLength(1);
    expect(hits.length).toBe(0);
  });

  it('a listed server is used, with or without a trailing slash', async () => {
    for (const base of [`${fhirBase}/allowed`, `${fhirBase}/allowed/`]) {
      hits.length = 0;
      const res = await cds.call(
        VIEW,
        hookBody('patient-view', 'p1', { fhirServer: base, fhirAuthorization: auth('ok-token', 'p1') }),
      );
      expect(res.status).toBe(200);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((h) => h.path.startsWith('/allowed/') && h.auth === 'Bearer ok-token')).toBe(true);
    }
  });

  it('a client without fhirServers never causes a fetch', async () => {
    const other = await startCds({ config: config([key]) }, key);
    try {
      hits.length = 0;
      const res = await other.call(SIGN, hookBody('order-sign', 'p1', { fhirServer: `${fhirBase}/allowed` }));
      expect(res.status).toBe(412);
      expect(hits.length).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe('bounded outbound work', () => {
  it('a report citing 20,000 documents: at most 50 fetched, answered within the budget, the card says what was cut, discovery stays fast', async () => {
    hits.length = 0;
    const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
    const reports = prefetch.pathologyReportsByCategory as { entry: unknown[] };
    const withMany = {
      ...prefetch,
      pathologyReportsByCategory: {
        ...reports,
        entry: [...reports.entry, { resource: reportCiting(patientId, 20_000) }],
      },
    };
    const started = Date.now();
    const pending = cds.call(
      SIGN,
      hookBody('order-sign', patientId, {
        prefetch: withMany,
        fhirServer: `${fhirBase}/allowed`,
        fhirAuthorization: auth('t', patientId),
      }),
    );
    await new Promise((r) => setTimeout(r, 50));
    const discoveryStart = performance.now();
    const discovery = await cds.call('/cds-services');
    const discoveryMs = performance.now() - discoveryStart;
    const res = await pending;
    const seconds = (Date.now() - started) / 1000;
    expect(discovery.status).toBe(200);
    expect(res.status).toBe(200);
    const documentHits = hits.filter((h) => h.path.includes('/Binary/')).length;
    expect(documentHits).toBeLessThanOrEqual(50);
    expect(documentHits).toBeGreaterThan(0);
    // Bounds with room for a loaded CI machine: the budget plus slack, and discovery well under it.
    expect(seconds).toBeLessThan(BUDGET_MS / 1000 + 2);
    expect(discoveryMs).toBeLessThan(2000);
    const card = (res.json as { cards: Card[] }).cards[0];
    expect(card?.detail).toMatch(/\*\*Incomplete\*\*: of 2000\d report documents cited, 199\d\d not fetched/);
    console.log(
      `20,000-document request: answered in ${seconds.toFixed(2)} s; discovery meanwhile in ${discoveryMs.toFixed(1)} ms; documents fetched ${documentHits}`,
    );
  });

  it('a search without end stops at maxPages: 412 naming the limit', async () => {
    hits.length = 0;
    const res = await cds.call(
      SIGN,
      hookBody('order-sign', 'p1', { fhirServer: `${fhirBase}/endless`, fhirAuthorization: auth('t', 'p1') }),
    );
    expect(res.status).toBe(412);
    expect((res.json as { message?: string }).message).toBe('a search has more than 5 pages');
    const pages = hits
      .filter((h) => h.path.startsWith('/endless/Observation'))
      .map((h) => Number(new URL(h.path, fhirBase).searchParams.get('page') ?? '0'));
    expect(Math.max(...pages)).toBe(4);
  });

  it('a response larger than maxResponseBytes is not read whole: 412 naming the limit', async () => {
    const res = await cds.call(
      SIGN,
      hookBody('order-sign', 'p1', { fhirServer: `${fhirBase}/huge`, fhirAuthorization: auth('t', 'p1') }),
    );
    expect(res.status).toBe(412);
    expect((res.json as { message?: string }).message).toBe('a search page is larger than 5242880 bytes');
  });

  it('a streamed response without Content-Length: reading stops past the limit', async () => {
    streamedChunks = 0;
    const res = await cds.call(
      SIGN,
      hookBody('order-sign', 'p1', { fhirServer: `${fhirBase}/streamed`, fhirAuthorization: auth('t', 'p1') }),
    );
    expect(res.status).toBe(412);
    expect((res.json as { message?: string }).message).toBe('a search page is larger than 5242880 bytes');
    // The stub produced the limit plus what socket buffers took, far from all 60 MB.
    expect(streamedChunks).toBeLessThan(30);
  });
});
