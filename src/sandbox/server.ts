// Assembles the sandbox EHR (launcher, SMART authorization server, FHIR server, CDS client) on one origin.
import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import { FhirRouter } from '@medplum/fhir-router';
import type { MemoryRepository } from '@medplum/fhir-router';
import { IndexedRepository } from './fhir/repository.ts';
import type { Patient, Practitioner, Resource } from '@medplum/fhirtypes';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { ClientRegistration } from './auth/clients.ts';
import { clientOrigins, loadClients } from './auth/clients.ts';
import type { SigningKey } from './auth/keys.ts';
import { makeSigningKey } from './auth/keys.ts';
import { registerAuthRoutes } from './auth/routes.ts';
import type { LaunchContext, Timing } from './auth/state.ts';
import { AuthState } from './auth/state.ts';
import { parseScopes } from './auth/scopes.ts';
import { registerValidationReportRoute } from '../cohort/sandbox-report.ts';
import { registerEhrRoutes } from './ehr/routes.ts';
import { indexFhirDefinitions } from './fhir/definitions.ts';
import { modeBase, registerFhirRoutes } from './fhir/routes.ts';
import { MODE_RULES, VENDOR_MODES, type VendorMode } from './fhir/vendor-modes.ts';
import { loadAllScenarios } from './patients/index.ts';
import type { Scenario } from './patients/index.ts';

export const PRACTITIONER: Practitioner = {
  resourceType: 'Practitioner',
  id: 'dr-rivera',
  name: [{ family: 'Rivera', given: ['Ana'], prefix: ['Dr.'] }],
  identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }],
};

export interface SandboxOptions {
  host?: string;
  port?: number;
  /** Origin the SMART app is served from (its client registration uses `{appOrigin}`). */
  appOrigin: string;
  clients?: ClientRegistration[];
  timing?: Partial<Timing>;
  scenarios?: Scenario[];
  /** Extra resources to seed (tests). */
  resources?: Resource[];
  /** Base URL of the CDS Hooks service; absent until that service exists. */
  cdsServiceUrl?: string;
}

export interface Sandbox {
  app: FastifyInstance;
  ehrOrigin: string;
  fhirBase: string;
  /** FHIR base URL of each vendor mode (generic is `fhirBase`). */
  fhirBases: Record<VendorMode, string>;
  repo: MemoryRepository;
  state: AuthState;
  scenarios: Scenario[];
  cdsClientKey: SigningKey;
  /** Registers an EHR launch (what the chart does before it frames the app). */
  createLaunch(ctx: Omit<LaunchContext, 'practitioner' | 'needPatientBanner'> & Partial<LaunchContext>): string;
  close(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  indexFhirDefinitions();
  const host = opts.host ?? '127.0.0.1';
  const clients = opts.clients ?? loadClients(opts.appOrigin);
  const origins = clientOrigins(clients);
  const urls = { ehrOrigin: '', fhirBase: '' };
  const state = new AuthState({
    codeTtlMs: 60_000,
    accessTtlMs: 3_600_000,
    launchTtlMs: 3_600_000,
    refreshTtlMs: 8 * 3_600_000,
    ...opts.timing,
  });
  const [idTokenKey, cdsClientKey] = await Promise.all([makeSigningKey('RS256'), makeSigningKey('ES384')]);

  const repo: MemoryRepository = new IndexedRepository();
  const scenarios = opts.scenarios ?? loadAllScenarios();
  await repo.createResource(PRACTITIONER);
  for (const s of scenarios) for (const r of s.resources) await repo.createResource(r);
  for (const r of opts.resources ?? []) await repo.createResource(r);
  const router = new FhirRouter();

  // No request logging: URLs carry patient ids and the bodies carry tokens and PHI.
  const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024 });
  app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  await app.register(formbody);
  await app.register(cors, {
    // Discovery is open to any origin (it sets its own header); token and FHIR endpoints only to registered apps.
    origin: (origin, cb) => cb(null, origin !== undefined && origins.has(origin)),
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'Prefer'],
    exposedHeaders: ['Location', 'Retry-After', 'WWW-Authenticate', 'Content-Location'],
    methods: ['GET', 'POST'],
    maxAge: 600,
  });

  const deps = {
    get ehrOrigin() {
      return urls.ehrOrigin;
    },
    get fhirBase() {
      return urls.fhirBase;
    },
    get fhirBases() {
      return Object.fromEntries(VENDOR_MODES.map((m) => [m, modeBase(urls.ehrOrigin, MODE_RULES[m])])) as Record<
        VendorMode,
        string
      >;
    },
  };
  const listPatients = async () => await repo.searchResources<Patient>({ resourceType: 'Patient', count: 1000 });
  const listPractitioners = async () =>
    repo.searchResources<Practitioner>({ resourceType: 'Practitioner', count: 100 });
  // Vendor modes share this authorization server; each FHIR base brings its vendor's token rules.
  const audience = (aud: string) => {
    const rules = VENDOR_MODES.map((m) => MODE_RULES[m]).find(
      (r) => r.mode !== 'generic' && modeBase(urls.ehrOrigin, r) === aud,
    );
    if (!rules) return undefined;
    const ttl = rules.token.accessTtlSeconds;
    return { rotateRefresh: rules.token.rotateRefresh, ...(ttl !== undefined ? { accessTtlMs: ttl * 1000 } : {}) };
  };
  registerAuthRoutes(
    app,
    Object.assign(Object.create(deps) as typeof deps, {
      clients,
      state,
      idTokenKey,
      listPatients,
      listPractitioners,
      practitioner: `Practitioner/${PRACTITIONER.id}`,
      audience,
    }),
  );
  registerFhirRoutes(app, Object.assign(Object.create(deps) as typeof deps, { repo, router, state }));
  const createLaunch: Sandbox['createLaunch'] = (ctx) =>
    state.createLaunch({ practitioner: `Practitioner/${PRACTITIONER.id}`, needPatientBanner: false, ...ctx });
  const prefetchToken = (patient: string): string =>
    state.issueAccess({
      clientId: 'sandbox-cds-client',
      scope: parseScopes('patient/*.rs'),
      context: { patient, practitioner: `Practitioner/${PRACTITIONER.id}`, needPatientBanner: false },
      fault: undefined,
      fhirRequests: 0,
      revoked: false,
    }).token;
  registerEhrRoutes(
    app,
    Object.assign(Object.create(deps) as typeof deps, {
      clients,
      scenarios,
      createLaunch,
      cdsClientKey,
      repo,
      prefetchToken,
      ...(opts.cdsServiceUrl ? { cdsServiceUrl: opts.cdsServiceUrl } : {}),
    }),
  );

  registerValidationReportRoute(app);

  await app.listen({ host, port: opts.port ?? 0 });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('sandbox did not bind a TCP port');
  urls.ehrOrigin = `http://${host}:${addr.port}`;
  urls.fhirBase = `${urls.ehrOrigin}/fhir`;

  return {
    app,
    ehrOrigin: urls.ehrOrigin,
    fhirBase: urls.fhirBase,
    fhirBases: deps.fhirBases,
    repo,
    state,
    scenarios,
    cdsClientKey,
    createLaunch,
    close: () => app.close(),
  };
}
