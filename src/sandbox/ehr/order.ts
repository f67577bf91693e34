// Ordering screen: proposing an axillary dissection fires order-select / order-sign at the CDS service.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Resource } from '@medplum/fhirtypes';
import type { CdsCard } from '../../cds/hooks-card.ts';
import type { FhirGet } from '../cds-client/client.ts';
import { createCdsClient, draftAxillaryDissection } from '../cds-client/client.ts';
import type { EhrDeps } from './routes.ts';
import type { SafeHtml } from './html.ts';
import { PAGE_CSP, html } from './html.ts';
import { cardMarkdown } from './card-markdown.ts';
import { patientLabel } from '../auth/routes.ts';

type SendPage = (reply: FastifyReply, title: string, body: SafeHtml, csp?: string, status?: number) => FastifyReply;

export function registerOrderRoutes(app: FastifyInstance, d: EhrDeps, sendPage: SendPage): void {
  app.get('/ehr/order', async (req, reply) => {
    const patientId = (req.query as Record<string, unknown>).patient;
    const scenario = d.scenarios.find((s) => s.patientId === patientId);
    if (!scenario) return sendPage(reply, 'Not found', html`<main><h1>Unknown patient</h1></main>`, PAGE_CSP, 404);
    const body = html`<header class="banner">
        <span class="name">${patientLabel(scenario.patient)}</span>
        <nav><a href="/">Patient list</a></nav>
      </header>
      <main>
        <h1>New order: axillary lymph node dissection</h1>
        <p>Draft ServiceRequest, SNOMED CT 234262008 "Excision of axillary lymph node".</p>
        ${d.cdsServiceUrl ? '' : html`<p class="notice"><strong>No CDS service is configured.</strong> The order screen calls its order-select and order-sign hooks when one is.</p>`}
        <form method="post" action="/ehr/order">
          <input type="hidden" name="patient" value="${scenario.patientId}" />
          <button type="submit" name="hook" value="order-select">Select order</button>
          <button type="submit" name="hook" value="order-sign">Sign order</button>
        </form>
      </main>`;
    return sendPage(reply, 'Order axillary dissection', body);
  });

  app.post('/ehr/order', async (req, reply) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const scenario = d.scenarios.find((s) => s.patientId === form.patient);
    const hook = form.hook === 'order-sign' ? 'order-sign' : 'order-select';
    if (!scenario) return sendPage(reply, 'Not found', html`<main><h1>Unknown patient</h1></main>`, PAGE_CSP, 404);
    const back = html`<p>
      <a href="/ehr/order?patient=${scenario.patientId}">Back to the order</a> · <a href="/">Patient list</a>
    </p>`;
    if (!d.cdsServiceUrl) {
      return sendPage(
        reply,
        'CDS not configured',
        html`<main>
          <h1>${hook}</h1>
          <p><strong>No CDS service is configured</strong>; no hook was called.</p>
          ${back}
        </main>`,
        PAGE_CSP,
        503,
      );
    }
    const encounterId = scenario.resources.find((r) => r.resourceType === 'Encounter')?.id;
    const userId = 'Practitioner/dr-rivera';
    const draftOrders = draftAxillaryDissection(scenario.patientId, encounterId, userId);
    const context: Record<string, unknown> = {
      userId,
      patientId: scenario.patientId,
      ...(encounterId ? { encounterId } : {}),
      draftOrders,
    };
    if (hook === 'order-select') context.selections = ['ServiceRequest/draft-alnd'];
    // Prefetch reads go straight to the repository, limited to this patient's compartment by construction of the templates.
    const fhir: FhirGet = async (rel) => {
      try {
        const res = await app.inject({
          method: 'GET',
          url: `/fhir/${rel}`,
          headers: { authorization: `Bearer ${d.prefetchToken(scenario.patientId)}` },
        });
        return res.statusCode === 200 ? (res.json() as Resource) : undefined;
      } catch {
        return undefined;
      }
    };
    let cards: CdsCard[] = [];
    let error: string | undefined;
    try {
      const client = createCdsClient({
        baseUrl: d.cdsServiceUrl,
        issuer: d.ehrOrigin,
        jku: `${d.ehrOrigin}/cds-client/jwks.json`,
        key: d.cdsClientKey,
      });
      const services = (await client.discover()).filter((s) => s.hook === hook);
      // As a real EHR does: a short-lived, read-only, patient-scoped token the service may use to
      // fetch what prefetch left out (e.g. report documents).
      const fhirAuthorization = {
        access_token: d.prefetchToken(scenario.patientId),
        token_type: 'Bearer' as const,
        expires_in: 300,
        scope: 'patient/*.rs',
        subject: 'nodal-risk-cds',
        patient: scenario.patientId,
      };
      for (const s of services)
        cards.push(
          ...(
            await client.call(
              s,
              { hook, hookInstance: randomUUID(), fhirServer: d.fhirBase, fhirAuthorization, context },
              fhir,
            )
          ).cards,
        );
    } catch (err) {
      error = (err as Error).message;
      cards = [];
    }
    const body = html`<main>
      <h1>${hook}: ${cards.length} card(s)</h1>
      ${error ? html`<p class="error">${error}</p>` : ''}
      ${cards.map(
        (c) =>
          html`<section class="card ${c.indicator}">
            <h2>${c.summary}</h2>
            <div class="card-detail">${cardMarkdown(c.detail ?? '')}</div>
            <p><small>Source: ${c.source.label}</small></p>
            ${(c.links ?? []).map((l) => html`<p><a href="${linkHref(d, l, scenario.patientId, encounterId)}">${l.label}</a></p>`)}
          </section>`,
      )}
      ${back}
    </main>`;
    return sendPage(reply, `${hook} cards`, body);
  });
}

/** SMART links get a fresh EHR launch (with appContext); absolute links are shown only if http(s). */
function linkHref(
  d: EhrDeps,
  l: { url: string; type: string; appContext?: string },
  patient: string,
  encounter: string | undefined,
): string {
  let url: URL;
  try {
    url = new URL(l.url);
  } catch {
    return '#';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '#';
  if (l.type !== 'smart') return url.href;
  const launch = d.createLaunch({
    patient,
    ...(encounter ? { encounter } : {}),
    ...(l.appContext ? { appContext: l.appContext } : {}),
  });
  url.searchParams.set('iss', d.fhirBase);
  url.searchParams.set('launch', launch);
  return url.href;
}
