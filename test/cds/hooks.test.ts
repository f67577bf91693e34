// The three hooks end to end over HTTP: full prefetch, partial prefetch fetched from the sandbox
// FHIR server, paging and failures against a stub FHIR server (412), feedback, and logs free of PHI.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../src/cds/cards.ts';
import { parseScopes } from '../../src/sandbox/auth/scopes.ts';
import { loadScenario } from '../../src/sandbox/patients/index.ts';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.ts';
import {
  alndOrder,
  config,
  hookBody,
  ISS,
  makeKey,
  scenarioPrefetch,
  searchset,
  startCds,
  type RunningCds,
} from './helpers.ts';

const SELECT = '/cds-services/nodal-risk-order-select';
const SIGN = '/cds-services/nodal-risk-order-sign';
const VIEW = '/cds-services/nodal-risk-patient-view';

let cds: RunningCds;
let sandbox: Sandbox;
let stub: FastifyInstance;
let stubBase: string;
const stubAuth: string[] = [];

function cardsOf(res: { status: number; json: unknown }): Card[] {
  expect(res.status).toBe(200);
  return (res.json as { cards: Card[] }).cards;
}

/** No null, "", [] or {} anywhere (CDS Hooks "Use of JSON"). */
function expectNoEmpty(value: unknown, path = 'card'): void {
  expect(value, path).not.toBeNull();
  expect(value, path).not.toBe('');
  if (Array.isArray(value)) {
    expect(value.length, path).toBeGreaterThan(0);
    value.forEach((v, i) => expectNoEmpty(v, `${path}[${i}]`));
  } else if (typeof value === 'object' && value !== null) {
    expect(Object.keys(value).length, path).toBeGreaterThan(0);
    for (const [k, v] of Object.entries(value)) expectNoEmpty(v, `${path}.${k}`);
  }
}

function expectWellFormed(card: Card): void {
  expectNoEmpty(card);
  expect(card.uuid).toMatch(/^[0-9a-f-]{36}$/);
  expect([...card.summary].length).toBeLessThan(140);
  expect(['info', 'warning', 'critical']).toContain(card.indicator);
  expect(card.source).toEqual({
    label: 'Nodal Risk',
    url: 'http://127.0.0.1:5173/',
    topic: { system: 'http://snomed.info/sct', code: '234262008', display: 'Excision of axillary lymph node' },
  });
  expect(card.links).toHaveLength(1);
  const link = card.links?.[0];
  expect(link?.type).toBe('smart');
  expect(link?.url).toBe('http://127.0.0.1:5173/launch/launch.html');
  expect(typeof JSON.parse(link?.appContext ?? '')).toBe('object');
  // The bottom line only: the inputs table and every source are in the app.
  expect(card.detail.split('\n').length).toBeLessThanOrEqual(8);
  expect(card.detail).not.toContain('**Inputs used**');
}

function sandboxToken(patient: string): string {
  return sandbox.state.issueAccess({
    clientId: 'cds-test',
    scope: parseScopes('patient/*.rs'),
    context: { patient, practitioner: 'Practitioner/dr-rivera', needPatientBanner: false },
    fault: undefined,
    fhirRequests: 0,
    revoked: false,
  }).token;
}

beforeAll(async () => {
  const key = await makeKey('ES384');
  const scenarios = ['micrometastasis', 'macrometastasis-z0011-eligible', 'itc-only'].map(loadScenario);
  sandbox = await startSandbox({ appOrigin: 'http://127.0.0.1:5173', scenarios });

  // A FHIR server stub: two pages of Observations, a server error, and a link to another host.
  const micro = scenarioPrefetch('micrometastasis');
  const observations = micro.resources.filter((r) => (r as { resourceType: string }).resourceType === 'Observation');
  stub = Fastify();
  stub.addHook('onRequest', async (request) => {
    // Searches only: report documents the reports cite are fetched too, and are tested on their own.
    if (!request.url.includes('/Binary/')) stubAuth.push(request.headers.authorization ?? '');
  });
  stub.get('/ok/Observation', async () => searchset(observations.slice(0, 5), `${stubBase}/ok/Observation-page2`));
  stub.get('/ok/Observation-page2', async () => searchset(observations.slice(5)));
  stub.get('/ok/*', async () => searchset([]));
  stub.get('/broken/*', async (_req, reply) => reply.code(500).send({ resourceType: 'OperationOutcome' }));
  stub.get('/leak/*', async () => searchset([], 'https://attacker.test/collect'));
  await stub.listen({ host: '127.0.0.1', port: 0 });
  const address = stub.server.address();
  stubBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // The FHIR servers this test's client may name (one with nothing listening, for network errors).
  const fhirServers = [
    sandbox.fhirBase,
    `${stubBase}/ok`,
    `${stubBase}/broken`,
    `${stubBase}/leak`,
    'http://127.0.0.1:1/fhir',
  ];
  cds = await startCds(
    {
      config: config([key], { clients: [{ iss: ISS, jwks: { keys: [key.publicJwk] }, fhirServers }] }),
      now: () => new Date('2026-06-01T12:00:00Z'),
    },
    key,
  );
});

afterAll(async () => {
  await cds?.close();
  await sandbox?.close();
  await stub?.close();
});

describe('order-select and order-sign', () => {
  it('order-select with full prefetch: one card with the headline and the IBCSG 23-01 verdict', async () => {
    const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
    const cards = cardsOf(await cds.call(SELECT, hookBody('order-select', patientId, { prefetch })));
    expect(cards).toHaveLength(1);
    const card = cards[0] as Card;
    expectWellFormed(card);
    expect(card.summary).toContain('IBCSG 23-01 applies');
    // Z0011 (which bounds clinical N and the sentinel count) is still unknown, so no warning.
    expect(card.indicator).toBe('info');
    expect(JSON.parse(card.links?.[0]?.appContext ?? '{}')).toMatchObject({
      hook: 'order-select',
      orders: ['ServiceRequest/alnd-1'],
    });
    expect(card.detail).toContain('IBCSG 23-01');
  });

  it('order-sign with full prefetch: the deciding question, info indicator', async () => {
    const { patientId, prefetch } = scenarioPrefetch('macrometastasis-z0011-eligible');
    const cards = cardsOf(await cds.call(SIGN, hookBody('order-sign', patientId, { prefetch })));
    expect(cards).toHaveLength(1);
    expectWellFormed(cards[0] as Card);
    expect(cards[0]?.summary).toMatch(/SENOMAC unknown: Bilateral cancer\?/);
    expect(cards[0]?.indicator).toBe('info');
  });

  it('a fresh uuid per card', async () => {
    const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
    const a = cardsOf(await cds.call(SIGN, hookBody('order-sign', patientId, { prefetch })));
    const b = cardsOf(await cds.call(SIGN, hookBody('order-sign', patientId, { prefetch })));
    expect(a[0]?.uuid).not.toBe(b[0]?.uuid);
  });

  it('recognises CPT 38745/38740, configured SNOMED descendants and the local value set', async () => {
    const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
    for (const coding of [
      { system: 'http://www.ama-assn.org/go/cpt', code: '38745' },
      { system: 'http://www.ama-assn.org/go/cpt', code: '38740' },
      { system: 'http://snomed.info/sct', code: '999999999' },
      { system: 'urn:local:orders', code: 'ALND-L' },
    ]) {
      const cards = cardsOf(
        await cds.call(SIGN, hookBody('order-sign', patientId, { prefetch }, [alndOrder('o1', coding)])),
      );
      expect(cards, coding.code).toHaveLength(1);
    }
  });

  it('no card for other orders, unselected ALND, or a code without its system', async () => {
    const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
    const mammo = alndOrder('mammo', { system: 'http://snomed.info/sct', code: '71651007' });
    expect(cardsOf(await cds.call(SIGN, hookBody('order-sign', patientId, { prefetch }, [mammo])))).toEqual([]);
    const body = hookBody('order-select', patientId, { prefetch }, [mammo, alndOrder('alnd-2')]);
    (body.context as { selections: string[] }).selections = ['ServiceRequest/mammo'];
    expect(cardsOf(await cds.call(SELECT, body))).toEqual([]);
    const bare = alndOrder('o2', { code: '234262008' } as never);
    expect(cardsOf(await cds.call(SIGN, hookBody('order-sign', patientId, { prefetch }, [bare])))).toEqual([]);
  });

  it('without an ALND order no FHIR data is needed (no 412)', async () => {
    const mammo = alndOrder('mammo', { system: 'http://snomed.info/sct', code: '71651007' });
    expect(cardsOf(await cds.call(SIGN, hookBody('order-sign', 'micrometastasis', {}, [mammo])))).toEqual([]);
  });
});

describe('patient-view', () => {
  it('a card when a sentinel node is positive and no ALND was done', async () => {
    const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
    const cards = cardsOf(await cds.call(VIEW, hookBody('patient-view', patientId, { prefetch })));
    expect(cards).toHaveLength(1);
    expectWellFormed(cards[0] as Card);
    expect(cards[0]?.indicator).toBe('info');
  });

  it('no card once an ALND procedure is recorded', async () => {
    const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
    const done = {
      resourceType: 'Procedure',
      id: 'alnd-done',
      status: 'completed',
      subject: { reference: `Patient/${patientId}` },
      code: { coding: [{ system: 'http://snomed.info/sct', code: '234262008' }] },
    };
    const procedures = prefetch.procedures as { entry: unknown[] };
    const withAlnd = { ...prefetch, procedures: { ...procedures, entry: [...procedures.entry, { resource: done }] } };
    expect(cardsOf(await cds.call(VIEW, hookBody('patient-view', patientId, { prefetch: withAlnd })))).toEqual([]);
  });

  it('no card for isolated tumour cells only (not a positive node)', async () => {
    const { patientId, prefetch } = scenarioPrefetch('itc-only');
    expect(cardsOf(await cds.call(VIEW, hookBody('patient-view', patientId, { prefetch })))).toEqual([]);
  });
});

describe('partial prefetch: the rest fetched with fhirServer + fhirAuthorization', () => {
  function partial(name: string, drop: string[], nulls: string[] = []) {
    const { patientId, prefetch } = scenarioPrefetch(name);
    const kept = Object.fromEntries(
      Object.entries(prefetch)
        .filter(([k]) => !drop.includes(k))
        .map(([k, v]) => [k, nulls.includes(k) ? null : v]),
    );
    return { patientId, prefetch: kept };
  }

  function auth(token: string, patient: string) {
    return {
      access_token: token,
      token_type: 'Bearer',
      expires_in: 300,
      scope: 'patient/*.rs',
      subject: 'nodal-risk-cds',
      patient,
    };
  }

  it('missing and null keys are fetched from the sandbox FHIR server; same card as full prefetch', async () => {
    const full = scenarioPrefetch('micrometastasis');
    // Both calls may fetch the report text the report cites (it states the detection method, "detected on H&E").
    const fetchFrom = {
      fhirServer: sandbox.fhirBase,
      fhirAuthorization: auth(sandboxToken(full.patientId), full.patientId),
    };
    const expected = cardsOf(
      await cds.call(SELECT, hookBody('order-select', full.patientId, { prefetch: full.prefetch, ...fetchFrom })),
    )[0];
    const { patientId, prefetch } = partial(
      'micrometastasis',
      ['observationsLoinc', 'observationsSnomed', 'patient'],
      ['procedures', 'conditions'],
    );
    const body = hookBody('order-select', patientId, {
      prefetch,
      fhirServer: sandbox.fhirBase,
      fhirAuthorization: auth(sandboxToken(patientId), patientId),
    });
    const cards = cardsOf(await cds.call(SELECT, body));
    expect(cards[0]?.summary).toBe(expected?.summary);
    expect(cards[0]?.indicator).toBe(expected?.indicator);
  });

  it('no prefetch at all: everything fetched from the sandbox', async () => {
    const body = hookBody('patient-view', 'micrometastasis', {
      fhirServer: sandbox.fhirBase,
      fhirAuthorization: auth(sandboxToken('micrometastasis'), 'micrometastasis'),
    });
    expect(cardsOf(await cds.call(VIEW, body))).toHaveLength(1);
  });

  it('fetches the report documents the reports cite, so report-text facts count as in the app', async () => {
    const { patientId, prefetch } = scenarioPrefetch('macrometastasis-z0011-eligible');
    const withoutDocuments = cardsOf(await cds.call(SELECT, hookBody('order-select', patientId, { prefetch })))[0];
    // Without the report text: a range over what only the report states, with the form without frozen section.
    expect(withoutDocuments?.summary).toMatch(/^Any further node: \d+–\d+% \(MSKCC without frozen section\)/);
    const body = hookBody('order-select', patientId, {
      prefetch,
      fhirServer: sandbox.fhirBase,
      fhirAuthorization: auth(sandboxToken(patientId), patientId),
    });
    const card = cardsOf(await cds.call(SELECT, body))[0];
    // MSKCC needs nuclear grade, focality and the frozen-section finding, all only in the report text.
    expect(card?.summary).toMatch(/41% \(MSKCC\)/);
  });

  it('follows next links on the client-named server and sends the bearer token', async () => {
    stubAuth.length = 0;
    const { patientId, prefetch } = partial('micrometastasis', ['observationsLoinc']);
    const body = hookBody('order-select', patientId, {
      prefetch,
      fhirServer: `${stubBase}/ok`,
      fhirAuthorization: auth('stub-token', patientId),
    });
    const cards = cardsOf(await cds.call(SELECT, body));
    expect(cards[0]?.summary).toContain('IBCSG 23-01');
    // The LOINC search, its next page, and the specimens the results cite (read by _id).
    expect(stubAuth).toEqual(['Bearer stub-token', 'Bearer stub-token', 'Bearer stub-token']);
  });

  it('continues a prefetched Bundle that has a next link', async () => {
    const { patientId, prefetch } = partial('micrometastasis', []);
    prefetch.observationsCap = searchset([], `${stubBase}/ok/Observation-page2`);
    stubAuth.length = 0;
    const body = hookBody('order-sign', patientId, { prefetch, fhirServer: `${stubBase}/ok` });
    expect(cardsOf(await cds.call(SIGN, body))).toHaveLength(1);
    // The next page, and the specimens the results cite (read by _id).
    expect(stubAuth).toEqual(['', '']);
  });
});

describe('412 when required data cannot be obtained', () => {
  it('no prefetch and no fhirServer', async () => {
    const res = await cds.call(SELECT, hookBody('order-select', 'micrometastasis'));
    expect(res.status).toBe(412);
    expect(res.json).toEqual({ error: 'required FHIR data could not be obtained' });
  });

  it('a key answered with an OperationOutcome and no fhirServer', async () => {
    const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
    prefetch.observationsLoinc = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'timeout' }] };
    expect((await cds.call(VIEW, hookBody('patient-view', patientId, { prefetch }))).status).toBe(412);
  });

  it('the FHIR server fails, refuses the token, or links off-server', async () => {
    const { patientId } = scenarioPrefetch('micrometastasis');
    expect((await cds.call(SIGN, hookBody('order-sign', patientId, { fhirServer: `${stubBase}/broken` }))).status).toBe(
      412,
    );
    expect((await cds.call(SIGN, hookBody('order-sign', patientId, { fhirServer: sandbox.fhirBase }))).status).toBe(
      412,
    );
    stubAuth.length = 0;
    expect(
      (
        await cds.call(
          SIGN,
          hookBody('order-sign', patientId, {
            fhirServer: `${stubBase}/leak`,
            fhirAuthorization: {
              access_token: 'secret-token',
              token_type: 'Bearer',
              expires_in: 60,
              scope: 'patient/*.rs',
              subject: 'x',
            },
          }),
        )
      ).status,
    ).toBe(412);
    expect(
      (await cds.call(SIGN, hookBody('order-sign', patientId, { fhirServer: 'http://127.0.0.1:1/fhir' }))).status,
    ).toBe(412);
  });

  it('null keys without a fhirServer mean "no data": answered, not 412', async () => {
    const { patientId, prefetch } = scenarioPrefetch('micrometastasis');
    prefetch.medicationRequests = null;
    expect((await cds.call(VIEW, hookBody('patient-view', patientId, { prefetch }))).status).toBe(200);
  });
});

describe('feedback', () => {
  it('accepts feedback and logs it without the free-text comment', async () => {
    const res = await cds.call(`${SELECT}/feedback`, {
      feedback: [
        {
          card: '0b6d1cc5-0000-4000-8000-000000000001',
          outcome: 'overridden',
          overrideReason: {
            reason: { system: 'urn:x', code: 'clinical-judgement' },
            userComment: 'Mrs Jane Example prefers ALND',
          },
          outcomeTimestamp: '2026-06-01T12:00:00Z',
        },
      ],
    });
    expect(res.status).toBe(200);
    const logs = cds.logs.join('');
    expect(logs).toContain('"outcome":"overridden"');
    expect(logs).toContain('"reason":"clinical-judgement"');
    expect(logs).not.toContain('Jane');
  });

  it('rejects malformed feedback (400) and unknown services (404)', async () => {
    expect(
      (
        await cds.call(`${SELECT}/feedback`, {
          feedback: [{ card: 'x', outcome: 'accepted', outcomeTimestamp: 'now' }],
        })
      ).status,
    ).toBe(400);
    expect((await cds.call('/cds-services/nope/feedback', { feedback: [] })).status).toBe(404);
  });
});

describe('logs', () => {
  it('carry no PHI and no tokens', () => {
    const logs = cds.logs.join('');
    expect(logs).toContain('"service":"nodal-risk-order-select"');
    const forbidden = ['micrometastasis', 'macro-z0011', 'stub-token', 'secret-token', 'Bearer', 'eyJ'];
    for (const s of loadScenario('micrometastasis').patient.name?.flatMap((n) => [
      n.family ?? '',
      ...(n.given ?? []),
    ]) ?? [])
      forbidden.push(s);
    const birthDate = loadScenario('micrometastasis').patient.birthDate;
    if (birthDate) forbidden.push(birthDate);
    for (const word of forbidden.filter((w) => w.length > 2)) expect(logs, word).not.toContain(word);
  });
});
