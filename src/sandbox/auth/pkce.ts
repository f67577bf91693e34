import { createHash, randomBytes } from 'node:crypto';

/** RFC 7636 S256: BASE64URL(SHA256(verifier)). Verifiers must be 43–128 unreserved characters. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function isValidVerifier(v: unknown): v is string {
  return typeof v === 'string' && /^[A-Za-z0-9\-._~]{43,128}$/.test(v);
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
