// The app's searches through a FHIR proxy that collapses "//" anywhere in the URL, as the official
// SMART launcher's FHIR proxy does: with every query value percent-encoded, nothing is lost.
import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPatientData } from '../../src/app/load/load-patient-data.ts';
import type { Sandbox } from '../../src/sandbox/server.ts';
import { fetchTransport } from '../helpers/fhir-transport.ts';
import { freePort } from '../helpers/ports.ts';
import { launchToToken, start } from '../sandbox/helpers.ts';

let sb: Sandbox;
let proxy: Server;
let proxyBase: string;
beforeAll(async () => {
  sb = await start();
  const target = new URL(sb.ehrOrigin);
  proxy = createServer((req, res) => {
    const path = (req.url ?? '/').replace(/\/{2,}/g, '/');
    const upstream = request(
      { host: target.hostname, port: target.port, path, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
  proxyBase = `http://127.0.0.1:${port}/fhir`;
});
afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await sb.close();
});

/** The app's transport on `base`; next links the server wrote for its own base are followed via `base`. */
const transport = (base: string, token: string) =>
  fetchTransport(base, token, (url) => (url.startsWith('http') ? url.replace(sb.fhirBase, base) : url));

describe('searches behind a proxy that collapses "//"', () => {
  it('find the same resources as without the proxy, and a raw "http://" value would have found nothing', async () => {
    const token = (await launchToToken(sb, { patient: 'macro-z0011' })).access_token as string;
    const direct = await loadPatientData(transport(sb.fhirBase, token), 'macro-z0011');
    const proxied = transport(proxyBase, token);
    const viaProxy = await loadPatientData(proxied, 'macro-z0011');
    const counts = (d: typeof direct) => d.searches.map((s) => [s.query.id, s.status, s.count]);
    expect(counts(viaProxy)).toEqual(counts(direct));
    expect(viaProxy.searches.find((s) => s.query.id === 'observationsLoinc')?.count).toBeGreaterThan(5);
    expect(viaProxy.resources.length).toBe(direct.resources.length);
    expect(proxied.urls.every((u) => !new URL(u).search.includes('//'))).toBe(true);
    // The same LOINC search with the system left raw, as the app sent it before: the proxy turns http:// into http:/.
    const raw = await fetch(`${proxyBase}/Observation?patient=macro-z0011&code=http://loinc.org|85337-4`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const encoded = await fetch(
      `${proxyBase}/Observation?${new URLSearchParams({ patient: 'macro-z0011', code: 'http://loinc.org|85337-4' })}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(((await raw.json()) as { entry?: unknown[] }).entry ?? []).toHaveLength(0);
    expect(((await encoded.json()) as { entry?: unknown[] }).entry?.length).toBeGreaterThan(0);
  });
});
