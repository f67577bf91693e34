// A CDS Hooks 2.0 client as an EHR would run it: ES384-signed JWT per call (aud = the called URL,
// jku = our JWKS), prefetch filled from the FHIR server. Behind an interface so the sandbox can be
// pointed at the project's CDS service (src/sandbox/cds-service.ts) or a stand-in.
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { CdsCard } from '../../cds/hooks-card.ts';
import type { SigningKey } from '../auth/keys.ts';

export interface CdsServiceDescription {
  id: string;
  hook: string;
  title?: string;
  description: string;
  prefetch?: Record<string, string>;
}

export interface CdsHookRequest {
  hook: string;
  hookInstance: string;
  fhirServer?: string;
  fhirAuthorization?: {
    access_token: string;
    token_type: 'Bearer';
    expires_in: number;
    scope: string;
    subject: string;
    patient?: string;
  };
  context: Record<string, unknown>;
  prefetch?: Record<string, Resource | null>;
}

export interface CdsClient {
  discover(): Promise<CdsServiceDescription[]>;
  call(
    service: CdsServiceDescription,
    request: Omit<CdsHookRequest, 'prefetch'>,
    fhir: FhirGet,
  ): Promise<{ cards: CdsCard[] }>;
}

/** GET a FHIR URL relative to the base; resolves to the resource, or undefined when absent. */
export type FhirGet = (relativeUrl: string) => Promise<Resource | undefined>;

export async function signClientJwt(
  key: SigningKey,
  claims: { issuer: string; audience: string; jku: string },
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES384', kid: key.kid, typ: 'JWT', jku: claims.jku })
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setIssuedAt()
    .setExpirationTime('5m')
    .setJti(randomUUID())
    .sign(key.privateKey);
}

/** Resolves prefetch tokens; a template with a token we cannot fill is left out, as the spec asks. */
export function resolvePrefetchTemplate(template: string, context: Record<string, unknown>): string | undefined {
  let unresolved = false;
  const userId = typeof context.userId === 'string' ? context.userId : '';
  const out = template.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_m, token: string) => {
    let value: unknown;
    if (token.startsWith('context.')) value = context[token.slice('context.'.length)];
    else if (token === 'userPractitionerId' && userId.startsWith('Practitioner/'))
      value = userId.slice('Practitioner/'.length);
    else if (token === 'userPractitionerRoleId' && userId.startsWith('PractitionerRole/'))
      value = userId.slice('PractitionerRole/'.length);
    if (typeof value !== 'string' && typeof value !== 'number') {
      unresolved = true;
      return '';
    }
    return encodeURIComponent(String(value));
  });
  return unresolved ? undefined : out;
}

export async function fillPrefetch(
  templates: Record<string, string> | undefined,
  context: Record<string, unknown>,
  fhir: FhirGet,
): Promise<Record<string, Resource | null>> {
  const out: Record<string, Resource | null> = {};
  await Promise.all(
    Object.entries(templates ?? {}).map(async ([key, template]) => {
      const url = resolvePrefetchTemplate(template, context);
      if (url === undefined) return;
      out[key] = (await fhir(url)) ?? null;
    }),
  );
  return out;
}

/** The draft order the ordering screen proposes: an axillary lymph node dissection. */
export function draftAxillaryDissection(patientId: string, encounterId: string | undefined, userId: string): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        resource: {
          resourceType: 'ServiceRequest',
          id: 'draft-alnd',
          status: 'draft',
          intent: 'order',
          code: {
            coding: [
              {
                system: 'http://snomed.info/sct',
                code: '234262008',
                display: 'Excision of axillary lymph node (procedure)',
              },
            ],
            text: 'Axillary lymph node dissection',
          },
          subject: { reference: `Patient/${patientId}` },
          ...(encounterId ? { encounter: { reference: `Encounter/${encounterId}` } } : {}),
          requester: { reference: userId },
        },
      },
    ],
  };
}

export function createCdsClient(opts: {
  baseUrl: string;
  issuer: string;
  jku: string;
  key: SigningKey;
  fetch?: typeof fetch;
}): CdsClient {
  const doFetch = opts.fetch ?? fetch;
  const base = opts.baseUrl.replace(/\/+$/, '');
  const auth = async (url: string) =>
    `Bearer ${await signClientJwt(opts.key, { issuer: opts.issuer, audience: url, jku: opts.jku })}`;
  return {
    async discover() {
      const url = `${base}/cds-services`;
      const res = await doFetch(url, { headers: { Accept: 'application/json', Authorization: await auth(url) } });
      if (!res.ok) throw new Error(`CDS discovery failed: HTTP ${res.status}`);
      return ((await res.json()) as { services?: CdsServiceDescription[] }).services ?? [];
    },
    async call(service, request, fhir) {
      const url = `${base}/cds-services/${encodeURIComponent(service.id)}`;
      const prefetch = await fillPrefetch(service.prefetch, request.context, fhir);
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: await auth(url) },
        body: JSON.stringify({ ...request, prefetch }),
      });
      if (!res.ok) throw new Error(`CDS service ${service.id} failed: HTTP ${res.status}`);
      return (await res.json()) as { cards: CdsCard[] };
    },
  };
}
