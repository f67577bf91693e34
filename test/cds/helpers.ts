// Test harness for the CDS service: keys and signed JWTs, a JWKS host, the server on an
// ephemeral port with its log lines captured, and prefetch built from the sandbox scenarios.
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { resolveCdsConfig, type CdsTrustConfig, type ResolvedCdsConfig } from '../../src/cds/config.ts';
import { createCdsServer, type CdsServerOptions } from '../../src/cds/server.ts';
import { QUERIES } from '../../src/fhir/queries.ts';
import { loadScenario } from '../../src/sandbox/patients/index.ts';

export const SERVICE_URL = 'https://cds.example.test';
export const ISS = 'https://ehr.example.test';
export const JKU_ISS = 'https://jku-ehr.example.test';

export type TestAlg = 'ES384' | 'RS384' | 'ES256' | 'RS256' | 'PS384';

export interface TestKey {
  alg: TestAlg;
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function makeKey(alg: TestAlg, kid = randomUUID()): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export interface TokenOptions {
  key: TestKey;
  aud: string;
  iss?: string;
  claims?: JWTPayload;
  header?: Record<string, unknown>;
  expiresIn?: number;
  iat?: number;
}

export async function sign(o: TokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const iat = o.iat ?? now;
  return new SignJWT({ jti: randomUUID(), ...o.claims })
    .setProtectedHeader({ alg: o.key.alg, typ: 'JWT', kid: o.key.kid, ...o.header })
    .setIssuer(o.iss ?? ISS)
    .setAudience(o.aud)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (o.expiresIn ?? 300))
    .sign(o.key.privateKey);
}

export function rawConfig(keys: TestKey[], extra: Partial<CdsTrustConfig> = {}): CdsTrustConfig {
  return {
    serviceUrl: SERVICE_URL,
    appLaunchUrl: '{appOrigin}/launch/launch.html',
    source: {
      label: 'Nodal Risk',
      url: '{appOrigin}/',
      topic: { system: 'http://snomed.info/sct', code: '234262008', display: 'Excision of axillary lymph node' },
    },
    clients: [{ iss: ISS, jwks: { keys: keys.map((k) => k.publicJwk) } }],
    alnd: {
      snomed: ['234262008', '999999999'],
      cpt: ['38745', '38740'],
      valueSet: [{ system: 'urn:local:orders', code: 'ALND-L' }],
    },
    fhir: { timeoutMs: 2000, maxPages: 20 },
    ...extra,
  };
}

export function config(keys: TestKey[], extra: Partial<CdsTrustConfig> = {}): ResolvedCdsConfig {
  return resolveCdsConfig(rawConfig(keys, extra), { appOrigin: 'http://127.0.0.1:5173' });
}

export interface RunningCds {
  app: FastifyInstance;
  base: string;
  logs: string[];
  /** POST/GET with a fresh JWT whose aud is the called endpoint (unless a token is given). */
  call(path: string, body?: unknown, token?: string | null): Promise<{ status: number; json: unknown; text: string }>;
  close(): Promise<void>;
}

export async function startCds(options: Omit<CdsServerOptions, 'logStream'>, key: TestKey): Promise<RunningCds> {
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = createCdsServer({ ...options, logStream });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app,
    base,
    logs,
    async call(path, body, token) {
      const auth = token === undefined ? await sign({ key, aud: `${SERVICE_URL}${path}` }) : token;
      const headers: Record<string, string> = {};
      if (auth !== null) headers.authorization = `Bearer ${auth}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers,
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, json, text };
    },
    close: () => app.close(),
  };
}

/** Serves a JWKS document (for jku tests). */
export async function startJwksHost(
  keys: TestKey[],
): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let count = 0;
  const host = Fastify();
  host.get('/jwks.json', async () => {
    count++;
    return { keys: keys.map((k) => k.publicJwk) };
  });
  await host.listen({ host: '127.0.0.1', port: 0 });
  const address = host.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/jwks.json`;
  return { url, hits: () => count, close: () => host.close() };
}

// Which query returns which resource type in these tests (Observations all under one key).
const KEY_FOR_TYPE: Record<string, string> = {
  Patient: 'patient',
  Observation: 'observationsLoinc',
  DiagnosticReport: 'pathologyReportsByCategory',
  DocumentReference: 'pathologyDocuments',
  Condition: 'conditions',
  Procedure: 'procedures',
  Specimen: 'specimens',
  MedicationRequest: 'medicationRequests',
  MedicationAdministration: 'medicationAdministrations',
};

export function searchset(resources: unknown[], next?: string): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    ...(next ? { link: [{ relation: 'next', url: next }] } : {}),
    entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
  };
}

/** A complete prefetch for a sandbox scenario: every key of the shared query list answered. */
export function scenarioPrefetch(name: string): {
  patientId: string;
  prefetch: Record<string, unknown>;
  resources: unknown[];
} {
  const scenario = loadScenario(name);
  const byKey = new Map<string, unknown[]>(QUERIES.map((q) => [q.id, []]));
  for (const r of scenario.resources) byKey.get(KEY_FOR_TYPE[r.resourceType] ?? '')?.push(r);
  return {
    patientId: scenario.patientId,
    resources: scenario.resources,
    prefetch: Object.fromEntries([...byKey].map(([key, list]) => [key, searchset(list)])),
  };
}

export function alndOrder(
  id = 'alnd-1',
  coding = { system: 'http://snomed.info/sct', code: '234262008' },
): Record<string, unknown> {
  return {
    resourceType: 'ServiceRequest',
    id,
    status: 'draft',
    intent: 'order',
    subject: { reference: 'Patient/x' },
    code: { coding: [coding] },
  };
}

export function hookBody(
  hook: 'order-select' | 'order-sign' | 'patient-view',
  patientId: string,
  extra: Record<string, unknown> = {},
  orders = [alndOrder()],
): Record<string, unknown> {
  const context: Record<string, unknown> = { userId: 'Practitioner/dr-rivera', patientId };
  if (hook !== 'patient-view')
    context.draftOrders = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: orders.map((resource) => ({ resource })),
    };
  if (hook === 'order-select') context.selections = orders.map((o) => `ServiceRequest/${String(o.id)}`);
  return { hook, hookInstance: randomUUID(), context, ...extra };
}

/** The same JSON with every object's keys in reverse order. */
export function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}
