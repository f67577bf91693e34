// The CDS Hooks 2.0 service: discovery, the three hooks and feedback on one fastify instance.
// createCdsServer returns the instance without listening, so the sandbox EHR can start it in-process.
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { valueOf } from '../domain/facts.ts';
import { alndMatcher, alndOrders, hasAlndProcedure } from './alnd.ts';
import { defaultAssessResources, type AssessResources } from './assessor.ts';
import { AuthError, JwtVerifier, type VerifiedCaller } from './auth.ts';
import { AssessmentCache, SentKeys, utcDayMemo } from './assessment-cache.ts';
import { cardContent, cardJson, cardText } from './cards.ts';
import { normaliseBase, type ResolvedCdsConfig } from './config.ts';
import { registerCors } from './cors.ts';
import type { DocumentsCut } from './fhir-fetch.ts';
import { loggableCode, loggableUrl } from './log-safe.ts';
import { badResourceField, MAX_JSON_DEPTH, nestsDeeperThan } from './json-guard.ts';
import { gatherResources, PreconditionFailed, type Gathered } from './prefetch.ts';
import { keepJsonText, VettedPrefetch } from './json-text.ts';
import type { ReplayStore } from './replay.ts';
import { checkFeedback, checkHookRequest, type HookRequest } from './request-schema.ts';
import { discoveryJson, SERVICES_BY_ID, type ServiceDefinition } from './services.ts';
import { planFor, type FhirQuery } from '../fhir/queries.ts';

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
  /** Where JWT ids are remembered (shared by several instances); in memory when absent. Closed with the server. */
  replayStore?: ReplayStore;
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
  const dayOf = utcDayMemo();
  const assessResources = options.assessResources ?? defaultAssessResources;
  const isAlnd = alndMatcher(config.alnd);
  // Token times are checked against the real clock; `now` is the clinical "today" only.
  const verifier = new JwtVerifier(config, Date.now, options.replayStore);
  // Patient data: this cache stays in the process, never in a shared store.
  const cache = new AssessmentCache();
  const sentKeys = new SentKeys();
  const fetchImpl = options.fetch ?? globalThis.fetch;

  const app = Fastify({
    bodyLimit: config.bodyLimitBytes,
    // Request logging is ours (onResponse below): fastify's would log URLs and headers.
    logController: new LogController({ disableRequestLogging: true }),
    logger: {
      level: options.logLevel ?? 'info',
      ...(options.logStream ? { stream: options.logStream } : {}),
      redact: {
        paths: ['req.headers.authorization', 'headers.authorization', 'fhirAuthorization', 'access_token'],
        censor: '[redacted]',
      },
    },
  });

  if (options.replayStore) app.addHook('onClose', async () => options.replayStore?.close?.());
  registerCors(app, config.cors.origins, ['/cds-services', '/cds-services/*']);
  const vettedPrefetch = new VettedPrefetch();
  keepJsonText(app, vettedPrefetch);
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
      if (!(error instanceof AuthError))
        request.log.error({ err: { name: (error as Error).name } }, 'auth check failed');
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
    if (status === 400)
      body.message = error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'body is empty' : 'body is not valid JSON';
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: ERROR_TEXT[404] }));

  /** The calling client's vendor (cds-trust.json), which sets its prefetch templates and fetches. */
  const vendorOf = (request: FastifyRequest) =>
    request.caller ? verifier.client(request.caller.iss)?.vendor : undefined;

  app.get('/cds-services', { onRequest: authenticate }, (request, reply) =>
    reply.type('application/json; charset=utf-8').send(discoveryJson(vendorOf(request))),
  );

  app.post<{ Params: { id: string } }>('/cds-services/:id', { onRequest: authenticate }, async (request, reply) => {
    const service = SERVICES_BY_ID.get(request.params.id);
    if (!service) return reply.code(404).send({ error: ERROR_TEXT[404] });
    const shallow = shallowEnough(request, vettedPrefetch);
    if (shallow) return reply.code(400).send({ error: ERROR_TEXT[400], message: shallow });
    const checked = checkHookRequest(service.hook, request.body);
    if (!checked.ok) return reply.code(400).send({ error: ERROR_TEXT[400], message: checked.message });
    const badField = badResourceField(checked.value.prefetch);
    if (badField) return reply.code(400).send({ error: ERROR_TEXT[400], message: badField });
    try {
      const vendor = vendorOf(request) ?? 'generic';
      const server = usableServer(checked.value, request);
      // Without a server to contact the data are the prefetch alone: keyed by its text as sent.
      const prefetchText = server ? undefined : request.prefetchText;
      const sent = prefetchText === undefined ? undefined : { prefetchText, vendor };
      const cards = await cardsFor(service, checked.value, server, planFor(vendor).searches, sent);
      // The cards' JSON texts are built from text made once per assessment (see cardText).
      return reply.type('application/json; charset=utf-8').send(`{"cards":[${cards.join(',')}]}`);
    } catch (error) {
      if (error instanceof PreconditionFailed) {
        // A limit we set is named (no data in it); a server failure is not described.
        return reply.code(412).send({ error: ERROR_TEXT[412], ...(error.cut ? { message: error.message } : {}) });
      }
      throw error;
    }
  });

  app.post<{ Params: { id: string } }>(
    '/cds-services/:id/feedback',
    { onRequest: authenticate },
    async (request, reply) => {
      if (!SERVICES_BY_ID.has(request.params.id)) return reply.code(404).send({ error: ERROR_TEXT[404] });
      const shallow = shallowEnough(request, vettedPrefetch);
      if (shallow) return reply.code(400).send({ error: ERROR_TEXT[400], message: shallow });
      const checked = checkFeedback(request.body);
      if (!checked.ok) return reply.code(400).send({ error: ERROR_TEXT[400], message: checked.message });
      // Card ids, outcomes and coded reasons only, each when it looks like an id or a code: any
      // string the client sends may be free text naming the patient.
      for (const item of checked.value.feedback) {
        request.log.info(
          {
            service: request.params.id,
            card: loggableCode(item.card),
            outcome: item.outcome,
            suggestions: item.acceptedSuggestions?.length,
            reason: loggableCode(item.overrideReason?.reason?.code),
            comment: item.overrideReason?.userComment !== undefined ? 'given' : undefined,
          },
          'cds feedback',
        );
      }
      return reply.code(200).send({});
    },
  );

  /** The request's fhirServer when the calling client may name it; any other is never contacted. */
  function usableServer(
    hook: HookRequest,
    request: FastifyRequest,
  ): { base: string; accessToken?: string } | undefined {
    if (!hook.fhirServer) return undefined;
    const base = normaliseBase(hook.fhirServer);
    const allowed = (request.caller && verifier.client(request.caller.iss)?.fhirServers) ?? [];
    if (!allowed.includes(base)) {
      request.log.warn(
        { iss: request.caller?.iss, fhirServer: loggableUrl(base) },
        'fhirServer not allowed for this client: not contacted',
      );
      return undefined;
    }
    return { base, ...(hook.fhirAuthorization ? { accessToken: hook.fhirAuthorization.access_token } : {}) };
  }

  async function cardsFor(
    service: ServiceDefinition,
    request: HookRequest,
    server: { base: string; accessToken?: string } | undefined,
    searches: readonly FhirQuery[],
    sent: { prefetchText: string; vendor: string } | undefined,
  ): Promise<string[]> {
    const { context } = request;
    let orders: string[] | undefined;
    if (service.hook !== 'patient-view') {
      orders = alndOrders(
        context.draftOrders,
        isAlnd,
        service.hook === 'order-select' ? context.selections : undefined,
      );
      if (orders.length === 0) return [];
    }
    const gatherOptions = { searches, limits: config.fhir, fetch: fetchImpl, ...(server ? { server } : {}) };
    const today = now();
    const day = dayOf(today);
    const sentKey = sent && sentKeys.key(sent.prefetchText, sent.vendor, context.patientId, day);
    let cached = sentKey === undefined ? undefined : cache.get(sentKey);
    // Gathered only when the data are not already known by the text sent (patient-view asks later).
    let gathered: Gathered | undefined;
    if (!cached) {
      const { resources, binaries } = (gathered = await gatherResources(request, gatherOptions));
      cached = cache.lookup([resources, binaries], context.patientId, day, () => ({
        assessment: assessResources(resources, { patientId: context.patientId, now: today, binaries }),
        cards: {},
      }));
      if (sentKey !== undefined) cache.set(sentKey, cached);
    }
    const { assessment } = cached;
    if (service.hook === 'patient-view') {
      const positive =
        (valueOf(assessment.inputs, 'slnPositive') ?? 0) > 0 ||
        ['micro', 'macro'].includes(valueOf(assessment.inputs, 'nodalBurden') ?? '');
      if (!positive) return [];
      gathered ??= await gatherResources(request, gatherOptions);
      if (hasAlndProcedure(gathered.resources, isAlnd)) return [];
    }
    const documentsCut = gathered?.documentsCut;
    const rendered = (cached.cards[service.hook] ??= cardText(cardContent(assessment, service.hook), config));
    const text = documentsCut
      ? cardText(
          {
            ...rendered.content,
            detail: `${rendered.content.detail ?? ''}\n\n${cutNotice(documentsCut, config.fhir.maxDocuments)}`.trim(),
          },
          config,
        )
      : rendered;
    return [cardJson(text, { hook: service.hook, hookInstance: request.hookInstance, ...(orders ? { orders } : {}) })];
  }

  return app;
}

/** A 400 message when the body nests deeper than any FHIR data would (checked without recursion). */
function shallowEnough(request: FastifyRequest, vetted: VettedPrefetch): string | undefined {
  // A vetted prefetch text parsed to values walked before: only the other members are walked.
  if (nestsDeeperThan(request.body, MAX_JSON_DEPTH, request.prefetchVetted ? 'prefetch' : undefined))
    return `body nests deeper than ${MAX_JSON_DEPTH} levels`;
  vetted.vetted(request);
  return undefined;
}

/** Says on the card which cited report documents were not read: their facts are missing, not absent. */
export function cutNotice(cut: DocumentsCut, maxDocuments: number): string {
  const parts: string[] = [];
  if (cut.skipped > 0)
    parts.push(`${cut.skipped} not fetched (limit ${maxDocuments} per request, or time budget spent)`);
  if (cut.unread > 0) parts.push(`${cut.unread} could not be read`);
  return `**Incomplete**: of ${cut.cited} report documents cited, ${parts.join(' and ')}; facts only in those documents are missing.`;
}
