// The CDS Hooks 2.0 service: discovery, the three hooks and feedback on one fastify instance.
// createCdsServer returns the instance without listening, so the sandbox EHR can start it in-process.
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { valueOf } from '../domain/facts.ts';
import { alndMatcher, alndOrders, hasAlndProcedure } from './alnd.ts';
import { defaultAssessResources, type AssessResources } from './assessor.ts';
import { AuthError, JwtVerifier, type VerifiedCaller } from './auth.ts';
import { AssessmentCache } from './assessment-cache.ts';
import { cardContent, finishCard, type Card } from './cards.ts';
import type { ResolvedCdsConfig } from './config.ts';
import { registerCors } from './cors.ts';
import { gatherResources, PreconditionFailed } from './prefetch.ts';
import { checkFeedback, checkHookRequest, type HookRequest } from './request-schema.ts';
import { DISCOVERY_JSON, SERVICES_BY_ID, type ServiceDefinition } from './services.ts';

export interface CdsServerOptions {
  config: ResolvedCdsConfig;
  /** FHIR resources → Assessment; defaults to the seam in assessor.ts. */
  assessResources?: AssessResources;
  /** Where log lines go (JSON lines); defaults to stdout. */
  logStream?: NodeJS.WritableStream;
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** "Today" for the clinical inputs (age); JWT times always use the real clock. */
  now?: () => Date;
  fetch?: typeof fetch;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller?: VerifiedCaller;
  }
}

// Error bodies are fixed phrases: nothing from the request (which may hold PHI) is echoed.
const ERROR_TEXT: Record<number, string> = {
  400: 'invalid request',
  401: 'unauthorized',
  404: 'not found',
  405: 'method not allowed',
  412: 'required FHIR data could not be obtained',
  413: 'request body too large',
  415: 'unsupported media type: send application/json',
  500: 'internal error',
};

export function createCdsServer(options: CdsServerOptions): FastifyInstance {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const assessResources = options.assessResources ?? defaultAssessResources;
  const isAlnd = alndMatcher(config.alnd);
  // Token times are checked against the real clock; `now` is the clinical "today" only.
  const verifier = new JwtVerifier(config);
  const cache = new AssessmentCache();
  const gather = { timeoutMs: config.fhir.timeoutMs, maxPages: config.fhir.maxPages, fetch: options.fetch ?? globalThis.fetch };

  const app = Fastify({
    bodyLimit: config.bodyLimitBytes,
    // Request logging is ours (onResponse below): fastify's would log URLs and headers.
    logController: new LogController({ disableRequestLogging: true }),
    logger: {
      level: options.logLevel ?? 'info',
      ...(options.logStream ? { stream: options.logStream } : {}),
      redact: { paths: ['req.headers.authorization', 'headers.authorization', 'fhirAuthorization', 'access_token'], censor: '[redacted]' },
    },
  });

  registerCors(app, config.cors.origins, ['/cds-services', '/cds-services/*']);
  app.addHook('onRequest', (_request, reply, done) => {
    // Cards carry patient data: never cache them anywhere.
    reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
    done();
  });

  const authenticate = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?', 1)[0] ?? '';
    try {
      request.caller = await verifier.verify(request.headers.authorization, `${config.serviceUrl}${path}`);
    } catch (error) {
      if (!(error instanceof AuthError)) request.log.error({ err: { name: (error as Error).name } }, 'auth check failed');
      // Bare 401: no reason, no hint which check failed.
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: ERROR_TEXT[401] });
    }
  };

  app.addHook('onResponse', (request, reply, done) => {
    const params = request.params as { id?: string } | undefined;
    request.log.info(
      {
        route: request.routeOptions.url ?? '(none)',
        method: request.method,
        service: params?.id && SERVICES_BY_ID.has(params.id) ? params.id : undefined,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        iss: request.caller?.iss,
        jti: request.caller?.jti,
        tenant: request.caller?.tenant,
      },
      'cds request',
    );
    done();
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; name?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: { name: error.name, code: error.code } }, 'internal error');
    const body: Record<string, string> = { error: ERROR_TEXT[status] ?? 'request failed' };
    if (status === 400) body.message = error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'body is empty' : 'body is not valid JSON';
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: ERROR_TEXT[404] }));

  app.get('/cds-services', { onRequest: authenticate }, (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(DISCOVERY_JSON),
  );

  app.post<{ Params: { id: string } }>('/cds-services/:id', { onRequest: authenticate }, async (request, reply) => {
    const service = SERVICES_BY_ID.get(request.params.id);
    if (!service) return reply.code(404).send({ error: ERROR_TEXT[404] });
    const checked = checkHookRequest(service.hook, request.body);
    if (!checked.ok) return reply.code(400).send({ error: ERROR_TEXT[400], message: checked.message });
    try {
      return { cards: await cardsFor(service, checked.value) };
    } catch (error) {
      if (error instanceof PreconditionFailed) return reply.code(412).send({ error: ERROR_TEXT[412] });
      throw error;
    }
  });

  app.post<{ Params: { id: string } }>('/cds-services/:id/feedback', { onRequest: authenticate }, async (request, reply) => {
    if (!SERVICES_BY_ID.has(request.params.id)) return reply.code(404).send({ error: ERROR_TEXT[404] });
    const checked = checkFeedback(request.body);
    if (!checked.ok) return reply.code(400).send({ error: ERROR_TEXT[400], message: checked.message });
    // Card uuids, outcomes and coded reasons only: free-text comments may name the patient.
    for (const item of checked.value.feedback) {
      request.log.info(
        {
          service: request.params.id,
          card: item.card,
          outcome: item.outcome,
          suggestions: item.acceptedSuggestions?.length,
          reason: item.overrideReason?.reason?.code,
          comment: item.overrideReason?.userComment !== undefined ? 'given' : undefined,
        },
        'cds feedback',
      );
    }
    return reply.code(200).send({});
  });

  async function cardsFor(service: ServiceDefinition, request: HookRequest): Promise<Card[]> {
    const { context } = request;
    let orders: string[] | undefined;
    if (service.hook !== 'patient-view') {
      orders = alndOrders(context.draftOrders, isAlnd, service.hook === 'order-select' ? context.selections : undefined);
      if (orders.length === 0) return [];
    }
    const { resources, binaries } = await gatherResources(request, gather);
    const today = now();
    const key = AssessmentCache.key([resources, binaries], context.patientId, today.toISOString().slice(0, 10));
    let cached = cache.get(key);
    if (!cached) {
      cached = { assessment: assessResources(resources, { patientId: context.patientId, now: today, binaries }), cards: {} };
      cache.set(key, cached);
    }
    const { assessment } = cached;
    if (service.hook === 'patient-view') {
      const positive = (valueOf(assessment.inputs, 'slnPositive') ?? 0) > 0 || ['micro', 'macro'].includes(valueOf(assessment.inputs, 'nodalBurden') ?? '');
      if (!positive || hasAlndProcedure(resources, isAlnd)) return [];
    }
    const content = (cached.cards[service.hook] ??= cardContent(assessment, service.hook));
    return [
      finishCard(content, {
        hook: service.hook,
        hookInstance: request.hookInstance,
        ...(orders ? { orders } : {}),
        source: config.source,
        appLaunchUrl: config.appLaunchUrl,
      }),
    ];
  }

  return app;
}
