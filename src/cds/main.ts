// `npm run cds` (or `node dist/node/cds/main.js` after `npm run build`): the CDS Hooks service on
// 127.0.0.1:$PORT, trusting the clients in smart-config/cds-trust.json (the built service reads
// the copy in dist/smart-config/), or $CDS_TRUST_CONFIG. A bad configuration stops it at start.
// With $REDIS_URL the JWT replay cache is shared through Redis by every instance; without it, it
// is in this process's memory (one instance only).
// $MODEL_CONFIG names a model config (e.g. the calibration `nodal-risk validate --calibration-out` writes).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyLocalModelConfig } from '../models/local-config.ts';
import { assessorWithModels } from './assessor.ts';
import { CdsConfigError, DEFAULT_CONFIG_URL, loadCdsConfig } from './config.ts';
import { RedisReplayStore } from './replay-redis.ts';
import { createCdsServer } from './server.ts';

const HOST = '127.0.0.1';

function fail(message: string): never {
  process.stderr.write(`nodal-risk cds: ${message}\n`);
  process.exit(1);
}

const rawPort = process.env.PORT ?? '8090';
const port = Number(rawPort);
if (!Number.isInteger(port) || port < 1 || port > 65535)
  fail(`PORT must be a port number from 1 to 65535, got ${JSON.stringify(rawPort)}`);

let config;
try {
  config = loadCdsConfig(process.env.CDS_TRUST_CONFIG ?? fileURLToPath(DEFAULT_CONFIG_URL), {
    ...(process.env.CDS_SERVICE_URL ? { serviceUrl: process.env.CDS_SERVICE_URL } : {}),
    defaultServiceUrl: `http://${HOST}:${port}`,
    appOrigin: process.env.APP_ORIGIN ?? 'http://127.0.0.1:5173',
  });
} catch (error) {
  fail(error instanceof CdsConfigError ? error.message : String(error));
}

let assessResources;
if (process.env.MODEL_CONFIG) {
  try {
    assessResources = assessorWithModels(
      applyLocalModelConfig(JSON.parse(readFileSync(process.env.MODEL_CONFIG, 'utf8'))),
    );
  } catch (error) {
    fail(`model config ${process.env.MODEL_CONFIG}: ${(error as Error).message}`);
  }
}

const redisUrl = process.env.REDIS_URL;
const app = createCdsServer({
  config,
  ...(redisUrl ? { replayStore: new RedisReplayStore(redisUrl) } : {}),
  ...(assessResources ? { assessResources } : {}),
});
try {
  await app.listen({ host: HOST, port });
} catch (error) {
  fail(`cannot listen on ${HOST}:${port}: ${(error as Error).message}`);
}
process.stdout.write(`CDS Hooks discovery: ${config.serviceUrl}/cds-services\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
