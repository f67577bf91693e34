// Trust and behaviour configuration of the CDS service (smart-config/cds-trust.json), validated
// against smart-config/cds-trust.schema.json. A bad configuration fails loudly at start.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import type { JSONWebKeySet } from 'jose';
import type { VendorProfile } from '../fhir/queries.ts';

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export interface TrustedClient {
  iss: string;
  note?: string;
  /** JWKS URLs this issuer may name in a JWT `jku` header (exact match). */
  jku?: string[];
  /** Keys exchanged out of band, used when the JWT has no `jku`. */
  jwks?: JSONWebKeySet;
  /** When present, the JWT `tenant` claim must be one of these. */
  tenants?: string[];
  /** FHIR base URLs this client may name as `fhirServer` (exact match, trailing slashes ignored). */
  fhirServers?: string[];
  /** JWT signature algorithms this client uses; ES384 and RS384 when absent. */
  algorithms?: JwtAlgorithm[];
  /** The EHR's search rules: its prefetch templates and the service's own fetches (generic when absent). */
  vendor?: VendorProfile;
}

/** Asymmetric algorithms only: `none` and HMAC (a shared secret) are never accepted. */
export const JWT_ALGORITHMS = ['ES384', 'RS384', 'ES256', 'RS256', 'PS384'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];
/** What CDS Hooks 2.0 recommends; a client entry must name any other algorithm explicitly. */
export const DEFAULT_JWT_ALGORITHMS: readonly JwtAlgorithm[] = ['ES384', 'RS384'];

/** Bounds on the outbound FHIR work one hook call may cause. */
export interface FhirLimits {
  /** Total time for all outbound requests of one hook call (searches and documents share it). */
  timeoutMs: number;
  /** Pages followed per search. */
  maxPages: number;
  /** Report documents fetched per hook call. */
  maxDocuments: number;
  /** Bytes read from any one response; reading stops past this. */
  maxResponseBytes: number;
}

export interface CdsTrustConfig {
  serviceUrl?: string;
  appLaunchUrl: string;
  source: { label: string; url: string; topic: Coding };
  clients: TrustedClient[];
  alnd: { snomed: string[]; cpt: string[]; valueSet?: Coding[] };
  jwt?: { maxLifetimeSeconds?: number; clockToleranceSeconds?: number; jwksCacheSeconds?: number };
  fhir?: Partial<FhirLimits>;
  bodyLimitBytes?: number;
  cors?: { origins: string[] };
}

/** The configuration with defaults applied and placeholders filled: what the server runs on. */
export interface ResolvedCdsConfig {
  serviceUrl: string;
  appLaunchUrl: string;
  source: { label: string; url: string; topic: Coding };
  clients: TrustedClient[];
  alnd: { snomed: string[]; cpt: string[]; valueSet: Coding[] };
  jwt: { maxLifetimeSeconds: number; clockToleranceSeconds: number; jwksCacheSeconds: number };
  fhir: FhirLimits;
  bodyLimitBytes: number;
  cors: { origins: string[] };
}

export class CdsConfigError extends Error {
  override readonly name = 'CdsConfigError';
}

const SCHEMA_URL = new URL('../../smart-config/cds-trust.schema.json', import.meta.url);
export const DEFAULT_CONFIG_URL = new URL('../../smart-config/cds-trust.json', import.meta.url);

let validator: (((data: unknown) => boolean) & { errors?: ErrorObject[] | null }) | undefined;

function validate(raw: unknown): CdsTrustConfig {
  if (!validator) {
    const schema = JSON.parse(readFileSync(fileURLToPath(SCHEMA_URL), 'utf8')) as object;
    validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  if (!validator(raw)) {
    const errors = (validator.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
    throw new CdsConfigError(`invalid CDS trust configuration: ${errors.join('; ')}`);
  }
  return raw as CdsTrustConfig;
}

export interface ResolveOptions {
  /** Fills {appOrigin} in appLaunchUrl and source.url. */
  appOrigin?: string;
  /** Overrides serviceUrl from the file (e.g. a public URL given in the environment). */
  serviceUrl?: string;
  /** Used when neither the option nor the file sets serviceUrl (e.g. http://127.0.0.1:PORT). */
  defaultServiceUrl?: string;
}

/** Validates a configuration object and applies defaults; throws CdsConfigError naming every problem. */
export function resolveCdsConfig(raw: unknown, options: ResolveOptions = {}): ResolvedCdsConfig {
  const config = validate(raw);
  const serviceUrl = (options.serviceUrl ?? config.serviceUrl ?? options.defaultServiceUrl)?.replace(/\/+$/, '');
  if (!serviceUrl) throw new CdsConfigError('invalid CDS trust configuration: serviceUrl is not set');
  const fill = (url: string): string => {
    if (!url.startsWith('{appOrigin}')) return url;
    if (!options.appOrigin) throw new CdsConfigError(`invalid CDS trust configuration: ${url} needs an app origin`);
    return options.appOrigin.replace(/\/+$/, '') + url.slice('{appOrigin}'.length);
  };
  const issuers = new Set<string>();
  for (const client of config.clients) {
    if (issuers.has(client.iss))
      throw new CdsConfigError(`invalid CDS trust configuration: client ${client.iss} is listed twice`);
    issuers.add(client.iss);
  }
  const clients = config.clients.map((c) =>
    c.fhirServers ? { ...c, fhirServers: c.fhirServers.map(normaliseBase) } : c,
  );
  return {
    serviceUrl,
    appLaunchUrl: fill(config.appLaunchUrl),
    source: { ...config.source, url: fill(config.source.url) },
    clients,
    alnd: { snomed: config.alnd.snomed, cpt: config.alnd.cpt, valueSet: config.alnd.valueSet ?? [] },
    jwt: {
      maxLifetimeSeconds: config.jwt?.maxLifetimeSeconds ?? 600,
      clockToleranceSeconds: config.jwt?.clockToleranceSeconds ?? 30,
      jwksCacheSeconds: config.jwt?.jwksCacheSeconds ?? 600,
    },
    fhir: {
      timeoutMs: config.fhir?.timeoutMs ?? 5000,
      maxPages: config.fhir?.maxPages ?? 50,
      maxDocuments: config.fhir?.maxDocuments ?? 50,
      maxResponseBytes: config.fhir?.maxResponseBytes ?? 5 * 1024 * 1024,
    },
    bodyLimitBytes: config.bodyLimitBytes ?? 2 * 1024 * 1024,
    cors: config.cors ?? { origins: ['*'] },
  };
}

/** A FHIR base URL as compared against a client's allowlist: without trailing slashes. */
export function normaliseBase(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Reads and validates a configuration file (JSON). */
export function loadCdsConfig(file: string | URL, options: ResolveOptions = {}): ResolvedCdsConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CdsConfigError(`cannot read CDS trust configuration ${String(file)}: ${(error as Error).message}`);
  }
  return resolveCdsConfig(raw, options);
}
