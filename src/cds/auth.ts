// Verifies the JWT every CDS client sends (CDS Hooks 2.0 "Trusting CDS Clients").
// Any failure is the same AuthError: the caller answers a bare 401 and never says why.
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { DEFAULT_JWT_ALGORITHMS, JWT_ALGORITHMS, type ResolvedCdsConfig, type TrustedClient } from './config.ts';
import { MemoryReplayStore, type ReplayStore } from './replay.ts';

// A CDS JWT is a few hundred bytes; refuse to parse anything absurd.
const MAX_TOKEN_LENGTH = 8192;
const REQUIRED_CLAIMS = ['iss', 'aud', 'exp', 'iat', 'jti'];
/** Decoded token headers remembered; anyone may send any header, so the memo is emptied when full. */
const MAX_HEADERS = 64;

export class AuthError extends Error {
  override readonly name = 'AuthError';
}

/** What may be logged about a verified caller (no token, no PHI). */
export interface VerifiedCaller {
  iss: string;
  jti: string;
  tenant?: string;
}

export class JwtVerifier {
  private readonly clients = new Map<string, TrustedClient>();
  /** Each client's algorithms, filtered once (checked twice per call). */
  private readonly algorithms = new Map<TrustedClient, string[]>();
  private readonly localKeys = new Map<string, JWTVerifyGetKey>();
  private readonly remoteKeys = new Map<string, JWTVerifyGetKey>();
  /** Token headers by their encoded text: a client signs its tokens with the same few headers. */
  private readonly headers = new Map<string, Readonly<Record<string, unknown>>>();
  private readonly replay: ReplayStore;

  constructor(
    private readonly config: ResolvedCdsConfig,
    private readonly now: () => number = Date.now,
    replay?: ReplayStore,
  ) {
    for (const client of config.clients) {
      this.clients.set(client.iss, client);
      this.algorithms.set(client, algorithmsOf(client));
      if (client.jwks) this.localKeys.set(client.iss, createLocalJWKSet(client.jwks));
    }
    this.replay = replay ?? new MemoryReplayStore(now);
  }

  /** The trusted client a verified caller is (its allowlists apply to the request). */
  client(iss: string): TrustedClient | undefined {
    return this.clients.get(iss);
  }

  /**
   * Checks `Authorization: Bearer <jwt>` for a call to `url` (the exact endpoint URL, which the
   * token's `aud` must name, with or without a trailing slash).
   */
  async verify(authorization: string | undefined, url: string): Promise<VerifiedCaller> {
    const token = bearer(authorization);
    const { client, keys, algorithms } = this.keysFor(token);
    const { jwt } = this.config;
    let result: Awaited<ReturnType<typeof jwtVerify>>;
    try {
      result = await jwtVerify(token, keys, {
        algorithms,
        issuer: client.iss,
        audience: [url, `${url}/`],
        typ: 'JWT',
        requiredClaims: REQUIRED_CLAIMS,
        clockTolerance: jwt.clockToleranceSeconds,
        maxTokenAge: jwt.maxLifetimeSeconds,
        currentDate: new Date(this.now()),
      });
    } catch {
      throw new AuthError('token rejected');
    }
    const { exp, iat, jti, tenant } = result.payload as { exp: number; iat: number; jti: unknown; tenant?: unknown };
    if (typeof jti !== 'string' || jti.length === 0 || jti.length > 256) throw new AuthError('bad jti');
    // A long-lived token would have to be remembered for long; refuse it instead.
    if (exp - iat > jwt.maxLifetimeSeconds) throw new AuthError('lifetime too long');
    if (client.tenants && (typeof tenant !== 'string' || !client.tenants.includes(tenant)))
      throw new AuthError('tenant');
    const expiresAt = (exp + jwt.clockToleranceSeconds) * 1000;
    if (!(await this.replay.claim(`${client.iss}\n${jti}`, expiresAt))) throw new AuthError('replayed');
    return { iss: client.iss, jti, ...(typeof tenant === 'string' ? { tenant } : {}) };
  }

  // Header and issuer checks before any cryptography or network access (cheap rejections first).
  private keysFor(token: string): { client: TrustedClient; keys: JWTVerifyGetKey; algorithms: string[] } {
    const [headerPart = '', payloadPart = ''] = token.split('.', 2);
    const header = this.header(headerPart);
    const payload = segmentJson(payloadPart);
    if (typeof header.kid !== 'string' || header.kid.length === 0) throw new AuthError('kid');
    const client = typeof payload.iss === 'string' ? this.clients.get(payload.iss) : undefined;
    if (!client) throw new AuthError('issuer');
    const algorithms = this.algorithms.get(client) ?? [];
    if (!algorithms.includes(String(header.alg))) throw new AuthError('alg');
    if (header.jku !== undefined) {
      if (typeof header.jku !== 'string' || !client.jku?.includes(header.jku)) throw new AuthError('jku');
      return { client, keys: this.remote(header.jku), algorithms };
    }
    const keys = this.localKeys.get(client.iss);
    if (!keys) throw new AuthError('no keys');
    return { client, keys, algorithms };
  }

  private header(segment: string): Readonly<Record<string, unknown>> {
    let header = this.headers.get(segment);
    if (!header) {
      header = Object.freeze(segmentJson(segment));
      if (this.headers.size >= MAX_HEADERS) this.headers.clear();
      this.headers.set(segment, header);
    }
    return header;
  }

  // One cached key set per allowlisted URL; jose refetches after the cache age, and at most once
  // per cooldown when an unknown kid appears (key rotation).
  private remote(jku: string): JWTVerifyGetKey {
    let keys = this.remoteKeys.get(jku);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(jku), {
        cacheMaxAge: this.config.jwt.jwksCacheSeconds * 1000,
        cooldownDuration: 30_000,
        timeoutDuration: 5_000,
      });
      this.remoteKeys.set(jku, keys);
    }
    return keys;
  }
}

/** The client's own list, or the default; re-filtered so nothing outside the asymmetric set ever passes. */
function algorithmsOf(client: TrustedClient): string[] {
  return (client.algorithms ?? DEFAULT_JWT_ALGORITHMS).filter((a) => (JWT_ALGORITHMS as readonly string[]).includes(a));
}

/**
 * A token segment's JSON object, read for the checks before the signature's (which reads it again,
 * strictly). Node's own base64url decoder: the bearer pattern has already limited the alphabet.
 */
function segmentJson(segment: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw new AuthError('malformed');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AuthError('malformed');
  return value as Record<string, unknown>;
}

function bearer(authorization: string | undefined): string {
  if (!authorization || authorization.length > MAX_TOKEN_LENGTH + 7) throw new AuthError('missing');
  const match = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(authorization);
  if (!match?.[1]) throw new AuthError('not a bearer JWT');
  return match[1];
}
