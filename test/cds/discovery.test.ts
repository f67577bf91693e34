// Discovery, CORS and start-up configuration checks.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CdsConfigError, DEFAULT_CONFIG_URL, loadCdsConfig, resolveCdsConfig } from '../../src/cds/config.ts';
import { QUERIES, prefetchTemplate } from '../../src/fhir/queries.ts';
import { config, makeKey, rawConfig, startCds, type RunningCds } from './helpers.ts';

let cds: RunningCds;

beforeAll(async () => {
  const key = await makeKey('RS384');
  cds = await startCds({ config: config([key], { cors: { origins: ['https://sandbox.cds-hooks.org'] } }) }, key);
});

afterAll(async () => {
  await cds.close();
});

describe('GET /cds-services', () => {
  it('lists order-select, order-sign and patient-view with prefetch templates from the shared query list', async () => {
    const res = await cds.call('/cds-services');
    expect(res.status).toBe(200);
    const { services } = res.json as {
      services: { id: string; hook: string; title: string; description: string; prefetch: Record<string, string> }[];
    };
    expect(services.map((s) => s.hook).sort()).toEqual(['order-select', 'order-sign', 'patient-view']);
    for (const s of services) {
      expect(s.id).toMatch(/^nodal-risk-/);
      expect(s.description.length).toBeGreaterThan(20);
      expect(Object.keys(s.prefetch)).toEqual(QUERIES.map((q) => q.id));
      for (const q of QUERIES) {
        expect(s.prefetch[q.id]).toBe(prefetchTemplate(q));
        expect(s.prefetch[q.id]).toContain('{{context.patientId}}');
      }
    }
  });
});

describe('CORS', () => {
  it('answers preflight without a token, allowing Authorization and Content-Type', async () => {
    const res = await fetch(`${cds.base}/cds-services/nodal-risk-order-select`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://sandbox.cds-hooks.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://sandbox.cds-hooks.org');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Content-Type/);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('sets the allowed origin on responses (also on 401) and nothing for other origins', async () => {
    const ok = await fetch(`${cds.base}/cds-services`, { headers: { origin: 'https://sandbox.cds-hooks.org' } });
    expect(ok.status).toBe(401);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://sandbox.cds-hooks.org');
    const other = await fetch(`${cds.base}/cds-services`, { headers: { origin: 'https://evil.test' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('configuration', () => {
  it('the shipped smart-config/cds-trust.json is valid', () => {
    const cfg = loadCdsConfig(DEFAULT_CONFIG_URL, {
      defaultServiceUrl: 'http://127.0.0.1:8090',
      appOrigin: 'http://127.0.0.1:5173',
    });
    expect(cfg.serviceUrl).toBe('http://127.0.0.1:8090');
    expect(cfg.appLaunchUrl).toBe('http://127.0.0.1:5173/launch/launch.html');
    expect(cfg.alnd.snomed).toContain('234262008');
    expect(JSON.parse(readFileSync(DEFAULT_CONFIG_URL, 'utf8')).$schema).toBe('./cds-trust.schema.json');
  });

  it('fails loudly on a bad configuration, naming the problems', async () => {
    const key = await makeKey('ES384');
    const bad = [
      { ...rawConfig([key]), clients: [{ iss: 'x' }] },
      { ...rawConfig([key]), alnd: { snomed: ['12345678'], cpt: [] } },
      { ...rawConfig([key]), clients: [{ iss: 'x', jwks: { keys: [{ ...key.publicJwk, d: 'secret' }] } }] },
      { ...rawConfig([key]), clients: [{ iss: 'x', jku: ['ftp://x'] }] },
      { ...rawConfig([key]), surprise: true },
      {
        ...rawConfig([key]),
        clients: [
          { iss: 'x', jku: ['https://a/j'] },
          { iss: 'x', jku: ['https://b/j'] },
        ],
      },
    ];
    for (const raw of bad) expect(() => resolveCdsConfig(raw, { appOrigin: 'http://a' })).toThrow(CdsConfigError);
    expect(() => resolveCdsConfig(rawConfig([key]), {})).toThrow(/appOrigin|app origin/);
  });
});
