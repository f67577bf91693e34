// Serves the SMART app on its own origin (a different port from the EHR, so CORS and framing are real).
// Development: vite's dev server through its Node API. Production: the built files in dist/app.
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadAppConfig } from '../app/smart/config-check.ts';
import { contentSecurityPolicy } from '../app/smart/csp.ts';

export interface AppServer {
  origin: string;
  close(): Promise<void>;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The production policy (from smart-config/app.json) with only what the dev server needs added:
 * its HMR websocket, and inline styles (vite injects imported CSS as <style> elements). Scripts
 * stay 'self' only, no eval; only this EHR may frame the app.
 */
export function devContentSecurityPolicy(ehrOrigin: string, appOrigin: string): string {
  const config = loadAppConfig(
    new URL('smart-config/app.json', `file://${root}`),
    new URL('smart-config/app.schema.json', `file://${root}`),
  );
  return contentSecurityPolicy(config)
    .split('; ')
    .map((d) => {
      if (d.startsWith('style-src ')) return `${d} 'unsafe-inline'`;
      if (d.startsWith('connect-src ')) return `${d} ${appOrigin.replace(/^http/, 'ws')}`;
      if (d.startsWith('frame-ancestors ')) return `frame-ancestors ${ehrOrigin}`;
      return d;
    })
    .join('; ');
}

export async function startAppServer(opts: {
  host: string;
  port: number;
  ehrOrigin: string;
  production: boolean;
}): Promise<AppServer> {
  if (opts.production) {
    // The built app's full policy (written by the vite build from smart-config/app.json).
    let policy: string;
    try {
      policy = readFileSync(`${root}dist/app/content-security-policy.txt`, 'utf8').trim();
    } catch {
      throw new Error('dist/app is missing or incomplete: run `npm run build` before NODE_ENV=production npm start');
    }
    const app = Fastify({ logger: false });
    app.addHook('onSend', async (_req, reply) => {
      reply.headers({
        'Content-Security-Policy': policy,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
    });
    await app.register(fastifyStatic, { root: `${root}dist/app`, index: ['index.html'] });
    await app.listen({ host: opts.host, port: opts.port });
    return { origin: `http://${opts.host}:${opts.port}`, close: () => app.close() };
  }
  const { createServer } = await import('vite');
  const server = await createServer({
    root,
    configFile: `${root}vite.config.ts`,
    clearScreen: false,
    logLevel: 'warn',
    server: {
      host: opts.host,
      port: opts.port,
      strictPort: true,
      headers: {
        'Content-Security-Policy': devContentSecurityPolicy(opts.ehrOrigin, `http://${opts.host}:${opts.port}`),
        'X-Content-Type-Options': 'nosniff',
      },
    },
  });
  await server.listen();
  return { origin: `http://${opts.host}:${opts.port}`, close: () => server.close() };
}
