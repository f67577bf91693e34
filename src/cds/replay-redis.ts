// The JWT-id replay store shared by every instance of the service (REDIS_URL): one `SET key NX PX`
// per token, atomic in Redis, so a token used on one instance is refused on all the others. Only
// issuer + jti hashes are stored; no patient data ever goes to this shared store.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { ReplayStore } from './replay.ts';

const PREFIX = 'nodal-risk:cds:jti:';

export class RedisReplayStore implements ReplayStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly now: () => number = Date.now,
  ) {
    // Fail fast rather than queue: a request waiting on an unreachable Redis is refused (401),
    // never let through unchecked.
    this.redis = new Redis(url, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      connectTimeout: 2000,
      lazyConnect: false,
    });
    // Connection errors surface as failed claims; without a listener ioredis would also print them.
    this.redis.on('error', () => undefined);
  }

  async claim(key: string, expiresAtMs: number): Promise<boolean> {
    const ttl = Math.max(1, Math.ceil(expiresAtMs - this.now()));
    const id = createHash('sha256').update(key).digest('base64url');
    return (await this.redis.set(PREFIX + id, '1', 'PX', ttl, 'NX')) === 'OK';
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
