// Malformed requests get 400 with a message (413/415 where HTTP says so); a fuzz run of random
// bodies, including valid-looking hook requests with random FHIR content, never yields a 5xx.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  config,
  hookBody,
  makeKey,
  scenarioPrefetch,
  sign,
  SERVICE_URL,
  startCds,
  type RunningCds,
  type TestKey,
} from './helpers.ts';

const SELECT = '/cds-services/nodal-risk-order-select';
let cds: RunningCds;
let key: TestKey;

beforeAll(async () => {
  key = await makeKey('RS384');
  cds = await startCds({ config: config([key], { bodyLimitBytes: 64 * 1024 }), logLevel: 'warn' }, key);
});

afterAll(async () => {
  await cds.close();
});

describe('malformed bodies → 400 with a message', () => {
  const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
  const valid = () => hookBody('order-select', patientId, { prefetch });
  const cases: [string, () => unknown][] = [
    ['not JSON', () => '{"hook": '],
    ['empty object', () => ({})],
    ['an array', () => []],
    ['wrong hook for the service', () => ({ ...valid(), hook: 'patient-view' })],
    ['no hookInstance', () => ({ ...valid(), hookInstance: undefined })],
    ['context missing', () => ({ ...valid(), context: undefined })],
    ['patientId not a string', () => ({ ...valid(), context: { ...(valid().context as object), patientId: 42 } })],
    [
      'selections missing for order-select',
      () => ({ ...valid(), context: { ...(valid().context as object), selections: undefined } }),
    ],
    [
      'draftOrders not a Bundle',
      () => ({ ...valid(), context: { ...(valid().context as object), draftOrders: { resourceType: 'List' } } }),
    ],
    [
      'userId not a reference',
      () => ({ ...valid(), context: { ...(valid().context as object), userId: 'dr-rivera' } }),
    ],
    [
      'fhirAuthorization without fhirServer',
      () => ({
        ...valid(),
        fhirAuthorization: { access_token: 't', token_type: 'Bearer', expires_in: 1, scope: 's', subject: 'x' },
      }),
    ],
    ['fhirServer not a URL', () => ({ ...valid(), fhirServer: 'file:///etc/passwd' })],
    ['prefetch value not a resource', () => ({ ...valid(), prefetch: { patient: 'Jane' } })],
  ];
  for (const [name, body] of cases) {
    it(name, async () => {
      const b = body();
      const res = await cds.call(SELECT, typeof b === 'string' ? b : JSON.stringify(b));
      expect(res.status).toBe(400);
      const json = res.json as { error: string; message: string };
      expect(json.error).toBe('invalid request');
      expect(json.message.length).toBeGreaterThan(3);
      expect(res.text).not.toContain('Jane');
    });
  }

  it('too large → 413, wrong media type → 415', async () => {
    const big = JSON.stringify({ ...valid(), padding: 'x'.repeat(70 * 1024) });
    expect((await cds.call(SELECT, big)).status).toBe(413);
    const token = await sign({ key, aud: `${SERVICE_URL}${SELECT}` });
    const res = await fetch(`${cds.base}${SELECT}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
      body: '<hook/>',
    });
    expect(res.status).toBe(415);
  });
});

describe('fuzz', () => {
  it('1,200 random bodies: never a 5xx', async () => {
    const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
    const anyJson = fc.jsonValue({ maxDepth: 4 });
    // Hook-shaped bodies with random context fields and random "resources" in prefetch, so the
    // extraction and card rendering see hostile content, not only the schema.
    const fhirish = fc.record(
      {
        resourceType: fc.constantFrom(
          'Bundle',
          'Patient',
          'Observation',
          'Procedure',
          'OperationOutcome',
          'DiagnosticReport',
        ),
        id: fc.string(),
        entry: fc.array(
          fc.record({
            resource: fc.record(
              {
                resourceType: fc.constantFrom('Observation', 'Patient', 'Condition', 'Procedure'),
                code: anyJson,
                valueQuantity: anyJson,
                valueCodeableConcept: anyJson,
                subject: anyJson,
                status: fc.string(),
              },
              { requiredKeys: ['resourceType'] },
            ),
          }),
          { maxLength: 4 },
        ),
        link: anyJson,
      },
      { requiredKeys: ['resourceType'] },
    );
    const services = [
      ['/cds-services/nodal-risk-order-select', 'order-select'],
      ['/cds-services/nodal-risk-order-sign', 'order-sign'],
      ['/cds-services/nodal-risk-patient-view', 'patient-view'],
    ] as const;
    const orders = fc.constantFrom(
      (hookBody('order-sign', patientId).context as { draftOrders: object }).draftOrders,
      {
        resourceType: 'Bundle',
        entry: [
          {
            resource: {
              resourceType: 'ServiceRequest',
              id: 'alnd-1',
              code: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '38745' }] },
            },
          },
        ],
      },
      {
        resourceType: 'Bundle',
        entry: [{ resource: { resourceType: 'ServiceRequest', id: 'alnd-1', code: 'x' } }, {}],
      },
    );
    // The complete prefetch with some keys replaced by random content, so extraction and card
    // rendering see hostile FHIR, not only the schema.
    const keys = Object.keys(prefetch);
    const hostilePrefetch = fc
      .dictionary(fc.constantFrom(...keys), fc.oneof(fhirish, fc.constant(null)), { maxKeys: 4 })
      .map((over) => ({ ...prefetch, ...over }));
    const hookish = fc
      .tuple(
        fc.constantFrom(...services),
        fc.boolean(),
        orders,
        hostilePrefetch,
        fc.option(anyJson, { freq: 4 }),
        fc.uuid(),
      )
      .map(([[path, hook], swap, draftOrders, pre, junk, instance]) => {
        const body: Record<string, unknown> = {
          hook: swap ? 'order-sign' : hook,
          hookInstance: instance,
          context: {
            userId: 'Practitioner/a',
            patientId,
            selections: ['ServiceRequest/alnd-1'],
            draftOrders,
            ...(junk !== null && typeof junk === 'object' && !Array.isArray(junk) ? junk : {}),
          },
          prefetch: pre,
        };
        return [path, JSON.stringify(body)] as [string, string];
      });
    const paths = [
      '/cds-services/nodal-risk-order-select',
      '/cds-services/nodal-risk-order-sign',
      '/cds-services/nodal-risk-patient-view',
      '/cds-services/nodal-risk-order-sign/feedback',
    ];
    const raw = fc.tuple(
      fc.constantFrom(...paths),
      fc.oneof(
        anyJson.map((v) => JSON.stringify(v)),
        fc.string(),
      ),
    );
    const statuses = new Map<number, number>();
    const samples = fc.sample(fc.oneof(hookish, raw), { numRuns: 1200, seed: 20260601 });
    // Tokens signed up front (RS384 signing is the slow part), then the requests in small batches.
    const tokens = await Promise.all(samples.map(([path]) => sign({ key, aud: `${SERVICE_URL}${path}` })));
    for (let i = 0; i < samples.length; i += 16) {
      await Promise.all(
        samples.slice(i, i + 16).map(async ([path, body], j) => {
          // In-process through fastify's inject: the same routing, hooks and handlers, no sockets.
          const res = await cds.app.inject({
            method: 'POST',
            url: path,
            headers: { authorization: `Bearer ${tokens[i + j]}`, 'content-type': 'application/json' },
            payload: body,
          });
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          expect(res.statusCode, `${path} ${body.slice(0, 200)}`).toBeLessThan(500);
        }),
      );
    }
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(1200);
    // The run reached the handlers, not only the schema.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(50);
  }, 30_000);
});
