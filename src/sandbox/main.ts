// `npm start`: the sandbox EHR and the SMART app on 127.0.0.1, each on its own port.
//   SANDBOX_EHR_PORT (default 4010), SANDBOX_APP_PORT (default 5173), SANDBOX_HOST (default 127.0.0.1),
//   SANDBOX_CDS_PORT (default 4020) for the embedded CDS Hooks service, or CDS_SERVICE_URL to use
//   one running elsewhere; NODE_ENV=production to serve dist/app; MODEL_CONFIG=path applies a model
//   config (e.g. a local calibration) to the embedded CDS service and the development app (a
//   production build embeds the config it was built with).
import { startAppServer } from './app-origin.ts';
import { startEmbeddedCds, type EmbeddedCds } from './cds-service.ts';
import { startSandbox } from './server.ts';
import { readModelConfigFile } from '../app/build/model-config.ts';
import { applyModelConfig } from '../models/apply-config.ts';

function port(name: string, dflt: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? dflt : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a TCP port, got ${raw}`);
  return n;
}

async function main(): Promise<void> {
  const host = process.env.SANDBOX_HOST || '127.0.0.1';
  const ehrPort = port('SANDBOX_EHR_PORT', 4010);
  const appPort = port('SANDBOX_APP_PORT', 5173);
  const production = process.env.NODE_ENV === 'production';
  const appOrigin = `http://${host}:${appPort}`;
  const external = process.env.CDS_SERVICE_URL;
  const cdsPort = port('SANDBOX_CDS_PORT', 4020);
  const cdsUrl = external ?? `http://${host}:${cdsPort}`;
  const modelConfig = process.env.MODEL_CONFIG || undefined;
  // Read before anything listens: a bad config stops the start with one line.
  const models = modelConfig ? applyModelConfig(readModelConfigFile(modelConfig)) : undefined;
  const sandbox = await startSandbox({ host, port: ehrPort, appOrigin, cdsServiceUrl: cdsUrl });
  let app;
  let cds: EmbeddedCds | undefined;
  try {
    app = await startAppServer({ host, port: appPort, ehrOrigin: sandbox.ehrOrigin, production });
    if (!external)
      cds = await startEmbeddedCds({
        host,
        port: cdsPort,
        ehrOrigin: sandbox.ehrOrigin,
        appOrigin,
        ...(models ? { models } : {}),
      });
  } catch (err) {
    await Promise.allSettled([sandbox.close(), app?.close()]);
    throw err;
  }
  const lines = [
    `Nodal Risk sandbox (${production ? 'production build' : 'development'}) — synthetic data only`,
    `  EHR launcher      ${sandbox.ehrOrigin}/`,
    `  FHIR R4 base      ${sandbox.fhirBase}`,
    `    Epic-like       ${sandbox.fhirBases.epic}`,
    `    Oracle-like     ${sandbox.fhirBases.oracle}`,
    '                    (choose the EHR behaviour per chart in the launcher)',
    `  SMART discovery   ${sandbox.fhirBase}/.well-known/smart-configuration`,
    `  CapabilityStmt    ${sandbox.fhirBase}/metadata`,
    `  Authorize / token ${sandbox.ehrOrigin}/auth/authorize  ${sandbox.ehrOrigin}/auth/token`,
    `  CDS client JWKS   ${sandbox.ehrOrigin}/cds-client/jwks.json`,
    `  App (launch URL)  ${app.origin}/launch/launch.html`,
    `  CDS Hooks         ${cdsUrl}/cds-services${external ? ' (external)' : ''}`,
    ...(modelConfig
      ? [
          `  Model config      ${modelConfig}${production ? ' (CDS service; the app uses the config it was built with)' : ''}`,
        ]
      : []),
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping…\n`);
    // allSettled never rejects.
    void Promise.allSettled([app.close(), sandbox.close(), cds?.close()]).then(() => process.exit(0));
    setTimeout(() => process.exit(1), 5000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`sandbox failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
