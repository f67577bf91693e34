// Error injection, chosen per launch, so every failure path of the app can be exercised on purpose.
export type Fault =
  | { kind: 'expired-token' } // the first access token is already expired; a refreshed one works
  | { kind: 'invalid-scope' } // /authorize answers error=invalid_scope
  | { kind: 'fhir-401-after'; n: number } // each access token works for n FHIR requests, then 401
  | { kind: 'fhir-403' } // every FHIR request is forbidden
  | { kind: 'fhir-429'; n: number; retryAfter: number } // the first n FHIR requests are throttled
  | { kind: 'fhir-500'; n: number } // the first n FHIR requests fail (n = Infinity: all)
  | { kind: 'slow'; delayMs: number } // every FHIR response is delayed
  | { kind: 'deny-scope'; resourceType: string }; // the grant leaves out the scopes for one resource type

export const FAULT_CHOICES: { value: string; label: string }[] = [
  { value: '', label: 'No injected error' },
  { value: 'expired-token', label: 'Expired access token (refresh works)' },
  { value: 'invalid-scope', label: 'Authorization refused: invalid_scope' },
  { value: '401-after:3', label: 'FHIR 401 after 3 requests per token' },
  { value: '403', label: 'FHIR 403 on every request' },
  { value: '429:2', label: 'FHIR 429 (Retry-After: 1) on the first 2 requests' },
  { value: '500', label: 'FHIR 500 on every request' },
  { value: 'slow:2000', label: 'Slow FHIR responses (2 s each)' },
  { value: 'deny-scope:Condition', label: 'Permission to read Condition not granted' },
  { value: 'deny-scope:RiskAssessment', label: 'Permission to save RiskAssessment not granted' },
];

const num = (s: string | undefined, dflt: number, max: number): number => {
  if (s === undefined || s === '') return dflt;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new RangeError(`bad fault parameter: ${s}`);
  return n;
};

/** Parses `expired-token`, `invalid-scope`, `401-after:N`, `403`, `429[:N[:S]]`, `500[:N]`, `slow[:MS]`, `deny-scope:Type`; '' means none. */
export function parseFault(spec: string | undefined): Fault | undefined {
  if (!spec) return undefined;
  const [kind, a, b] = spec.split(':');
  switch (kind) {
    case 'expired-token':
      return { kind: 'expired-token' };
    case 'invalid-scope':
      return { kind: 'invalid-scope' };
    case '401-after':
      return { kind: 'fhir-401-after', n: num(a, 3, 10_000) };
    case '403':
      return { kind: 'fhir-403' };
    case '429':
      return { kind: 'fhir-429', n: num(a, 2, 10_000), retryAfter: num(b, 1, 3600) };
    case '500':
      return { kind: 'fhir-500', n: a ? num(a, 1, 10_000) : Infinity };
    case 'slow':
      return { kind: 'slow', delayMs: num(a, 2000, 60_000) };
    case 'deny-scope':
      if (!a || !/^[A-Z][A-Za-z]{1,63}$/.test(a)) throw new RangeError(`bad fault parameter: ${a}`);
      return { kind: 'deny-scope', resourceType: a };
    default:
      throw new RangeError(`unknown fault: ${kind}`);
  }
}
