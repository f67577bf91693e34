// The FHIR REST endpoint: bearer token → injected faults → scope → compartment → medplum router / repository.
// Mounted once per vendor mode (vendor-modes.ts), each under its own base URL with its own rules.
import {
  OperationOutcomeError,
  getSearchParameters,
  normalizeOperationOutcome,
  parseSearchRequest,
} from '@medplum/core';
import type { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Binary, Bundle, Resource } from '@medplum/fhirtypes';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { isRecord } from '../../domain/json.ts';
import type { Permission } from '../../fhir/smart-scopes.ts';
import { allowedLevels } from '../auth/scopes.ts';
import type { AccessToken, AuthState } from '../auth/state.ts';
import { servedTypes, capabilityStatement } from './capability.ts';
import { compartmentFilter, inCompartment } from './compartment.ts';
import { FHIR_JSON, outcome } from './outcome.ts';
import { OpaquePages, pageLinks, pageOffset } from './paging.ts';
import { MODE_RULES, type ModeRules } from './vendor-modes.ts';
import { RTF_SUFFIX, asHtml, asRtf, withHtmlAndRtf } from './vendor-documents.ts';
import { smartConfiguration } from '../auth/routes.ts';

export interface FhirDeps {
  fhirBase: string;
  ehrOrigin: string;
  repo: MemoryRepository;
  router: FhirRouter;
  state: AuthState;
}

/** The FHIR base URL of a vendor mode. */
export function modeBase(ehrOrigin: string, rules: ModeRules): string {
  return `${ehrOrigin}${rules.basePath}`;
}

const PERMISSION: Record<string, Permission> = { read: 'r', 'search-type': 's', create: 'c' };

function send(reply: FastifyReply, status: number, body: Resource): FastifyReply {
  return reply.code(status).type(FHIR_JSON).send(body);
}

function unauthorized(reply: FastifyReply, description: string): FastifyReply {
  return reply
    .code(401)
    .header('WWW-Authenticate', `Bearer realm="sandbox", error="invalid_token", error_description="${description}"`)
    .type(FHIR_JSON)
    .send(outcome('login', description));
}

/** Validates the bearer token and applies the launch's injected fault; returns the token or undefined after replying. */
async function authenticate(
  req: FastifyRequest,
  reply: FastifyReply,
  state: AuthState,
): Promise<AccessToken | undefined> {
  const m = /^Bearer ([A-Za-z0-9_-]+)$/.exec(req.headers.authorization ?? '');
  if (!m?.[1]) {
    unauthorized(reply, 'a bearer token is required');
    return undefined;
  }
  const token = state.getAccess(m[1]);
  if (token === 'expired') {
    unauthorized(reply, 'the access token has expired');
    return undefined;
  }
  if (!token) {
    unauthorized(reply, 'the access token is not valid');
    return undefined;
  }
  const fault = token.session.fault;
  const nthInSession = ++token.session.fhirRequests;
  const nthForToken = ++token.requests;
  switch (fault?.kind) {
    case 'fhir-401-after':
      if (nthForToken > fault.n) {
        unauthorized(reply, 'the access token is no longer valid');
        return undefined;
      }
      break;
    case 'fhir-403':
      send(reply, 403, outcome('forbidden', 'access denied by the EHR (injected error)'));
      return undefined;
    case 'fhir-429':
      if (nthInSession <= fault.n) {
        reply.header('Retry-After', String(fault.retryAfter));
        send(reply, 429, outcome('throttled', 'too many requests (injected error)'));
        return undefined;
      }
      break;
    case 'fhir-500':
      if (nthInSession <= fault.n) {
        send(reply, 500, outcome('exception', 'internal server error (injected error)'));
        return undefined;
      }
      break;
    case 'slow':
      await sleep(fault.delayMs);
      break;
    default:
      break;
  }
  return token;
}

function queryPairs(req: FastifyRequest): [string, string][] {
  const pairs = [...new URL(req.url, 'http://sandbox.invalid').searchParams.entries()];
  if (req.method === 'POST' && isRecord(req.body)) {
    for (const [k, v] of Object.entries(req.body)) {
      for (const one of Array.isArray(v) ? v : [v]) if (typeof one === 'string') pairs.push([k, one]);
    }
  }
  return pairs;
}

/** fhirclient's `patient.request` sends bare ids (`patient=123`); medplum matches only typed references. */
function normaliseReference(key: string, value: string): string {
  if (value.includes('/')) return value;
  if (key === 'patient' || key === 'subject') return `Patient/${value}`;
  if (key === 'encounter') return `Encounter/${value}`;
  return value;
}

export function registerFhirRoutes(app: FastifyInstance, d: FhirDeps): void {
  for (const rules of Object.values(MODE_RULES)) registerMode(app, d, rules);
}

function registerMode(app: FastifyInstance, d: FhirDeps, rules: ModeRules): void {
  const base = () => modeBase(d.ehrOrigin, rules);
  const served = servedTypes(rules);
  const pages = new OpaquePages();
  app.get(`${rules.basePath}/metadata`, async (_req, reply) =>
    reply
      .header('Access-Control-Allow-Origin', '*')
      .type(FHIR_JSON)
      .send(capabilityStatement(base(), d.ehrOrigin, rules)),
  );
  if (rules.basePath !== '/fhir') {
    // The generic base's discovery is served by the authorization server's routes.
    app.get(`${rules.basePath}/.well-known/smart-configuration`, async (_req, reply) =>
      reply.header('Access-Control-Allow-Origin', '*').send(smartConfiguration(d)),
    );
  }

  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: `${rules.basePath}/*`,
    handler: async (req, reply) => {
      const token = await authenticate(req, reply, d.state);
      if (!token) return reply;
      // A token is good only at the FHIR base it was issued for (its `aud`).
      if (token.session.audience !== undefined && token.session.audience !== base())
        return unauthorized(reply, 'the access token was issued for another FHIR server');
      const path = (req.params as { '*': string })['*'].replace(/\/+$/, '');
      const rtf = rules.htmlAndRtfDocuments && path.startsWith('Binary/') && path.endsWith(RTF_SUFFIX);
      const route = d.router.find(req.method as 'GET', rtf ? path.slice(0, -RTF_SUFFIX.length) : path);
      const interaction = route?.data?.interaction;
      const resourceType = route?.params.resourceType ?? '';
      const allowed = served[resourceType];
      if (!route || !interaction || !allowed)
        return send(reply, 404, outcome('not-found', `not served: ${req.method} ${path}`));
      if (!allowed.includes(interaction as 'read'))
        return send(reply, 405, outcome('not-supported', `${interaction} is not supported on ${resourceType}`));

      const levels = allowedLevels(token.session.scope, resourceType, PERMISSION[interaction] as Permission);
      if (levels.size === 0)
        return send(
          reply,
          403,
          outcome('forbidden', `the granted scopes do not allow ${interaction} on ${resourceType}`),
        );
      // A user-level scope sees everything; a patient-level one only its patient's compartment.
      const patient = levels.has('user') ? undefined : (token.session.context?.patient ?? '');
      const denied = () =>
        send(reply, 403, outcome('forbidden', `${resourceType} is outside the patient compartment of this token`));

      try {
        if (interaction === 'read') {
          const resource = await d.repo.readResource<Resource>(resourceType, route.params.id ?? '');
          // Out-of-compartment reads look like absent resources, so ids of other patients are not confirmed.
          if (patient !== undefined && !inCompartment(resource, patient))
            return send(reply, 404, outcome('not-found', 'not found'));
          if (resource.resourceType === 'Binary') {
            const binary = rules.htmlAndRtfDocuments
              ? rtf
                ? asRtf(resource as Binary)
                : asHtml(resource as Binary)
              : (resource as Binary);
            const refused = rules.refuseBinaryAccept(req.headers.accept ?? '', binary.contentType);
            if (refused) return send(reply, 406, refused);
            return sendBinary(req, reply, binary);
          }
          return send(reply, 200, rules.htmlAndRtfDocuments ? withHtmlAndRtf(resource) : resource);
        }
        if (interaction === 'create') {
          const body = req.body as Resource | undefined;
          if (!body || body.resourceType !== resourceType)
            return send(reply, 400, outcome('invalid', `body must be a ${resourceType}`));
          if (patient !== undefined && !inCompartment(body, patient)) return denied();
          const { id: _ignored, meta: _meta, ...rest } = body;
          const created = await d.repo.createResource(rest as Resource);
          reply.header(
            'Location',
            `${base()}/${resourceType}/${created.id}/_history/${created.meta?.versionId ?? '1'}`,
          );
          return send(reply, 201, created);
        }
        // search-type
        let pairs = queryPairs(req);
        let offset = pageOffset(pairs.filter(([k]) => k === '_offset').at(-1)?.[1]);
        if (rules.opaquePaging && pairs.some(([k]) => k === 'pageContext')) {
          const page = pages.take(pairs.find(([k]) => k === 'pageContext')?.[1] ?? '', resourceType);
          if (!page) return send(reply, 400, outcome('invalid', 'pageContext is unknown or expired'));
          ({ pairs, offset } = page);
        } else {
          const refused = rules.refuseSearch(resourceType, pairs);
          if (refused) return send(reply, 400, refused);
        }
        const query: Record<string, string[]> = {};
        for (const [k, v] of pairs) {
          if (k === '_count' || k === '_offset' || k === '_format' || k === '_total') continue;
          (query[k] ??= []).push(normaliseReference(k, v));
        }
        // Strict handling: an unknown parameter silently ignored would widen the result set.
        const known = getSearchParameters(resourceType) ?? {};
        const unknown = Object.keys(query).filter((k) => !k.startsWith('_') && !known[k.split(/[:.]/)[0] ?? '']);
        if (unknown.length)
          return send(reply, 400, outcome('not-supported', `unknown search parameter(s): ${unknown.join(', ')}`));
        const search = parseSearchRequest(resourceType as 'Patient', query);
        if (patient !== undefined) {
          const filter = compartmentFilter(resourceType, patient);
          if (!filter) return denied();
          (search.filters ??= []).push(filter);
        }
        const requested = Number(pairs.filter(([key]) => key === '_count').at(-1)?.[1]);
        const count = rules.pageSize(
          resourceType,
          Number.isInteger(requested) && requested >= 0 ? requested : undefined,
        );
        search.count = count;
        search.offset = offset;
        const result = await d.repo.search(search);
        const total = result.total ?? 0;
        const link = rules.opaquePaging
          ? pages.links(`${base()}/${resourceType}`, resourceType, pairs, offset, count, total)
          : pageLinks(`${base()}/${resourceType}`, pairs, offset, count, total);
        const bundle: Bundle = {
          resourceType: 'Bundle',
          type: 'searchset',
          ...(rules.opaquePaging ? {} : { total }),
          link,
          entry: (result.entry ?? []).map((e) => ({
            fullUrl: `${base()}/${resourceType}/${e.resource?.id ?? ''}`,
            resource: (rules.htmlAndRtfDocuments ? withHtmlAndRtf(e.resource as Resource) : e.resource) as Resource,
            search: { mode: 'match' as const },
          })),
        };
        return send(reply, 200, bundle);
      } catch (err) {
        const oo = err instanceof OperationOutcomeError ? err.outcome : normalizeOperationOutcome(err);
        const code = oo.issue?.[0]?.code;
        const status = code === 'not-found' ? 404 : code === 'invalid' || code === 'value' ? 400 : 500;
        return send(reply, status, oo);
      }
    },
  });
}

/** Binary: raw bytes when the Accept header asks for the document's own type, else the FHIR JSON resource. */
function sendBinary(req: FastifyRequest, reply: FastifyReply, binary: Binary): FastifyReply {
  const accept = req.headers.accept ?? '';
  if (binary.contentType && accept.includes(binary.contentType) && !accept.includes('fhir+json')) {
    return reply
      .code(200)
      .type(binary.contentType)
      .send(Buffer.from(binary.data ?? '', 'base64'));
  }
  return send(reply, 200, binary);
}
