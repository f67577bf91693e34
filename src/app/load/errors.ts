// What can go wrong while loading, in words a clinician can act on.

export type LoadErrorKind =
  | 'session-expired'
  | 'authorization-refused'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'timeout'
  | 'malformed'
  | 'network';

export class FhirHttpError extends Error {
  override readonly name = 'FhirHttpError';
  constructor(
    readonly status: number,
    readonly retryAfterSeconds?: number,
    /** What the server said (OperationOutcome text), shown as plain text. */
    readonly serverText?: string,
  ) {
    super(`HTTP ${status}`);
  }
}

export class LoadError extends Error {
  override readonly name = 'LoadError';
  constructor(
    readonly kind: LoadErrorKind,
    message: string,
    /** The HTTP status behind it, when there was one (400 → try the search's fallback). */
    readonly status?: number,
  ) {
    super(message);
  }
}

export function kindOfStatus(status: number): LoadErrorKind {
  if (status === 401) return 'session-expired';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  return 'server';
}

export const KIND_TEXT: Record<LoadErrorKind, string> = {
  'session-expired': 'the session with the EHR has expired',
  'authorization-refused': 'the EHR refused to authorize Nodal Risk',
  forbidden: 'the EHR refused access (permission not granted)',
  'not-found': 'the EHR did not find it',
  'rate-limited': 'the EHR is busy (too many requests)',
  server: 'the EHR returned an error',
  timeout: 'the EHR did not answer in time',
  malformed: 'the EHR returned something that is not a FHIR Bundle',
  network: 'the EHR could not be reached',
};
