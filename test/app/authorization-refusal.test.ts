// An authorization refusal gets its own problem kind, told from the redirect's `error` parameter
// or the token endpoint's HTTP status (fhirclient's own HttpError), not from message wording.
import * as httpErrorModule from 'fhirclient/lib/HttpError.js';
import { describe, expect, it } from 'vitest';
import { authorizationProblem } from '../../src/app/smart/authorization-refusal.ts';

// A CommonJS module with `exports.default`: exposed at one level or two (as in src/app/smart/smart-api.ts).
type HttpErrorClass = new (response: Response) => Error & { parse(): Promise<Error> };
const exported = (httpErrorModule as unknown as { default: HttpErrorClass | { default: HttpErrorClass } }).default;
const HttpErrorClass: HttpErrorClass = typeof exported === 'function' ? exported : exported.default;

/** The error fhirclient throws when the token endpoint answers with an error status. */
async function tokenEndpointError(status: number, body: unknown): Promise<Error> {
  const response = new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  Object.defineProperty(response, 'url', { value: 'https://ehr.example.org/auth/token' });
  return new HttpErrorClass(response).parse();
}

describe('authorizationProblem', () => {
  it('error=access_denied on the redirect: refused, with what the server said', () => {
    const thrown = new Error('access_denied: The user denied the request');
    expect(
      authorizationProblem('?error=access_denied&error_description=The+user+denied+the+request&state=s1', thrown),
    ).toEqual({
      kind: 'authorization-refused',
      message:
        'The EHR refused to authorize Nodal Risk (access was declined): access_denied: The user denied the request',
    });
  });

  it('any other OAuth error on the redirect (invalid_scope) is a refusal too, whatever the thrown text', () => {
    const problem = authorizationProblem('?error=invalid_scope&state=s1', new Error('something else entirely'));
    expect(problem).toEqual({
      kind: 'authorization-refused',
      message: 'The EHR refused to authorize Nodal Risk: invalid_scope',
    });
  });

  it('the token endpoint refusing (400 invalid_grant) is a refusal, with its OAuth error', async () => {
    const error = await tokenEndpointError(400, { error: 'invalid_grant', error_description: 'code expired' });
    expect(authorizationProblem('?code=c1&state=s1', error)).toEqual({
      kind: 'authorization-refused',
      message:
        'The EHR’s authorization server refused to issue an access token (HTTP 400: invalid_grant: code expired).',
    });
    const unauthorized = await tokenEndpointError(401, { error: 'invalid_client' });
    expect(authorizationProblem('?code=c1&state=s1', unauthorized)).toMatchObject({
      kind: 'authorization-refused',
      message: 'The EHR’s authorization server refused to issue an access token (HTTP 401: invalid_client).',
    });
  });

  it('a 5xx from the token endpoint is a server error, not a refusal; a missing state is no launch', async () => {
    const error = await tokenEndpointError(503, { error: 'temporarily_unavailable' });
    expect(authorizationProblem('?code=c1&state=s1', error).kind).toBe('server');
    expect(authorizationProblem('', new Error("No 'state' parameter found. Please (re)launch the app.")).kind).toBe(
      'no-launch',
    );
    expect(authorizationProblem('?code=c1', new Error("'code' url parameter is required")).kind).toBe(
      'session-expired',
    );
  });
});
