// SMART App Launch 2.x authorization server: discovery, /authorize (+ standalone patient picker), /token.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Patient, Practitioner } from '@medplum/fhirtypes';
import type { ClientRegistration } from './clients.ts';
import { FAULT_CHOICES, parseFault } from './faults.ts';
import type { SigningKey } from './keys.ts';
import { jwks, signIdToken } from './keys.ts';
import { isValidVerifier, s256 } from './pkce.ts';
import { capToRegistered, hasUserScopes, isSubset, parseScopes, withoutType } from './scopes.ts';
import type { AuthRequest, AuthState, LaunchContext, Session, TokenPolicy } from './state.ts';
import { PAGE_CSP, html, page, type SafeHtml } from '../ehr/html.ts';

export interface AuthDeps {
  ehrOrigin: string;
  fhirBase: string;
  clients: readonly ClientRegistration[];
  state: AuthState;
  idTokenKey: SigningKey;
  /** Patients for the standalone picker. */
  listPatients: () => Promise<Patient[]>;
  /** Practitioners for the simulated sign-in that user-level scopes need. */
  listPractitioners: () => Promise<Practitioner[]>;
  practitioner: string;
  /** Vendor modes: the token rules of another FHIR base this server also authorizes for (undefined: not ours). */
  audience?: (aud: string) => TokenPolicy | undefined;
}

export function smartConfiguration(d: Pick<AuthDeps, 'ehrOrigin' | 'fhirBase'>): Record<string, unknown> {
  return {
    issuer: `${d.ehrOrigin}/auth`,
    jwks_uri: `${d.ehrOrigin}/auth/jwks`,
    authorization_endpoint: `${d.ehrOrigin}/auth/authorize`,
    token_endpoint: `${d.ehrOrigin}/auth/token`,
    token_endpoint_auth_methods_supported: ['none'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    response_types_supported: ['code'],
    scopes_supported: [
      'openid',
      'fhirUser',
      'launch',
      'launch/patient',
      'offline_access',
      'online_access',
      'patient/*.rs',
      'user/*.rs',
      'patient/*.read',
      'user/*.read',
      'patient/RiskAssessment.c',
    ],
    code_challenge_methods_supported: ['S256'],
    id_token_signing_alg_values_supported: ['RS256'],
    capabilities: [
      'launch-ehr',
      'launch-standalone',
      'client-public',
      'context-ehr-patient',
      'context-ehr-encounter',
      'context-standalone-patient',
      'context-banner',
      'context-style',
      'permission-v2',
      'permission-v1',
      'permission-patient',
      'permission-user',
      'permission-offline',
      'permission-online',
      'sso-openid-connect',
      'authorize-post',
    ],
  };
}

const EXPIRED_REQUEST = 'This authorization request has expired; start the launch again.';

const first = (v: unknown): string | undefined =>
  Array.isArray(v) ? first(v[0]) : typeof v === 'string' ? v : undefined;

function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
}

function errorPage(reply: FastifyReply, status: number, message: string): FastifyReply {
  return noStore(reply)
    .code(status)
    .header('Content-Security-Policy', PAGE_CSP)
    .type('text/html; charset=utf-8')
    .send(
      page(
        'Authorization error',
        html`<main class="error">
          <h1>Authorization error</h1>
          <p>${message}</p>
        </main>`,
      ),
    );
}

function redirectWith(
  reply: FastifyReply,
  redirectUri: string,
  params: Record<string, string | undefined>,
): FastifyReply {
  const u = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return noStore(reply).redirect(u.href, 302);
}

export function registerAuthRoutes(app: FastifyInstance, d: AuthDeps): void {
  // Computed per request: with an ephemeral port the origin is known only after listen().
  const discovery = async (_req: unknown, reply: FastifyReply) =>
    reply.header('Access-Control-Allow-Origin', '*').send(smartConfiguration(d));
  app.get('/fhir/.well-known/smart-configuration', discovery);
  app.get('/auth/.well-known/openid-configuration', async (_req, reply) => {
    const config = smartConfiguration(d);
    return reply.header('Access-Control-Allow-Origin', '*').send({
      issuer: config.issuer,
      jwks_uri: config.jwks_uri,
      authorization_endpoint: config.authorization_endpoint,
      token_endpoint: config.token_endpoint,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });
  app.get('/auth/jwks', async (_req, reply) =>
    reply.header('Access-Control-Allow-Origin', '*').send(jwks(d.idTokenKey)),
  );

  const authorize = async (params: Record<string, unknown>, reply: FastifyReply) => {
    const clientId = first(params.client_id);
    const redirectUri = first(params.redirect_uri);
    const client = d.clients.find((c) => c.clientId === clientId);
    // Until client and redirect_uri are trusted, errors are shown here, never sent to the given URI.
    if (!client) return errorPage(reply, 400, 'Unknown client_id.');
    if (!redirectUri || !client.redirectUris.includes(redirectUri))
      return errorPage(reply, 400, 'redirect_uri is not registered for this client.');
    const state = first(params.state);
    const fail = (error: string, description: string) =>
      redirectWith(reply, redirectUri, { error, error_description: description, state });
    if (first(params.response_type) !== 'code') return fail('unsupported_response_type', 'response_type must be code');
    if (!state) return fail('invalid_request', 'state is required');
    const aud = first(params.aud) ?? '';
    const tokenPolicy = aud === d.fhirBase ? undefined : d.audience?.(aud);
    if (aud !== d.fhirBase && !tokenPolicy)
      return fail('invalid_request', 'aud must be the FHIR base URL of this server');
    const method = first(params.code_challenge_method);
    const challenge = first(params.code_challenge);
    if (method !== 'S256') return fail('invalid_request', 'PKCE with code_challenge_method=S256 is required');
    if (!challenge || !/^[A-Za-z0-9_-]{43}$/.test(challenge))
      return fail('invalid_request', 'code_challenge is missing or malformed');
    // Least privilege: never more than the client's registration allows, whatever it asks for.
    const scope = capToRegistered(parseScopes(first(params.scope) ?? ''), parseScopes(client.scope));

    const launchId = first(params.launch);
    let launch: LaunchContext | undefined;
    if (launchId !== undefined) {
      launch = d.state.takeLaunch(launchId);
      if (!launch) return fail('invalid_request', 'unknown, expired or already used launch');
      if (!scope.launch) return fail('invalid_scope', 'an EHR launch must request the launch scope');
      if (launch.fault?.kind === 'invalid-scope')
        return fail('invalid_scope', 'requested scope is not allowed (injected error)');
    } else if (scope.launch) {
      return fail('invalid_request', 'the launch scope needs a launch parameter');
    }
    const req: AuthRequest = {
      clientId: client.clientId,
      redirectUri,
      scope,
      state,
      codeChallenge: challenge,
      ...(launch ? { launch } : {}),
      audience: aud,
      ...(tokenPolicy ? { tokenPolicy } : {}),
    };
    // Access beyond one patient's compartment needs a practitioner signed in here first.
    if (hasUserScopes(scope))
      return noStore(reply).redirect(`/auth/sign-in?request=${encodeURIComponent(d.state.addPending(req))}`, 302);
    return proceed(reply, req);
  };

  const proceed = (reply: FastifyReply, req: AuthRequest) => {
    const needsPatient = req.scope.launchPatient || req.scope.resources.some((r) => r.level === 'patient');
    if (!req.launch && needsPatient) {
      // Standalone launch: the user picks the patient in context.
      return noStore(reply).redirect(
        `/auth/select-patient?request=${encodeURIComponent(d.state.addPending(req))}`,
        302,
      );
    }
    return issue(
      reply,
      req,
      req.launch && req.practitioner ? { ...req.launch, practitioner: req.practitioner } : req.launch,
    );
  };

  const issue = (reply: FastifyReply, req: AuthRequest, ctx: LaunchContext | undefined) => {
    const scope = ctx?.fault?.kind === 'deny-scope' ? withoutType(req.scope, ctx.fault.resourceType) : req.scope;
    const session: Session = {
      clientId: req.clientId,
      scope,
      context: ctx,
      fault: ctx?.fault,
      fhirRequests: 0,
      revoked: false,
      ...(req.practitioner ? { practitioner: req.practitioner } : {}),
      ...(req.audience ? { audience: req.audience } : {}),
      ...(req.tokenPolicy ? { tokenPolicy: req.tokenPolicy } : {}),
    };
    const code = d.state.issueCode({ session, redirectUri: req.redirectUri, codeChallenge: req.codeChallenge });
    return redirectWith(reply, req.redirectUri, { code, state: req.state });
  };

  app.get('/auth/authorize', async (req, reply) => authorize(req.query as Record<string, unknown>, reply));
  app.post('/auth/authorize', async (req, reply) => authorize((req.body ?? {}) as Record<string, unknown>, reply));

  /** A page of this server that asks the user one thing about a pending authorization request. */
  const pickerPage = (
    reply: FastifyReply,
    title: string,
    pending: AuthRequest,
    what: string,
    action: string,
    requestId: string,
    controls: SafeHtml,
  ) => {
    const client = d.clients.find((c) => c.clientId === pending.clientId);
    const body = html`<main class="picker">
      <h1>${title}</h1>
      <p>
        <strong>${client?.name ?? pending.clientId}</strong> asks for ${what}:
        <code>${pending.scope.granted.join(' ')}</code>
      </p>
      <form method="post" action="${action}">
        <input type="hidden" name="request" value="${requestId}" />${controls}
      </form>
    </main>`;
    return noStore(reply)
      .header('Content-Security-Policy', PAGE_CSP)
      .type('text/html; charset=utf-8')
      .send(page(title, body));
  };

  app.get('/auth/sign-in', async (req, reply) => {
    const id = first((req.query as Record<string, unknown>).request) ?? '';
    const pending = d.state.peekPending(id);
    if (!pending) return errorPage(reply, 400, EXPIRED_REQUEST);
    const practitioners = await d.listPractitioners();
    return pickerPage(
      reply,
      'Practitioner sign-in (simulated)',
      pending,
      'access beyond one patient',
      '/auth/sign-in',
      id,
      html` <ul class="patients">
          ${practitioners.map((p) => html`<li><button type="submit" name="practitioner" value="${p.id ?? ''}">Sign in as ${practitionerLabel(p)}</button></li>`)}
        </ul>
        <button type="submit" name="cancel" value="1">Cancel</button>`,
    );
  });

  app.post('/auth/sign-in', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const pending = d.state.takePending(first(body.request) ?? '');
    if (!pending) return errorPage(reply, 400, EXPIRED_REQUEST);
    const id = first(body.practitioner);
    const known =
      id !== undefined && first(body.cancel) === undefined && (await d.listPractitioners()).some((p) => p.id === id);
    if (!known) {
      return redirectWith(reply, pending.redirectUri, {
        error: 'invalid_scope',
        error_description: 'user-level scopes need a practitioner sign-in',
        state: pending.state,
      });
    }
    return proceed(reply, { ...pending, practitioner: `Practitioner/${id}` });
  });

  app.get('/auth/select-patient', async (req, reply) => {
    const id = first((req.query as Record<string, unknown>).request) ?? '';
    const pending = d.state.peekPending(id);
    if (!pending) return errorPage(reply, 400, EXPIRED_REQUEST);
    const patients = await d.listPatients();
    return pickerPage(
      reply,
      'Select a patient',
      pending,
      'this grant',
      '/auth/select-patient',
      id,
      html` <label
          >Injected error
          <select name="fault">
            ${FAULT_CHOICES.filter((f) => f.value !== 'invalid-scope').map((f) => html`<option value="${f.value}">${f.label}</option>`)}
          </select></label
        >
        <ul class="patients">
          ${patients.map((p) => html`<li><button type="submit" name="patient" value="${p.id ?? ''}">${patientLabel(p)}</button></li>`)}
        </ul>`,
    );
  });

  app.post('/auth/select-patient', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const pending = d.state.takePending(first(body.request) ?? '');
    if (!pending) return errorPage(reply, 400, EXPIRED_REQUEST);
    const patientId = first(body.patient) ?? '';
    if (!(await d.listPatients()).some((p) => p.id === patientId)) return errorPage(reply, 400, 'Unknown patient.');
    let fault;
    try {
      fault = parseFault(first(body.fault));
    } catch {
      return errorPage(reply, 400, 'Unknown injected error.');
    }
    // A standalone launch inside no EHR frame: the app must show its own banner.
    return issue(reply, pending, {
      patient: patientId,
      practitioner: pending.practitioner ?? d.practitioner,
      needPatientBanner: true,
      ...(fault ? { fault } : {}),
    });
  });

  app.post('/auth/token', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const err = (status: number, error: string, description: string) =>
      noStore(reply).code(status).send({ error, error_description: description });
    const grantType = first(body.grant_type);
    if (grantType === 'authorization_code') {
      const code = first(body.code);
      if (!code) return err(400, 'invalid_request', 'code is required');
      const grant = d.state.redeemCode(code);
      if (grant === 'reused')
        return err(400, 'invalid_grant', 'authorization code was already used; its tokens are revoked');
      if (!grant) return err(400, 'invalid_grant', 'authorization code is unknown or expired');
      if (first(body.client_id) !== grant.session.clientId)
        return err(400, 'invalid_grant', 'client_id does not match the code');
      if (first(body.redirect_uri) !== grant.redirectUri)
        return err(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
      const verifier = first(body.code_verifier);
      if (!isValidVerifier(verifier)) return err(400, 'invalid_request', 'a PKCE code_verifier is required');
      if (s256(verifier) !== grant.codeChallenge)
        return err(400, 'invalid_grant', 'code_verifier does not match code_challenge');
      return noStore(reply).send(await tokenResponse(grant.session, grant.session.fault?.kind === 'expired-token'));
    }
    if (grantType === 'refresh_token') {
      const token = first(body.refresh_token);
      if (!token) return err(400, 'invalid_request', 'refresh_token is required');
      // A public client has no secret: its client_id is the least a refresh must name.
      const clientId = first(body.client_id);
      if (!clientId) return err(400, 'invalid_request', 'client_id is required');
      const session = d.state.redeemRefresh(token);
      if (session === 'reused')
        return err(400, 'invalid_grant', 'refresh token was already used; the session is revoked');
      if (session === 'expired') return err(400, 'invalid_grant', 'refresh token has expired; launch the app again');
      if (!session) return err(400, 'invalid_grant', 'refresh token is unknown or revoked');
      if (clientId !== session.clientId) return err(400, 'invalid_grant', 'client_id does not match');
      const scope = first(body.scope);
      if (scope !== undefined) {
        if (!isSubset(scope, session.scope.granted))
          return err(400, 'invalid_scope', 'a refresh may only narrow the granted scope');
        session.scope = parseScopes(scope);
      }
      return noStore(reply).send(await tokenResponse(session, false, session.tokenPolicy?.rotateRefresh === false));
    }
    return err(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
  });

  const tokenResponse = async (
    session: Session,
    expired: boolean,
    keepRefresh = false,
  ): Promise<Record<string, unknown>> => {
    const { token, expiresIn } = d.state.issueAccess(session, expired);
    const ctx = session.context;
    const s = session.scope;
    const res: Record<string, unknown> = {
      access_token: token,
      token_type: 'Bearer',
      expires_in: expiresIn,
      scope: s.granted.join(' '),
    };
    if (ctx) {
      res.patient = ctx.patient;
      if (ctx.encounter && (s.launch || s.granted.includes('launch/encounter'))) res.encounter = ctx.encounter;
      res.need_patient_banner = ctx.needPatientBanner;
      res.smart_style_url = `${d.ehrOrigin}/ehr/assets/smart-style.json`;
      if (ctx.appContext) res.appContext = ctx.appContext;
    }
    const practitioner = ctx?.practitioner ?? session.practitioner ?? d.practitioner;
    if (s.fhirUser) res.fhirUser = `${d.fhirBase}/${practitioner}`;
    if (s.openid && s.fhirUser) {
      res.id_token = await signIdToken(d.idTokenKey, {
        issuer: `${d.ehrOrigin}/auth`,
        audience: session.clientId,
        subject: practitioner,
        fhirUser: `${d.fhirBase}/${practitioner}`,
        ttlSeconds: expiresIn,
      });
    }
    if ((s.offlineAccess || s.onlineAccess) && !keepRefresh) res.refresh_token = d.state.issueRefresh(session);
    return res;
  };
}

function practitionerLabel(p: Practitioner): string {
  const n = p.name?.[0];
  return n ? [n.prefix?.join(' '), n.given?.join(' '), n.family].filter(Boolean).join(' ') : (p.id ?? '');
}

export function patientLabel(p: Patient): string {
  const n = p.name?.[0];
  const name = n ? [n.given?.join(' '), n.family].filter(Boolean).join(' ') : (p.id ?? '');
  return `${name} (${p.gender ?? 'unknown'}, born ${p.birthDate ?? 'unknown'})`;
}
