// Node-side validation of smart-config/app.json against its schema: run at build and sandbox
// start so a bad registration fails loudly before any clinician launches the app.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { AppConfig } from './registrations.ts';

export class AppConfigError extends Error {
  override readonly name = 'AppConfigError';
}

export function loadAppConfig(configUrl: URL, schemaUrl: URL): AppConfig {
  const read = (url: URL) => {
    try {
      return JSON.parse(readFileSync(url, 'utf8')) as unknown;
    } catch (e) {
      throw new AppConfigError(`smart-config: cannot read ${url.pathname.split('/').pop()}: ${(e as Error).message}`);
    }
  };
  const validate = new Ajv({ strict: false }).compile(read(schemaUrl) as object);
  const config = read(configUrl);
  if (!validate(config)) {
    const first = validate.errors?.[0];
    throw new AppConfigError(
      `smart-config/app.json ${first?.instancePath || '(root)'} ${first?.message ?? 'is invalid'}`,
    );
  }
  for (const r of (config as AppConfig).registrations) {
    try {
      new RegExp(r.issPattern);
    } catch {
      throw new AppConfigError(`smart-config/app.json: registration "${r.name}" has an invalid issPattern`);
    }
  }
  return config as AppConfig;
}
