// The sandbox EHR's "Order axillary dissection" calling the embedded CDS service as a real CDS
// client would (ES384 JWT with jku, prefetch from its FHIR server), and rendering the cards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCds, type EmbeddedCds } from '../../src/sandbox/cds-service.ts';
import { loadScenario } from '../../src/sandbox/patients/index.ts';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.ts';
import { freePort } from '../helpers/ports.ts';

let sandbox: Sandbox;
let cds: EmbeddedCds;
const APP = 'http://127.0.0.1:5999';

beforeAll(async () => {
  const cdsPort = await freePort();
  const cdsUrl = `http://127.0.0.1:${cdsPort}`;
  sandbox = await startSandbox({
    appOrigin: APP,
    cdsServiceUrl: cdsUrl,
    scenarios: ['macrometastasis-z0011-eligible', 'itc-only'].map(loadScenario),
  });
  cds = await startEmbeddedCds({ host: '127.0.0.1', port: cdsPort, ehrOrigin: sandbox.ehrOrigin, appOrigin: APP });
});
afterAll(async () => {
  await cds?.close();
  await sandbox?.close();
});

async function order(patient: string, hook: string): Promise<{ status: number; html: string }> {
  const res = await fetch(`${sandbox.ehrOrigin}/ehr/order`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ patient, hook }),
  });
  return { status: res.status, html: await res.text() };
}

describe('order screen → CDS service', () => {
  it('order-select returns the nodal risk card with a SMART link that launches the app', async () => {
    const { status, html } = await order('macro-z0011', 'order-select');
    expect(status).toBe(200);
    expect(html).toContain('order-select: 1 card(s)');
    expect(html).toMatch(/41% \(MSKCC\)/);
    // The detail is rendered Markdown (a list with the bottom line), not a <pre> of source text.
    expect(html).toMatch(/<div class="card-detail"><ul>\n<li>Any further node: 41% \(MSKCC\)<\/li>/);
    expect(html).not.toContain('<pre>');
    const link =
      /<a href="([^"]+)">[^<]*<\/a><\/p>\s*<\/section>/
        .exec(html)?.[1]
        ?.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
        .replace(/&amp;/g, '&') ?? '';
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe(`${APP}/launch/launch.html`);
    expect(url.searchParams.get('iss')).toBe(sandbox.fhirBase);
    expect(url.searchParams.get('launch')).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  });

  it('order-sign works too, and ITC only yields the staging evidence', async () => {
    const { html } = await order('itc-only', 'order-sign');
    expect(html).toContain('order-sign: 1 card(s)');
    expect(html).toContain('pN0(i+)');
  });
});
