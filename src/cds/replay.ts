// Remembers each JWT id until its token expires, so a captured token cannot be replayed. One
// process keeps them in memory; several instances behind a load balancer share Redis (replay-redis.ts).

/** Records a key until a time; false when it was already recorded and has not expired. */
export interface ReplayStore {
  claim(key: string, expiresAtMs: number): Promise<boolean>;
  close?(): Promise<void>;
}

export class JtiCache {
  private readonly seen = new Map<string, number>();
  private nextSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Records `key` until `expiresAtMs`; false when it was already seen and has not expired. */
  claim(key: string, expiresAtMs: number): boolean {
    const now = this.now();
    this.sweep(now);
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return false;
    this.seen.set(key, expiresAtMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  // Entries live at most the configured maximum token lifetime; sweeping once a second keeps the
  // map bounded by the request rate times that lifetime without scanning it per request.
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + 1000;
    for (const [key, until] of this.seen) if (until <= now) this.seen.delete(key);
  }
}

/** The in-process store (one instance only). */
export class MemoryReplayStore implements ReplayStore {
  private readonly cache: JtiCache;

  constructor(now: () => number = Date.now) {
    this.cache = new JtiCache(now);
  }

  async claim(key: string, expiresAtMs: number): Promise<boolean> {
    return this.cache.claim(key, expiresAtMs);
  }
}
