// CORS for browser-based CDS clients (CDS Hooks 2.0 "Cross-Origin Resource Sharing"). Requests are
// authorised by the JWT, never by cookies, so no credentials are allowed. Hand-written so the
// routes can also be mounted inside an app that registers its own CORS plugin.
import type { FastifyInstance, FastifyReply } from 'fastify';

export function registerCors(app: FastifyInstance, origins: readonly string[], paths: readonly string[]): void {
  const anyOrigin = origins.includes('*');
  const allowed = new Set(origins);
  app.addHook('onRequest', (request, reply, done) => {
    const origin = request.headers.origin;
    if (anyOrigin) reply.header('access-control-allow-origin', '*');
    else if (origin && allowed.has(origin))
      reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    done();
  });
  const preflight = (_request: unknown, reply: FastifyReply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, POST, OPTIONS')
      .header('access-control-allow-headers', 'Authorization, Content-Type')
      .header('access-control-max-age', '600')
      .send();
  for (const path of paths) app.options(path, preflight);
}
