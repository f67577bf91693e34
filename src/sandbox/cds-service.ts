// The CDS Hooks service started in-process by `npm start`, trusting exactly this sandbox EHR as
// its CDS client (its ES384 key set at /cds-client/jwks.json), with card links into the app.
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG_URL, resolveCdsConfig } from '../cds/config.ts';
import { createCdsServer } from '../cds/server.ts';
import { assessorWithModels } from '../cds/assessor.ts';
import type { ModelDefinition } from '../models/definition.ts';

export interface EmbeddedCds {
  url: string;
  close(): Promise<void>;
}

export async function startEmbeddedCds(opts: {
  host: string;
  port: number;
  ehrOrigin: string;
  appOrigin: string;
  /** The models with the deployment's config ($MODEL_CONFIG) applied; the built-ins otherwise. */
  models?: readonly ModelDefinition[];
}): Promise<EmbeddedCds> {
  const url = `http://${opts.host}:${opts.port}`;
  const shipped = JSON.parse(readFileSync(DEFAULT_CONFIG_URL, 'utf8')) as Record<string, unknown>;
  const config = resolveCdsConfig(
    {
      ...shipped,
      clients: [
        {
          iss: opts.ehrOrigin,
          note: 'embedded sandbox EHR',
          jku: [`${opts.ehrOrigin}/cds-client/jwks.json`],
          fhirServers: [`${opts.ehrOrigin}/fhir`],
        },
      ],
    },
    { serviceUrl: url, appOrigin: opts.appOrigin },
  );
  const server = createCdsServer({
    config,
    ...(opts.models ? { assessResources: assessorWithModels(opts.models) } : {}),
  });
  await server.listen({ host: opts.host, port: opts.port });
  return { url, close: () => server.close() };
}
