// `npm start` in development: the vite dev server sends the app's Content-Security-Policy (the
// production one, with only what the dev server itself needs added) and serves the app's sources,
// not the project root.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../../src/sandbox/app-origin.ts';
import { freePort } from '../helpers/ports.ts';

const EHR = 'http://127.0.0.1:4999';
let app: AppServer;

beforeAll(async () => {
  app = await startAppServer({ host: '127.0.0.1', port: await freePort(), ehrOrigin: EHR, production: false });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(' ')[0] ?? '', d] as [string, string]),
  );
}

describe('development app server', () => {
  it('sends a script CSP: scripts from self only, no eval, framing by the EHR only', async () => {
    for (const path of ['/', '/index.html', '/launch/launch.html', '/src/app/main.tsx']) {
      const res = await fetch(`${app.origin}${path}`);
      expect(res.status, path).toBe(200);
      const policy = directives(res.headers.get('content-security-policy') ?? '');
      expect(policy.get('default-src'), path).toBe("default-src 'none'");
      expect(policy.get('script-src'), path).toBe("script-src 'self'");
      expect(policy.get('object-src'), path).toBe("object-src 'none'");
      expect(policy.get('base-uri'), path).toBe("base-uri 'none'");
      expect(policy.get('frame-ancestors'), path).toBe(`frame-ancestors ${EHR}`);
      expect(res.headers.get('content-security-policy'), path).not.toContain('unsafe-eval');
    }
  });

  it('does not serve the project root: configs, lock files, server code, keys', async () => {
    for (const path of [
      '/vite.config.ts',
      '/node_modules/.package-lock.json',
      '/package.json',
      '/package-lock.json',
      '/smart-config/clients.json',
      '/src/sandbox/auth/keys.ts',
      '/src/cds/config.ts',
      '/tsconfig.json',
      '/scripts/finish-node-build.mjs',
      '/@fs/etc/passwd',
    ]) {
      const res = await fetch(`${app.origin}${path}`);
      expect([403, 404], path).toContain(res.status);
    }
  });
});
