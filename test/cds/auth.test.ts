// Every way a JWT can be wrong gets the same bare 401; good tokens (configured keys or an
// allowlisted jku) get through, once.
import { randomUUID } from 'node:crypto';
import { generateSecret, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CdsConfigError } from '../../src/cds/config.ts';
import {
  config,
  ISS,
  JKU_ISS,
  makeKey,
  sign,
  SERVICE_URL,
  startCds,
  startJwksHost,
  type RunningCds,
  type TestKey,
} from './helpers.ts';

const DISCOVERY = '/cds-services';
const AUD = `${SERVICE_URL}${DISCOVERY}`;

let es: TestKey;
let rs: TestKey;
let stranger: TestKey;
let jkuKey: TestKey;
let cds: RunningCds;
let jwks: Awaited<ReturnType<typeof startJwksHost>>;

beforeAll(async () => {
  [es, rs, stranger, jkuKey] = await Promise.all([
    makeKey('ES384'),
    makeKey('RS384'),
    makeKey('ES384'),
    makeKey('RS384'),
  ]);
  jwks = await startJwksHost([jkuKey]);
  const cfg = config([es, rs], {
    clients: [
      { iss: ISS, jwks: { keys: [es.publicJwk, rs.publicJwk] } },
      { iss: JKU_ISS, jku: [jwks.url] },
    ],
  });
  cds = await startCds({ config: cfg, logLevel: 'info' }, es);
});

afterAll(async () => {
  await cds.close();
  await jwks.close();
});

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function expect401(token: string | null) {
  const res = await cds.call(DISCOVERY, undefined, token);
  expect(res.status).toBe(401);
  expect(res.json).toEqual({ error: 'unauthorized' });
}

describe('accepted tokens', () => {
  it('accepts ES384 and RS384 tokens signed with configured keys', async () => {
    for (const key of [es, rs]) {
      const res = await cds.call(DISCOVERY, undefined, await sign({ key, aud: AUD }));
      expect(res.status).toBe(200);
    }
  });

  it('accepts aud with a trailing slash and as an array', async () => {
    expect((await cds.call(DISCOVERY, undefined, await sign({ key: es, aud: `${AUD}/` }))).status).toBe(200);
    const token = await new SignJWT({ jti: randomUUID(), aud: ['https://other.test', AUD] })
      .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: es.kid })
      .setIssuer(ISS)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(es.privateKey);
    expect((await cds.call(DISCOVERY, undefined, token)).status).toBe(200);
  });

  it('fetches keys from an allowlisted jku once and caches them', async () => {
    for (let i = 0; i < 3; i++) {
      const token = await sign({ key: jkuKey, iss: JKU_ISS, aud: AUD, header: { jku: jwks.url } });
      expect((await cds.call(DISCOVERY, undefined, token)).status).toBe(200);
    }
    expect(jwks.hits()).toBe(1);
  });
});

describe('token headers read once', () => {
  it('decide alike when sent again, past the number remembered too', async () => {
    const offList = { jku: 'https://elsewhere.test/jwks.json' };
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 70; i++) {
        const token = await sign({ key: i % 2 ? es : rs, aud: AUD, header: { 'x-n': i } });
        expect((await cds.call(DISCOVERY, undefined, token)).status).toBe(200);
      }
      await expect401(await sign({ key: es, aud: AUD, header: offList }));
      await expect401(await sign({ key: es, aud: AUD, header: { kid: '' } }));
    }
  });
});

describe('rejected tokens: all 401 with no detail', () => {
  it('no Authorization header, or not a bearer JWT', async () => {
    await expect401(null);
    const res = await fetch(`${cds.base}${DISCOVERY}`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(res.status).toBe(401);
  });

  it('unsigned token (no signature part)', async () => {
    const token = await sign({ key: es, aud: AUD });
    await expect401(token.split('.').slice(0, 2).join('.') + '.');
  });

  it('alg none', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = `${b64({ alg: 'none', typ: 'JWT', kid: es.kid })}.${b64({ iss: ISS, aud: AUD, iat: now, exp: now + 300, jti: randomUUID() })}.`;
    await expect401(token);
  });

  it('HS256, even with a configured kid', async () => {
    const secret = await generateSecret('HS256', { extractable: true });
    const token = await new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: es.kid })
      .setIssuer(ISS)
      .setAudience(AUD)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(secret);
    await expect401(token);
  });

  it('HS384 signed with the public key as the secret (key confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(rs.publicJwk));
    const token = await new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: 'HS384', typ: 'JWT', kid: rs.kid })
      .setIssuer(ISS)
      .setAudience(AUD)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(secret);
    await expect401(token);
  });

  it('wrong key (right kid, key not the configured one)', async () => {
    await expect401(await sign({ key: { ...stranger, kid: es.kid }, aud: AUD }));
    await expect401(await sign({ key: stranger, aud: AUD }));
  });

  it('expired', async () => {
    await expect401(await sign({ key: es, aud: AUD, iat: Math.floor(Date.now() / 1000) - 400, expiresIn: 300 }));
  });

  it('issued in the future, or living longer than allowed', async () => {
    await expect401(await sign({ key: es, aud: AUD, iat: Math.floor(Date.now() / 1000) + 600 }));
    await expect401(await sign({ key: es, aud: AUD, expiresIn: 3600 }));
  });

  it('wrong aud (other service, other endpoint of this service)', async () => {
    await expect401(await sign({ key: es, aud: 'https://elsewhere.test/cds-services' }));
    await expect401(await sign({ key: es, aud: `${SERVICE_URL}/cds-services/nodal-risk-order-select` }));
  });

  it('unknown iss', async () => {
    await expect401(await sign({ key: es, aud: AUD, iss: 'https://unknown.test' }));
  });

  it('jku off the allowlist (even for a trusted iss)', async () => {
    await expect401(
      await sign({ key: jkuKey, iss: JKU_ISS, aud: AUD, header: { jku: jwks.url.replace('jwks.json', 'other.json') } }),
    );
    await expect401(await sign({ key: es, aud: AUD, header: { jku: jwks.url } }));
  });

  it('replayed jti', async () => {
    const token = await sign({ key: es, aud: AUD });
    expect((await cds.call(DISCOVERY, undefined, token)).status).toBe(200);
    await expect401(token);
    const again = await sign({ key: rs, aud: AUD, claims: { jti: 'fixed-jti' } });
    expect((await cds.call(DISCOVERY, undefined, again)).status).toBe(200);
    await expect401(await sign({ key: rs, aud: AUD, claims: { jti: 'fixed-jti' } }));
  });

  it('a header or payload that is not a JSON object, or not base64url of one', async () => {
    const [header = '', payload = '', signature = ''] = (await sign({ key: es, aud: AUD })).split('.');
    for (const bad of [b64([1]), b64('text'), b64(null), Buffer.from('{"alg":').toString('base64url'), 'A']) {
      await expect401(`${bad}.${payload}.${signature}`);
      await expect401(`${header}.${bad}.${signature}`);
    }
  });

  it('tampered payload', async () => {
    const [header, , signature] = (await sign({ key: es, aud: AUD })).split('.');
    const now = Math.floor(Date.now() / 1000);
    const forged = b64({ iss: ISS, aud: AUD, iat: now, exp: now + 300, jti: randomUUID(), tenant: 'evil' });
    await expect401(`${header}.${forged}.${signature}`);
  });

  it('missing required claims (jti, iat) or typ', async () => {
    const noJti = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: es.kid })
      .setIssuer(ISS)
      .setAudience(AUD)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(es.privateKey);
    await expect401(noJti);
    await expect401(await sign({ key: es, aud: AUD, header: { typ: 'at+jwt' } }));
  });

  it('protects the services and feedback too, before reading the body', async () => {
    const res = await cds.call('/cds-services/nodal-risk-order-select', { hook: 'order-select' }, null);
    expect(res.status).toBe(401);
    const fb = await cds.call('/cds-services/nodal-risk-order-select/feedback', '{not json', null);
    expect(fb.status).toBe(401);
  });

  it('never logs tokens', () => {
    const logs = cds.logs.join('');
    expect(logs).toContain('"status":401');
    expect(logs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });
});

describe('algorithms per client', () => {
  it('ES384/RS384 by default; ES256, RS256 and PS384 only for a client that lists them (and then only those)', async () => {
    const [es256, rs256, ps384, es384] = await Promise.all([
      makeKey('ES256'),
      makeKey('RS256'),
      makeKey('PS384'),
      makeKey('ES384'),
    ]);
    const keys = [es256, rs256, ps384, es384];
    const byDefault = await startCds({ config: config(keys) }, es384);
    const listed = await startCds(
      {
        config: config(keys, {
          clients: [{ iss: ISS, jwks: { keys: keys.map((k) => k.publicJwk) }, algorithms: ['ES256', 'PS384'] }],
        }),
      },
      es384,
    );
    try {
      const status = async (cds: RunningCds, key: TestKey) =>
        (await cds.call(DISCOVERY, undefined, await sign({ key, aud: AUD }))).status;
      expect(await status(byDefault, es384)).toBe(200);
      for (const key of [es256, rs256, ps384]) expect(await status(byDefault, key), key.alg).toBe(401);
      expect(await status(listed, es256)).toBe(200);
      expect(await status(listed, ps384)).toBe(200);
      expect(await status(listed, rs256)).toBe(401);
      expect(await status(listed, es384)).toBe(401);
    } finally {
      await Promise.all([byDefault.close(), listed.close()]);
    }
  });

  it('a configuration allowing none or an HMAC algorithm does not load', () => {
    for (const alg of ['none', 'HS256', 'HS384', 'HS512']) {
      expect(
        () => config([es], { clients: [{ iss: ISS, jwks: { keys: [es.publicJwk] }, algorithms: [alg as never] }] }),
        alg,
      ).toThrow(CdsConfigError);
    }
  });
});
