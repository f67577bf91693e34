// The EHR's own pages: launcher (patients + scenarios), chart frame (banner + app iframe via a real
// EHR launch), and the ordering screen that acts as a CDS Hooks client.
import type { MemoryRepository } from '@medplum/fhir-router';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClientRegistration } from '../auth/clients.ts';
import { FAULT_CHOICES, parseFault } from '../auth/faults.ts';
import type { SigningKey } from '../auth/keys.ts';
import { jwks } from '../auth/keys.ts';
import { patientLabel } from '../auth/routes.ts';
import type { LaunchContext } from '../auth/state.ts';
import type { Scenario } from '../patients/index.ts';
import { registerOrderRoutes } from './order.ts';
import { renderSavedAssessments, savedAssessments } from './saved-assessments.ts';
import { PAGE_CSP, html, page } from './html.ts';
import { MODE_RULES, VENDOR_MODES, parseVendorMode, type VendorMode } from '../fhir/vendor-modes.ts';

export interface EhrDeps {
  ehrOrigin: string;
  fhirBase: string;
  /** FHIR base of each vendor mode: the chart launches the app against the one chosen. */
  fhirBases: Record<VendorMode, string>;
  clients: readonly ClientRegistration[];
  scenarios: readonly Scenario[];
  createLaunch: (ctx: Omit<LaunchContext, 'practitioner' | 'needPatientBanner'> & Partial<LaunchContext>) => string;
  cdsClientKey: SigningKey;
  repo: MemoryRepository;
  /** Base URL of the CDS service, when one is running. */
  cdsServiceUrl?: string;
  /** A short-lived patient-level read token the CDS client uses to fill prefetch. */
  prefetchToken: (patientId: string) => string;
}

const css = readFileSync(fileURLToPath(new URL('./assets/ehr.css', import.meta.url)), 'utf8');

export const SMART_STYLE = {
  color_background: '#f6f8fa',
  color_error: '#b00020',
  color_highlight: '#005ea2',
  color_modal_backdrop: 'rgba(0,0,0,0.4)',
  color_success: '#2e7d32',
  color_text: '#1b1b1b',
  dim_border_radius: '4px',
  dim_font_size: '14px',
  dim_spacing_size: '16px',
  font_family_body: 'system-ui, sans-serif',
  font_family_heading: 'system-ui, sans-serif',
};

function sendPage(
  reply: FastifyReply,
  title: string,
  body: ReturnType<typeof html>,
  csp = PAGE_CSP,
  status = 200,
): FastifyReply {
  return reply
    .code(status)
    .header('Content-Security-Policy', csp)
    .header('Referrer-Policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(page(title, body));
}

const q = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function registerEhrRoutes(app: FastifyInstance, d: EhrDeps): void {
  app.get('/ehr/assets/ehr.css', async (_req, reply) => reply.type('text/css; charset=utf-8').send(css));
  app.get('/ehr/assets/smart-style.json', async (_req, reply) =>
    reply.header('Access-Control-Allow-Origin', '*').send(SMART_STYLE),
  );
  // The CDS client's public key: CDS services fetch it through the `jku` header of our JWTs.
  app.get('/cds-client/jwks.json', async (_req, reply) =>
    reply.header('Access-Control-Allow-Origin', '*').send(jwks(d.cdsClientKey)),
  );

  const defaultClient = () => d.clients[0] as ClientRegistration;

  app.get('/', async (_req, reply) => {
    const client = defaultClient();
    const standalone = new URL(client.launchUri);
    standalone.searchParams.set('iss', d.fhirBase);
    const saved = await Promise.all(d.scenarios.map((s) => savedAssessments(d.repo, s.patientId)));
    const body = html`<header class="ehr-top">
        <h1>Sandbox EHR</h1>
        <p>Synthetic patients only. FHIR base: <code>${d.fhirBase}</code></p>
      </header>
      <main>
        <p>Standalone launch (patient picker at the EHR): <a href="${standalone.href}">${client.name}</a></p>
        <p>
          <a href="/ehr/validation-report">Validation report of a synthetic cohort</a> (nodal-risk validate on 600
          seeded patients; built on first open)
        </p>
        <table class="patients">
          <thead>
            <tr>
              <th scope="col">Patient</th>
              <th scope="col">Scenario</th>
              <th scope="col">Actions</th>
              <th scope="col">Saved risk assessments</th>
            </tr>
          </thead>
          <tbody>
            ${d.scenarios.map(
              (s, i) =>
                html`<tr id="patient-${s.patientId}">
                  <td>${patientLabel(s.patient)}<br /><small>Patient/${s.patientId}</small></td>
                  <td><strong>${s.title}</strong><br /><small>${s.description}</small></td>
                  <td>
                    <form method="get" action="/ehr/chart" class="inline">
                      <input type="hidden" name="patient" value="${s.patientId}" />
                      <label
                        >EHR behaviour
                        <select name="vendor">
                          ${VENDOR_MODES.map((m) => html`<option value="${m}">${MODE_RULES[m].label}</option>`)}
                        </select></label
                      >
                      <label
                        >Injected error
                        <select name="fault">
                          ${FAULT_CHOICES.map((f) => html`<option value="${f.value}">${f.label}</option>`)}
                        </select></label
                      >
                      <button type="submit">Open chart</button>
                    </form>
                    <form method="get" action="/ehr/order" class="inline">
                      <input type="hidden" name="patient" value="${s.patientId}" />
                      <button type="submit">Order axillary dissection</button>
                    </form>
                  </td>
                  <td>${renderSavedAssessments(saved[i] ?? [])}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </main>`;
    return sendPage(reply, 'Sandbox EHR — patients', body);
  });

  app.get('/ehr/chart', async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const scenario = d.scenarios.find((s) => s.patientId === q(query.patient));
    if (!scenario)
      return sendPage(
        reply,
        'Not found',
        html`<main>
          <h1>Unknown patient</h1>
          <p><a href="/">Back to the patient list</a></p>
        </main>`,
        PAGE_CSP,
        404,
      );
    const client = d.clients.find((c) => c.clientId === (q(query.client) ?? defaultClient().clientId));
    if (!client) return sendPage(reply, 'Not found', html`<main><h1>Unknown app</h1></main>`, PAGE_CSP, 404);
    let fault;
    try {
      fault = parseFault(q(query.fault));
    } catch {
      return sendPage(reply, 'Bad request', html`<main><h1>Unknown injected error</h1></main>`, PAGE_CSP, 400);
    }
    const vendor = query.vendor === undefined || query.vendor === '' ? 'generic' : parseVendorMode(query.vendor);
    if (!vendor)
      return sendPage(reply, 'Bad request', html`<main><h1>Unknown EHR behaviour</h1></main>`, PAGE_CSP, 400);
    const encounter = scenario.resources.find((r) => r.resourceType === 'Encounter')?.id;
    const launch = d.createLaunch({
      patient: scenario.patientId,
      ...(encounter ? { encounter } : {}),
      ...(fault ? { fault } : {}),
    });
    const src = new URL(client.launchUri);
    src.searchParams.set('iss', d.fhirBases[vendor]);
    src.searchParams.set('launch', launch);
    const p = scenario.patient;
    const mrn = p.identifier?.find((i) => i.type?.coding?.some((c) => c.code === 'MR'))?.value ?? '';
    const body = html`<header class="banner" aria-label="Patient banner">
        <span class="name">${patientLabel(p)}</span><span>MRN ${mrn}</span><span>Scenario: ${scenario.title}</span
        ><span>EHR: ${MODE_RULES[vendor].label}</span>
        <nav>
          <a href="/">Patient list</a> ·
          <a href="/ehr/order?patient=${scenario.patientId}">Order axillary dissection</a>
        </nav>
      </header>
      <iframe class="app" title="${client.name}" src="${src.href}"></iframe>`;
    // The app lives on another origin; the frame also passes through this EHR's /auth/authorize.
    const csp = `${PAGE_CSP}; frame-src 'self' ${new URL(client.launchUri).origin}`;
    return sendPage(reply, `Chart — ${scenario.title}`, body, csp);
  });

  registerOrderRoutes(app, d, sendPage);
}
