// Two service instances sharing a real redis-server (REDIS_URL): a token used on one is refused
// on the other, and nothing but hashed token ids is stored there.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisReplayStore } from '../../src/cds/replay-redis.ts';
import { freePort } from '../helpers/ports.ts';
import {
  config,
  hookBody,
  makeKey,
  scenarioPrefetch,
  sign,
  SERVICE_URL,
  startCds,
  type RunningCds,
  type TestKey,
} from './helpers.ts';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedis)
  console.warn(
    'SKIPPED: redis-server is not installed (apt-get install redis-server); the shared replay cache is untested',
  );

describe.skipIf(!hasRedis)('jti replay cache in Redis, two instances', () => {
  let server: ChildProcess;
  let url: string;
  let key: TestKey;
  let a: RunningCds;
  let b: RunningCds;

  beforeAll(async () => {
    const port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await new Promise<void>((resolve, reject) => {
      server.stdout?.on('data', (d: Buffer) => d.toString().includes('Ready to accept connections') && resolve());
      server.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    });
    key = await makeKey('ES384');
    a = await startCds({ config: config([key]), replayStore: new RedisReplayStore(url) }, key);
    b = await startCds({ config: config([key]), replayStore: new RedisReplayStore(url) }, key);
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    server?.kill('SIGTERM');
  });

  it('a token used on one instance is refused on the other, both ways', async () => {
    const path = '/cds-services';
    const first = await sign({ key, aud: `${SERVICE_URL}${path}` });
    expect((await a.call(path, undefined, first)).status).toBe(200);
    expect((await b.call(path, undefined, first)).status).toBe(401);
    const second = await sign({ key, aud: `${SERVICE_URL}${path}` });
    expect((await b.call(path, undefined, second)).status).toBe(200);
    expect((await a.call(path, undefined, second)).status).toBe(401);
  });

  it('fails closed: with Redis unreachable a fresh token is refused, not let through unchecked', async () => {
    const port = await freePort();
    const down = await startCds(
      { config: config([key]), replayStore: new RedisReplayStore(`redis://127.0.0.1:${port}`) },
      key,
    );
    try {
      const res = await down.call('/cds-services');
      expect(res.status).toBe(401);
    } finally {
      await down.close();
    }
  });

  it('stores only hashed token ids with an expiry, no patient data', async () => {
    const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
    expect(
      (await a.call('/cds-services/nodal-risk-order-sign', hookBody('order-sign', patientId, { prefetch }))).status,
    ).toBe(200);
    const client = new Redis(url);
    try {
      const keys = await client.keys('*');
      expect(keys.length).toBeGreaterThan(0);
      for (const k of keys) {
        expect(k).toMatch(/^nodal-risk:cds:jti:[A-Za-z0-9_-]{43}$/);
        expect(await client.get(k)).toBe('1');
        expect(await client.pttl(k)).toBeGreaterThan(0);
      }
    } finally {
      client.disconnect();
    }
  });
});
