// Signing keys generated at start (never committed): RS256 for id_tokens, which SMART servers SHALL support,
// and ES384 for the CDS client's JWTs, as CDS Hooks recommends.
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { randomUUID } from 'node:crypto';

export interface SigningKey {
  alg: 'RS256' | 'ES384';
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function makeSigningKey(alg: 'RS256' | 'ES384'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: false });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { alg, kid, privateKey, publicJwk };
}

export function jwks(...keys: SigningKey[]): { keys: JWK[] } {
  return { keys: keys.map((k) => k.publicJwk) };
}

export async function signIdToken(
  key: SigningKey,
  claims: { issuer: string; audience: string; subject: string; fhirUser: string; ttlSeconds: number },
): Promise<string> {
  return new SignJWT({ fhirUser: claims.fhirUser, profile: claims.fhirUser })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setSubject(claims.subject)
    .setIssuedAt()
    .setExpirationTime(`${claims.ttlSeconds}s`)
    .sign(key.privateKey);
}
