// In-memory state of the authorization server: launches, pending standalone requests, codes and tokens.
// Opaque random strings (not JWTs) so that revocation, single use and rotation are plain map operations.
import type { Fault } from './faults.ts';
import { randomToken } from './pkce.ts';
import type { ScopeSet } from './scopes.ts';

export interface LaunchContext {
  patient: string;
  encounter?: string;
  practitioner: string;
  needPatientBanner: boolean;
  fault?: Fault;
  /** From a CDS card's SMART link; returned in the token response. */
  appContext?: string;
}

export interface AuthRequest {
  clientId: string;
  redirectUri: string;
  scope: ScopeSet;
  state: string;
  codeChallenge: string;
  launch?: LaunchContext;
  /** The practitioner who signed in at this server (needed for user-level scopes). */
  practitioner?: string;
}

/** One authorization: shared by the code, and every access and refresh token descended from it. */
export interface Session {
  clientId: string;
  scope: ScopeSet;
  context: LaunchContext | undefined;
  fault: Fault | undefined;
  fhirRequests: number; // FHIR requests made under this session (for 429/500 faults)
  revoked: boolean;
  /** The practitioner who signed in at this server, when one did. */
  practitioner?: string;
  /** When the session's refresh tokens stop working (set when the first one is issued). */
  refreshUntil?: number;
}

export interface CodeGrant {
  session: Session;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
}

export interface AccessToken {
  session: Session;
  expiresAt: number;
  requests: number; // FHIR requests made with this token (for the 401-after fault)
}

export interface Timing {
  codeTtlMs: number;
  accessTtlMs: number;
  launchTtlMs: number;
  /** Lifetime of a session's refresh tokens, counted from the first one: rotation does not extend it. */
  refreshTtlMs: number;
}

export class AuthState {
  private readonly launches = new Map<string, { ctx: LaunchContext; expiresAt: number }>();
  private readonly pending = new Map<string, { req: AuthRequest; expiresAt: number }>();
  private readonly codes = new Map<string, CodeGrant>();
  private readonly usedCodes = new Map<string, Session>();
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, Session>();
  private readonly usedRefresh = new Map<string, Session>();

  constructor(readonly timing: Timing) {}

  createLaunch(ctx: LaunchContext): string {
    const id = randomToken(16);
    this.launches.set(id, { ctx, expiresAt: Date.now() + this.timing.launchTtlMs });
    return id;
  }

  /** Launch ids are single use: the first authorize request that names one consumes it. */
  takeLaunch(id: string): LaunchContext | undefined {
    const l = this.launches.get(id);
    this.launches.delete(id);
    return l && l.expiresAt > Date.now() ? l.ctx : undefined;
  }

  addPending(req: AuthRequest): string {
    const id = randomToken(16);
    this.pending.set(id, { req, expiresAt: Date.now() + this.timing.launchTtlMs });
    return id;
  }

  takePending(id: string): AuthRequest | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    return p && p.expiresAt > Date.now() ? p.req : undefined;
  }

  peekPending(id: string): AuthRequest | undefined {
    const p = this.pending.get(id);
    return p && p.expiresAt > Date.now() ? p.req : undefined;
  }

  issueCode(grant: Omit<CodeGrant, 'expiresAt'>): string {
    const code = randomToken();
    this.codes.set(code, { ...grant, expiresAt: Date.now() + this.timing.codeTtlMs });
    return code;
  }

  /** Codes are single use: a second presentation fails and revokes what the first one issued (RFC 6749 §4.1.2). */
  redeemCode(code: string): CodeGrant | 'reused' | undefined {
    const grant = this.codes.get(code);
    if (!grant) {
      const session = this.usedCodes.get(code);
      if (session) {
        session.revoked = true;
        return 'reused';
      }
      return undefined;
    }
    this.codes.delete(code);
    this.usedCodes.set(code, grant.session);
    return grant.expiresAt > Date.now() ? grant : undefined;
  }

  issueAccess(session: Session, expired = false): { token: string; expiresIn: number } {
    const token = randomToken();
    const ttl = this.timing.accessTtlMs;
    this.access.set(token, { session, expiresAt: expired ? Date.now() - 1000 : Date.now() + ttl, requests: 0 });
    return { token, expiresIn: Math.round(ttl / 1000) };
  }

  getAccess(token: string): AccessToken | 'expired' | undefined {
    const t = this.access.get(token);
    if (!t || t.session.revoked) return undefined;
    return t.expiresAt > Date.now() ? t : 'expired';
  }

  issueRefresh(session: Session): string {
    session.refreshUntil ??= Date.now() + this.timing.refreshTtlMs;
    const token = randomToken();
    this.refresh.set(token, session);
    return token;
  }

  /** Refresh tokens rotate: each is usable once; replaying an old one revokes the whole session. */
  redeemRefresh(token: string): Session | 'reused' | 'expired' | undefined {
    const session = this.refresh.get(token);
    if (!session) {
      const old = this.usedRefresh.get(token);
      if (old) {
        old.revoked = true;
        return 'reused';
      }
      return undefined;
    }
    this.refresh.delete(token);
    this.usedRefresh.set(token, session);
    if (session.revoked) return undefined;
    return (session.refreshUntil ?? 0) > Date.now() ? session : 'expired';
  }
}
