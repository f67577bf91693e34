// CDS service throughput: autocannon against order-select with a full prefetch (64 connections),
// compared with the protocol floor: a bare node:http server doing only the work no CDS service can
// skip (JSON.parse of the same request, RS384 jwtVerify of its token). A node:http server answering
// a fixed JSON body is printed too. Every request carries a fresh RS384 JWT (unique jti, signed
// before its round so the client's cost is not measured) and its own hookInstance.
//
// On a small shared machine one long run per server measures the neighbours as much as the code:
// both servers stay up, each is warmed up, then they are loaded in turn for several short rounds
// (floor, cds; cds, floor; …) and the ratio is the median of the rounds' ratios, each taken from
// two runs seconds apart, with its range. Each server is its own process; the load generator
// (autocannon) runs in this process and competes with the server for the same cores, so its own
// CPU per request is printed too: a load generator short of CPU would cap the faster server.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { fork } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK } from 'jose';

const SERVICE_URL = 'http://cds.bench.local';
const PATH = '/cds-services/nodal-risk-order-select';
const ISS = 'https://bench-ehr.local';
const CONNECTIONS = 64;
/** Seconds of load per server before the rounds (JIT, caches, connection pools), not counted. */
const WARM_UP_S = 2;
/** autocannon stops on its 1 s sampling tick: whole seconds. */
const ROUND_S = 2;
const ROUNDS = 7;
/** Below this share of a core (median over rounds) a saturated server was starved by other work. */
const BUSY_SHARE = 0.8;
const FIXED_BODY = JSON.stringify({ cards: [] });

// autocannon ships no types; the little used here is declared locally.
interface AutocannonRequest {
  headers?: Record<string, string>;
  [key: string]: unknown;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  /** Seconds the run took. */
  duration: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: {
    method: string;
    path: string;
    headers: Record<string, string>;
    body: string;
    setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
  }[];
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

type WorkerRole =
  | { role: 'nodal-risk-bench-cds'; jwk: JWK }
  | { role: 'nodal-risk-bench-floor'; jwk: JWK }
  | { role: 'nodal-risk-bench-bare' };

async function listenPort(server: ReturnType<typeof createServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** The protocol floor: read the body, JSON.parse it, verify the RS384 token, answer no cards. */
function floorServer(jwk: JWK): ReturnType<typeof createServer> {
  const keys = createLocalJWKSet({ keys: [jwk] });
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400).end();
        return;
      }
      jwtVerify(token, keys, { algorithms: ['RS384'], issuer: ISS, audience: `${SERVICE_URL}${req.url ?? ''}` }).then(
        () => res.writeHead(200, { 'content-type': 'application/json' }).end(FIXED_BODY),
        () => res.writeHead(401).end(),
      );
    });
  });
}

async function serveInWorker(data: WorkerRole): Promise<number> {
  if (data.role === 'nodal-risk-bench-bare') {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(FIXED_BODY));
    });
    return listenPort(server);
  }
  if (data.role === 'nodal-risk-bench-floor') return listenPort(floorServer(data.jwk));
  const { resolveCdsConfig } = await import('../src/cds/config.ts');
  const { createCdsServer } = await import('../src/cds/server.ts');
  const config = resolveCdsConfig(
    {
      serviceUrl: SERVICE_URL,
      appLaunchUrl: 'http://127.0.0.1:5173/launch/launch.html',
      source: {
        label: 'Nodal Risk',
        url: 'http://127.0.0.1:5173/',
        topic: { system: 'http://snomed.info/sct', code: '234262008', display: 'Excision of axillary lymph node' },
      },
      clients: [{ iss: ISS, jwks: { keys: [data.jwk] } }],
      alnd: { snomed: ['234262008'], cpt: ['38745', '38740'] },
    },
    {},
  );
  // Logging stays on at its production level; the lines go nowhere.
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  const app = createCdsServer({ config, logStream: sink, logLevel: 'info' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

// In a child process started by startServer: serve, then report the port to the parent.
const ROLE_ENV = 'NODAL_RISK_BENCH_ROLE';
if (process.env[ROLE_ENV] && process.send) {
  const role = JSON.parse(process.env[ROLE_ENV]) as WorkerRole;
  // A normal exit on stop, so --cpu-prof can write its profile.
  process.once('SIGTERM', () => process.exit(0));
  // The parent asks for this process's CPU time before and after a load.
  process.on('message', () => process.send?.(process.cpuUsage()));
  void serveInWorker(role).then((port) => process.send?.(port));
}

// NODAL_RISK_BENCH_CPU_PROF=<dir>: each server writes a V8 CPU profile there (node --cpu-prof).
const PROFILE_DIR = process.env.NODAL_RISK_BENCH_CPU_PROF;

// Child processes rather than worker threads: workers do not get the tsx loader on Node 20.
interface Server {
  port: number;
  /** CPU time (user + system, µs) the server process has used so far. */
  cpu: () => Promise<number>;
  stop: () => void;
}

async function startServer(data: WorkerRole): Promise<Server> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx', ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])],
    env: { ...process.env, [ROLE_ENV]: JSON.stringify(data) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve(Number(m)));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${String(code)}`)));
  });
  const cpu = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m) => {
        const usage = m as NodeJS.CpuUsage;
        resolve(usage.user + usage.system);
      });
      child.send('cpu');
    });
  return { port, cpu, stop: () => void child.kill() };
}

const HOOK_INSTANCE = '00000000-0000-4000-8000-000000000000';

/** The request with a placeholder hookInstance, split around it so each request gets its own. */
async function requestTemplate(): Promise<{ before: string; after: string }> {
  const { loadScenario } = await import('../src/sandbox/patients/index.ts');
  const { QUERIES } = await import('../src/fhir/queries.ts');
  const scenario = loadScenario('micrometastasis');
  const keyOf: Record<string, string> = {
    Patient: 'patient',
    Observation: 'observationsLoinc',
    DiagnosticReport: 'pathologyReportsByCategory',
    Condition: 'conditions',
    Procedure: 'procedures',
    Specimen: 'specimens',
  };
  const prefetch: Record<string, { resourceType: 'Bundle'; type: 'searchset'; entry: { resource: unknown }[] }> = {};
  for (const q of QUERIES) prefetch[q.id] = { resourceType: 'Bundle', type: 'searchset', entry: [] };
  for (const r of scenario.resources) prefetch[keyOf[r.resourceType] ?? '']?.entry.push({ resource: r });
  const order = {
    resourceType: 'ServiceRequest',
    id: 'alnd-1',
    status: 'draft',
    intent: 'order',
    subject: { reference: `Patient/${scenario.patientId}` },
    code: { coding: [{ system: 'http://snomed.info/sct', code: '234262008' }] },
  };
  const body = JSON.stringify({
    hook: 'order-select',
    hookInstance: HOOK_INSTANCE,
    context: {
      userId: 'Practitioner/dr-rivera',
      patientId: scenario.patientId,
      selections: ['ServiceRequest/alnd-1'],
      draftOrders: { resourceType: 'Bundle', type: 'collection', entry: [{ resource: order }] },
    },
    prefetch,
  });
  const at = body.indexOf(HOOK_INSTANCE);
  return { before: body.slice(0, at), after: body.slice(at + HOOK_INSTANCE.length) };
}

interface Run {
  rps: number;
  /** Server CPU time per completed request, µs. */
  cpuPerRequest: number;
  /** Server CPU time over wall time: below 1, neighbours (or the load generator) took its core. */
  cpuShare: number;
  /** This process's (the load generator's) CPU time per completed request, µs. */
  loaderCpuPerRequest: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Pre-signed tokens, each used once per server (each server has its own replay store). */
class TokenSupply {
  private readonly tokens: string[] = [];
  private readonly used = new Map<Server, number>();

  constructor(private readonly sign: () => Promise<string>) {}

  /** Signs enough tokens, before the load starts, for `count` more requests to `server`. */
  async reserve(server: Server, count: number): Promise<void> {
    const need = (this.used.get(server) ?? 0) + count;
    while (this.tokens.length < need) this.tokens.push(await this.sign());
  }

  /** The server's next unused token; past the reserve, a replay (401, counted as non-2xx). */
  next(server: Server): string {
    const i = this.used.get(server) ?? 0;
    this.used.set(server, i + 1);
    return this.tokens[i % this.tokens.length] as string;
  }
}

/** Load with a fresh hookInstance per request and, when given, a fresh token per request. */
async function load(
  server: Server,
  template: { before: string; after: string },
  seconds: number,
  tokens?: TokenSupply,
): Promise<Run> {
  const cpuBefore = await server.cpu();
  const loaderBefore = process.cpuUsage();
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: PATH,
        headers: { 'content-type': 'application/json' },
        body: `${template.before}${HOOK_INSTANCE}${template.after}`,
        setupRequest: (req: AutocannonRequest) => {
          const body = `${template.before}${randomUUID()}${template.after}`;
          if (!tokens) return { ...req, body };
          return { ...req, body, headers: { ...req.headers, authorization: `Bearer ${tokens.next(server)}` } };
        },
      },
    ],
  });
  const loader = process.cpuUsage(loaderBefore);
  const cpu = (await server.cpu()) - cpuBefore;
  const total = result.requests.total;
  return {
    rps: total / result.duration,
    cpuPerRequest: total > 0 ? cpu / total : 0,
    cpuShare: cpu / (result.duration * 1e6),
    loaderCpuPerRequest: total > 0 ? (loader.user + loader.system) / total : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Loads `server` for `seconds` with tokens signed beforehand. */
async function loadSigned(
  server: Server,
  template: { before: string; after: string },
  seconds: number,
  tokens: TokenSupply,
  pace: Map<Server, number>,
): Promise<Run> {
  // Twice the last pace (4,000 req/s before the first run): a replayed token would be a cheap 401.
  // What a round leaves unused serves the next, so the margin is signed about once.
  await tokens.reserve(server, Math.ceil(seconds * (pace.get(server) ?? 4000) * 2));
  const run = await load(server, template, seconds, tokens);
  pace.set(server, run.rps);
  return run;
}

async function keyAndSigner(): Promise<{ jwk: JWK; sign: () => Promise<string> }> {
  const { privateKey, publicKey } = await generateKeyPair('RS384', { extractable: true });
  const kid = 'bench';
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS384' };
  // Every token is valid for the whole bench: issued at the start, expiring well after it.
  const now = Math.floor(Date.now() / 1000);
  const sign = () =>
    new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: 'RS384', typ: 'JWT', kid })
      .setIssuer(ISS)
      .setAudience(`${SERVICE_URL}${PATH}`)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(privateKey);
  return { jwk, sign };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One server's rounds as one run: the median of each figure, failures summed. */
function medianRun(runs: Run[]): Run {
  const of = (pick: (run: Run) => number) => median(runs.map(pick));
  return {
    rps: of((r) => r.rps),
    cpuPerRequest: of((r) => r.cpuPerRequest),
    cpuShare: of((r) => r.cpuShare),
    loaderCpuPerRequest: of((r) => r.loaderCpuPerRequest),
    p50: of((r) => r.p50),
    p99: of((r) => r.p99),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

function line(name: string, run: Run): string {
  const failed = run.non2xx + run.errors;
  return `${name}: ${Math.round(run.rps)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, server CPU ${Math.round(run.cpuPerRequest)} µs/request (${Math.round(run.cpuShare * 100)}% of a core)${failed ? `, ${failed} non-2xx/errors` : ''}`;
}

/** The median of per-round ratios, the middle half of them and their whole range. */
function ratioText(ratios: number[]): string {
  const sorted = [...ratios].sort((a, b) => a - b);
  const at = (q: number) => (sorted[Math.round(q * (sorted.length - 1))] as number).toFixed(2);
  return `${median(ratios).toFixed(2)} (middle half ${at(0.25)}–${at(0.75)}, range ${at(0)}–${at(1)} over ${ratios.length} rounds)`;
}

export async function benchCds(): Promise<string[]> {
  const template = await requestTemplate();
  const size = Math.round((template.before.length + HOOK_INSTANCE.length + template.after.length) / 1024);
  const { jwk, sign } = await keyAndSigner();
  const tokens = new TokenSupply(sign);
  const pace = new Map<Server, number>();
  const load1 = loadavg()[0] ?? 0;

  const bare = await startServer({ role: 'nodal-risk-bench-bare' });
  await load(bare, template, WARM_UP_S);
  const bareRun = await load(bare, template, ROUND_S);
  bare.stop();

  const floor = await startServer({ role: 'nodal-risk-bench-floor', jwk });
  const cds = await startServer({ role: 'nodal-risk-bench-cds', jwk });
  const floorRuns: Run[] = [];
  const cdsRuns: Run[] = [];
  try {
    await loadSigned(floor, template, WARM_UP_S, tokens, pace);
    await loadSigned(cds, template, WARM_UP_S, tokens, pace);
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so a trend in the machine's load favours neither.
      const order: [Server, Run[]][] = [
        [floor, floorRuns],
        [cds, cdsRuns],
      ];
      if (round % 2 === 1) order.reverse();
      for (const [server, runs] of order) runs.push(await loadSigned(server, template, ROUND_S, tokens, pace));
    }
  } finally {
    floor.stop();
    cds.stop();
  }

  const ratios = cdsRuns.map((run, i) => run.rps / (floorRuns[i] as Run).rps);
  const cpuRatios = cdsRuns.map((run, i) => (floorRuns[i] as Run).cpuPerRequest / run.cpuPerRequest);
  const cdsRun = medianRun(cdsRuns);
  const floorRun = medianRun(floorRuns);
  const rounds = `median of ${ROUNDS} rounds of ${ROUND_S} s after ${WARM_UP_S} s warm-up`;
  return [
    line(
      `cds order-select (full prefetch ${size} KiB, RS384 JWT and hookInstance fresh per request, ${CONNECTIONS} connections, ${rounds})`,
      cdsRun,
    ),
    line(
      'protocol floor: node:http, JSON.parse + RS384 jwtVerify (same requests, rounds alternating with cds)',
      floorRun,
    ),
    line(`bare node:http fixed JSON (same body posted, ${ROUND_S} s)`, bareRun),
    `cds/floor throughput ratio: ${ratioText(ratios)} (target ≥ 0.85); cds p99 ${cdsRun.p99} ms (target < 25 ms)`,
    // Less sensitive than throughput to other work on the machine: what the server itself spends.
    `floor/cds server CPU per request: ${ratioText(cpuRatios)} (the throughput ratio if the servers had the CPU to themselves)`,
    ...(Math.min(cdsRun.cpuShare, floorRun.cpuShare) < BUSY_SHARE
      ? [
          `machine busy: the servers had ${Math.round(floorRun.cpuShare * 100)}% (floor) and ${Math.round(cdsRun.cpuShare * 100)}% (cds) of a core, not the whole one a saturated server uses; the ratios above measure the neighbours too`,
        ]
      : []),
    `load generator (autocannon, this process, sharing the machine's ${availableParallelism()} cores with the server): ${Math.round(floorRun.loaderCpuPerRequest)} µs CPU/request against the floor, ${Math.round(cdsRun.loaderCpuPerRequest)} against cds; 1-min load average at the start ${load1.toFixed(1)}`,
  ];
}
