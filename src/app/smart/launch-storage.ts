// Where fhirclient keeps the launch state (PKCE verifier, server, later the tokens) between the
// launch page and the redirect back. Embedded EHR browsers may have no sessionStorage, or one that
// is not shared between the two pages (Oracle's PowerChart documentation advises against relying
// on it and recommends `SameSite=None; Secure` cookies). So: sessionStorage when it works, memory
// otherwise, and the pre-token launch state also in a short-lived cookie that only survives the
// redirect. Tokens are never written to a cookie, localStorage or a URL.
import { isRecord } from '../../domain/json.ts';

export interface CookieJar {
  read(): string;
  write(cookie: string): void;
}

const PREFIX = 'nr-launch-';
const MAX_AGE_SECONDS = 600;

function usableSessionStorage(get: () => Storage): Storage | undefined {
  try {
    const s = get();
    const probe = `${PREFIX}probe`;
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return undefined; // blocked (SecurityError) or absent
  }
}

/** Whether a stored launch state already carries tokens (then it must stay out of cookies). */
function hasTokens(value: unknown): boolean {
  const tr = isRecord(value) ? value.tokenResponse : undefined;
  return isRecord(tr) && (tr.access_token !== undefined || tr.refresh_token !== undefined || tr.id_token !== undefined);
}

export class LaunchStorage {
  private readonly memory = new Map<string, string>();
  private readonly session: Storage | undefined;

  constructor(
    sessionStorage: () => Storage,
    private readonly cookies: CookieJar,
    private readonly secure: boolean,
  ) {
    this.session = usableSessionStorage(sessionStorage);
  }

  private cookieName(key: string): string {
    return PREFIX + encodeURIComponent(key).replace(/%/g, '_');
  }

  private readCookie(key: string): string | undefined {
    const name = `${this.cookieName(key)}=`;
    const found = this.cookies
      .read()
      .split(/;\s*/)
      .find((c) => c.startsWith(name));
    return found === undefined ? undefined : decodeURIComponent(found.slice(name.length));
  }

  private writeCookie(key: string, value: string | undefined): void {
    // SameSite=None needs Secure (https); on plain http (the local sandbox) the frame is same-site anyway.
    const attrs = this.secure ? 'SameSite=None; Secure' : 'SameSite=Lax';
    const body = value === undefined ? `; Max-Age=0` : `; Max-Age=${MAX_AGE_SECONDS}`;
    this.cookies.write(
      `${this.cookieName(key)}=${value === undefined ? '' : encodeURIComponent(value)}; Path=/${body}; ${attrs}`,
    );
  }

  async get(key: string): Promise<unknown> {
    const raw = this.session?.getItem(key) ?? this.memory.get(key) ?? this.readCookie(key);
    if (!raw) return null;
    try {
      return JSON.parse(raw);
    } catch {
      return null;
    }
  }

  async set(key: string, value: unknown): Promise<unknown> {
    const raw = JSON.stringify(value);
    if (this.session) this.session.setItem(key, raw);
    else this.memory.set(key, raw);
    // Only the launch state the redirect needs goes to the cookie (the state key itself comes back
    // in the redirect's `state` parameter); once tokens arrive the cookie is dropped.
    const carry = isRecord(value) && !hasTokens(value);
    this.writeCookie(key, carry ? raw : undefined);
    return value;
  }

  async unset(key: string): Promise<boolean> {
    const had = (this.session?.getItem(key) ?? this.memory.get(key) ?? this.readCookie(key)) !== undefined;
    this.session?.removeItem(key);
    this.memory.delete(key);
    this.writeCookie(key, undefined);
    return had;
  }
}
