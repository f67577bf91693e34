// What went wrong when the SMART redirect did not end in a session, as a problem the card can
// name: an authorization refusal (the authorization server's `error` on the redirect, or the token
// endpoint answering 4xx) is its own kind, told by the redirect's parameters and the error's HTTP
// status, never by the wording of an error message.
import type { AppProblem } from '../components/StatusViews.tsx';

/** fhirclient's HttpError (token request): an Error with the response's status. */
function httpStatus(error: unknown): number | undefined {
  const status = error instanceof Error ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
}

/** The OAuth `error: description` line fhirclient adds to an HttpError after the status and URL lines. */
function oauthText(error: Error): string | undefined {
  const lines = error.message.split('\n').filter((l) => l.trim() !== '');
  const last = lines.at(-1);
  return lines.length > 2 && last && !last.startsWith('URL:') ? last.slice(0, 200) : undefined;
}

/**
 * The problem to show when completing authorization failed. `search` is the redirect URL's query
 * (where the authorization server puts `error` and `error_description`); `error` is what was thrown.
 */
export function authorizationProblem(search: string, error: unknown): AppProblem {
  const params = new URLSearchParams(search);
  const code = params.get('error');
  if (code !== null) {
    const description = params.get('error_description');
    const declined = code === 'access_denied' ? ' (access was declined)' : '';
    return {
      kind: 'authorization-refused',
      message: `The EHR refused to authorize Nodal Risk${declined}: ${code}${description ? `: ${description.slice(0, 200)}` : ''}`,
    };
  }
  const status = httpStatus(error);
  if (status !== undefined && status >= 400 && status < 500) {
    const said = oauthText(error as Error);
    return {
      kind: 'authorization-refused',
      message: `The EHR’s authorization server refused to issue an access token (HTTP ${status}${said ? `: ${said}` : ''}).`,
    };
  }
  if (status !== undefined)
    return { kind: 'server', message: `The EHR’s authorization server returned an error (HTTP ${status}).` };
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : '';
  if (/state/i.test(message)) return { kind: 'no-launch', message: 'There is no SMART launch context in this window.' };
  return { kind: 'session-expired', message: `Authorization with the EHR did not complete: ${message}` };
}
