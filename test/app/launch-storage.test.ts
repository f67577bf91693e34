import { describe, expect, it } from 'vitest';
import { LaunchStorage } from '../../src/app/smart/launch-storage.ts';

/** A cookie jar as a browser keeps it for one path: name=value pairs, Max-Age=0 deletes. */
function jar() {
  const cookies = new Map<string, string>();
  const written: string[] = [];
  return {
    written,
    read: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    write(c: string) {
      written.push(c);
      const [pair] = c.split(';');
      const [name, value] = (pair ?? '').split('=') as [string, string];
      if (/Max-Age=0/.test(c)) cookies.delete(name);
      else cookies.set(name, value);
    },
  };
}
const blocked = (): Storage => {
  throw new DOMException('The operation is insecure.', 'SecurityError');
};
const launchState = {
  clientId: 'nodal-risk',
  codeVerifier: 'v'.repeat(64),
  serverUrl: 'https://ehr.example/fhir',
  tokenResponse: {},
};

describe('launch state where sessionStorage is blocked or not shared', () => {
  it('carries the pre-token state (PKCE verifier) across the redirect in a cookie, then drops it when tokens arrive', async () => {
    const cookies = jar();
    await new LaunchStorage(blocked, cookies, true).set('abc', launchState);
    expect(cookies.written[0]).toMatch(/^nr-launch-abc=.+; Path=\/; Max-Age=600; SameSite=None; Secure$/);
    // The redirect page: a new storage object, nothing in sessionStorage.
    const after = new LaunchStorage(blocked, cookies, true);
    expect(await after.get('abc')).toEqual(launchState);
    await after.set('abc', {
      ...launchState,
      tokenResponse: { access_token: 'secret-token', refresh_token: 'secret-refresh' },
    });
    expect(cookies.read()).toBe('');
    expect(cookies.written.join('\n')).not.toContain('secret');
    // fhirclient's pointer to the current state key stays out of cookies.
    await after.set('SMART_KEY', 'abc');
    expect(cookies.read()).toBe('');
    expect(await after.get('abc')).toMatchObject({ tokenResponse: { access_token: 'secret-token' } });
  });

  it('uses sessionStorage when it works, and the cookie when the redirect page has an empty one', async () => {
    const cookies = jar();
    const store = new Map<string, string>();
    const session = () =>
      ({
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => void store.set(k, v),
        removeItem: (k: string) => void store.delete(k),
      }) as Storage;
    await new LaunchStorage(session, cookies, false).set('k1', launchState);
    expect(store.has('k1')).toBe(true);
    expect(cookies.written[0]).toContain('SameSite=Lax');
    store.clear();
    expect(await new LaunchStorage(session, cookies, false).get('k1')).toEqual(launchState);
  });
});
