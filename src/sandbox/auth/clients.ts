// Client registrations from smart-config/clients.json, validated against its schema at start:
// a bad registration must stop the sandbox, not surface later as a confusing launch failure.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';

export interface ClientRegistration {
  clientId: string;
  name: string;
  type: 'public';
  launchUri: string;
  redirectUris: string[];
  /** Every scope this client may be granted (space-separated); requests are capped to it. */
  scope: string;
  defaultScope?: string;
}

interface ClientsFile {
  clients: ClientRegistration[];
}

const configDir = new URL('../../../smart-config/', import.meta.url);

export class ClientConfigError extends Error {
  override readonly name = 'ClientConfigError';
}

/** Parses and validates a clients document; `{appOrigin}` placeholders are resolved to the app's origin. */
export function parseClients(raw: unknown, appOrigin: string): ClientRegistration[] {
  const schema = JSON.parse(readFileSync(fileURLToPath(new URL('clients.schema.json', configDir)), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile<ClientsFile>(schema);
  if (!validate(raw)) {
    const why = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
    throw new ClientConfigError(`smart-config/clients.json is invalid: ${why}`);
  }
  const ids = new Set<string>();
  return raw.clients.map((c) => {
    if (ids.has(c.clientId)) throw new ClientConfigError(`smart-config/clients.json: duplicate clientId ${c.clientId}`);
    ids.add(c.clientId);
    const resolve = (u: string): string => {
      const abs = u.replaceAll('{appOrigin}', appOrigin);
      try {
        return new URL(abs).href;
      } catch {
        throw new ClientConfigError(`smart-config/clients.json: ${c.clientId}: not an absolute URL: ${u}`);
      }
    };
    return { ...c, launchUri: resolve(c.launchUri), redirectUris: c.redirectUris.map(resolve) };
  });
}

export function loadClients(appOrigin: string, file = new URL('clients.json', configDir)): ClientRegistration[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(fileURLToPath(file), 'utf8'));
  } catch (err) {
    throw new ClientConfigError(`cannot read smart-config/clients.json: ${(err as Error).message}`);
  }
  return parseClients(raw, appOrigin);
}

/** Origins allowed to call the token and FHIR endpoints from a browser (CORS). */
export function clientOrigins(clients: readonly ClientRegistration[]): Set<string> {
  const origins = new Set<string>();
  for (const c of clients) {
    origins.add(new URL(c.launchUri).origin);
    for (const r of c.redirectUris) origins.add(new URL(r).origin);
  }
  return origins;
}
