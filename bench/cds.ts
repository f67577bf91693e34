// CDS service throughput: autocannon against order-select with a full prefetch (64 connections,
// 10 s), compared with the protocol floor: a bare node:http server doing only the work no CDS
// service can skip (JSON.parse of the same request, RS384 jwtVerify of its token). A node:http
// server answering a fixed JSON body is printed too. Each server runs in its own process so the
// load generator does not share its event loop. Every request carries a fresh RS384 JWT (unique
// jti, signed before the run so the client's cost is not measured) and its own hookInstance.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK } from 'jose';

const SERVICE_URL = 'http://cds.bench.local';
const PATH = '/cds-services/nodal-risk-order-select';
const ISS = 'https://bench-ehr.local';
const CONNECTIONS = 64;
const DURATION_S = 10;
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
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Load with a fresh hookInstance per request and, when given, a fresh token per request. */
async function load(server: Server, template: { before: string; after: string }, tokens?: string[]): Promise<Run> {
  let next = 0;
  const cpuBefore = await server.cpu();
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        path: PATH,
        headers: { 'content-type': 'application/json' },
        body: `${template.before}${HOOK_INSTANCE}${template.after}`,
        setupRequest: (req: AutocannonRequest) => {
          const body = `${template.before}${randomUUID()}${template.after}`;
          if (!tokens) return { ...req, body };
          // Past the pre-signed supply a token would be a replay (401), counted as non-2xx.
          const token = tokens[next++ % tokens.length];
          return { ...req, body, headers: { ...req.headers, authorization: `Bearer ${token}` } };
        },
      },
    ],
  });
  const cpu = (await server.cpu()) - cpuBefore;
  return {
    rps: result.requests.average,
    cpuPerRequest: result.requests.total > 0 ? cpu / result.requests.total : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function signTokens(count: number): Promise<{ jwk: JWK; tokens: string[] }> {
  const { privateKey, publicKey } = await generateKeyPair('RS384', { extractable: true });
  const kid = 'bench';
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS384' };
  const now = Math.floor(Date.now() / 1000);
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    tokens.push(
      await new SignJWT({ jti: randomUUID() })
        .setProtectedHeader({ alg: 'RS384', typ: 'JWT', kid })
        .setIssuer(ISS)
        .setAudience(`${SERVICE_URL}${PATH}`)
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .sign(privateKey),
    );
  }
  return { jwk, tokens };
}

function line(name: string, run: Run): string {
  const failed = run.non2xx + run.errors;
  return `${name}: ${Math.round(run.rps)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, server CPU ${Math.round(run.cpuPerRequest)} µs/request${failed ? `, ${failed} non-2xx/errors` : ''}`;
}

export async function benchCds(options: { tokens?: number } = {}): Promise<string[]> {
  const template = await requestTemplate();
  const size = Math.round((template.before.length + HOOK_INSTANCE.length + template.after.length) / 1024);
  const { jwk, tokens } = await signTokens(options.tokens ?? 40_000);

  const bare = await startServer({ role: 'nodal-risk-bench-bare' });
  const bareRun = await load(bare, template);
  bare.stop();

  // The floor and the service run in separate processes: each sees every token once.
  const floor = await startServer({ role: 'nodal-risk-bench-floor', jwk });
  const floorRun = await load(floor, template, tokens);
  floor.stop();

  const cds = await startServer({ role: 'nodal-risk-bench-cds', jwk });
  const cdsRun = await load(cds, template, tokens);
  cds.stop();

  const ratio = cdsRun.rps / floorRun.rps;
  const cpuRatio = floorRun.cpuPerRequest / cdsRun.cpuPerRequest;
  return [
    line(
      `cds order-select (full prefetch ${size} KiB, RS384 JWT and hookInstance fresh per request, ${CONNECTIONS} connections, ${DURATION_S} s)`,
      cdsRun,
    ),
    line('protocol floor: node:http, JSON.parse + RS384 jwtVerify (same requests)', floorRun),
    line('bare node:http fixed JSON (same body posted)', bareRun),
    `cds/floor throughput ratio: ${ratio.toFixed(2)} (target ≥ 0.85); cds p99 ${cdsRun.p99} ms (target < 25 ms)`,
    // Less sensitive than throughput to other work on the machine: what the server itself spends.
    `floor/cds server CPU per request: ${cpuRatio.toFixed(2)} (the throughput ratio if the servers had the CPU to themselves)`,
  ];
}
