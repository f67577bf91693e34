// Serves the SMART app on its own origin (a different port from the EHR, so CORS and framing are real).
// Development: vite's dev server through its Node API. Production: the built files in dist/app.
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { fileURLToPath } from 'node:url';

export interface AppServer {
  origin: string;
  close(): Promise<void>;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Only the EHR may frame the app. */
const frameHeaders = (ehrOrigin: string) => ({ 'Content-Security-Policy': `frame-ancestors ${ehrOrigin}` });

export async function startAppServer(opts: { host: string; port: number; ehrOrigin: string; production: boolean }): Promise<AppServer> {
  if (opts.production) {
    const app = Fastify({ logger: false });
    app.addHook('onSend', async (_req, reply) => {
      reply.headers(frameHeaders(opts.ehrOrigin));
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
    server: { host: opts.host, port: opts.port, strictPort: true, headers: frameHeaders(opts.ehrOrigin) },
  });
  await server.listen();
  return { origin: `http://${opts.host}:${opts.port}`, close: () => server.close() };
}
