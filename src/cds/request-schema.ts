// JSON schemas of what CDS clients send (CDS Hooks 2.0 "Calling a CDS Service", "Feedback"),
// compiled once. FHIR resources inside context and prefetch are checked only for shape here;
// extraction treats their content as hostile input.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

const nonEmpty = { type: 'string', minLength: 1, maxLength: 4096 } as const;
const reference = (types: string[]) => ({ type: 'string', pattern: `^(${types.join('|')})/[A-Za-z0-9\\-.]{1,64}$` });
const resource = { type: 'object', required: ['resourceType'], properties: { resourceType: nonEmpty } } as const;

const draftOrders = {
  type: 'object',
  required: ['resourceType'],
  properties: {
    resourceType: { const: 'Bundle' },
    entry: {
      type: 'array',
      maxItems: 1000,
      items: { type: 'object', properties: { resource } },
    },
  },
} as const;

const patientContext = {
  userId: reference(['Practitioner', 'PractitionerRole', 'Patient', 'RelatedPerson']),
  patientId: { type: 'string', pattern: '^[A-Za-z0-9\\-.]{1,64}$' },
  encounterId: { type: 'string', pattern: '^[A-Za-z0-9\\-.]{1,64}$' },
} as const;

function hookRequest(hook: string, context: object, requiredContext: string[]): object {
  return {
    type: 'object',
    required: ['hook', 'hookInstance', 'context'],
    properties: {
      hook: { const: hook },
      hookInstance: { type: 'string', minLength: 1, maxLength: 128 },
      fhirServer: { type: 'string', pattern: '^https?://[^\\s]+$', maxLength: 2048 },
      fhirAuthorization: {
        type: 'object',
        required: ['access_token', 'token_type', 'expires_in', 'scope', 'subject'],
        properties: {
          access_token: nonEmpty,
          token_type: { const: 'Bearer' },
          expires_in: { type: 'integer', minimum: 0 },
          scope: nonEmpty,
          subject: nonEmpty,
          patient: { type: 'string' },
        },
      },
      context: { type: 'object', required: requiredContext, properties: context },
      prefetch: {
        type: 'object',
        // Null (no data) or a resource. One type list rather than anyOf: anyOf records a failed
        // branch for every key before trying the next. `required` and `properties` apply to objects only.
        additionalProperties: {
          type: ['object', 'null'],
          required: resource.required,
          properties: resource.properties,
        },
      },
    },
    // cds-r-1: a token is only usable with the server it was issued for.
    dependencies: { fhirAuthorization: ['fhirServer'] },
  };
}

export const HOOK_REQUEST_SCHEMAS = {
  'patient-view': hookRequest('patient-view', patientContext, ['userId', 'patientId']),
  'order-select': hookRequest(
    'order-select',
    { ...patientContext, selections: { type: 'array', minItems: 1, maxItems: 1000, items: nonEmpty }, draftOrders },
    ['userId', 'patientId', 'selections', 'draftOrders'],
  ),
  'order-sign': hookRequest('order-sign', { ...patientContext, draftOrders }, ['userId', 'patientId', 'draftOrders']),
} as const;

export type HookName = keyof typeof HOOK_REQUEST_SCHEMAS;

export const FEEDBACK_SCHEMA = {
  type: 'object',
  required: ['feedback'],
  properties: {
    feedback: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: {
        type: 'object',
        required: ['card', 'outcome', 'outcomeTimestamp'],
        properties: {
          card: { type: 'string', minLength: 1, maxLength: 128 },
          outcome: { enum: ['accepted', 'overridden'] },
          acceptedSuggestions: {
            type: 'array',
            items: { type: 'object', required: ['id'], properties: { id: nonEmpty } },
          },
          overrideReason: {
            type: 'object',
            properties: {
              reason: { type: 'object', properties: { system: { type: 'string' }, code: { type: 'string' } } },
              userComment: { type: 'string' },
            },
          },
          outcomeTimestamp: { type: 'string', minLength: 1, maxLength: 64 },
        },
        // cds-fb-1: accepted feedback names the suggestions taken.
        if: { properties: { outcome: { const: 'accepted' } } },
        then: { required: ['acceptedSuggestions'] },
      },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: false, strict: false });

export interface HookRequest {
  hook: HookName;
  hookInstance: string;
  fhirServer?: string;
  fhirAuthorization?: {
    access_token: string;
    token_type: 'Bearer';
    expires_in: number;
    scope: string;
    subject: string;
    patient?: string;
  };
  context: {
    userId: string;
    patientId: string;
    encounterId?: string;
    selections?: string[];
    draftOrders?: {
      resourceType: 'Bundle';
      entry?: { resource?: { resourceType: string } & Record<string, unknown> }[];
    };
  };
  prefetch?: Record<string, ({ resourceType: string } & Record<string, unknown>) | null>;
}

export interface FeedbackRequest {
  feedback: {
    card: string;
    outcome: 'accepted' | 'overridden';
    acceptedSuggestions?: { id: string }[];
    overrideReason?: { reason?: { system?: string; code?: string }; userComment?: string };
    outcomeTimestamp: string;
  }[];
}

const hookValidators = Object.fromEntries(
  Object.entries(HOOK_REQUEST_SCHEMAS).map(([hook, schema]) => [hook, ajv.compile(schema)]),
) as Record<HookName, ValidateFunction>;
const feedbackValidator = ajv.compile(FEEDBACK_SCHEMA);

/** One line naming where the body is wrong, e.g. "/context/patientId must match pattern …". */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

function describe(errors: ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (!e) return 'request body is invalid';
  const where = e.instancePath || 'body';
  // ajv messages name the rule (pattern, type, required property), never the offending value.
  return `${where} ${e.message ?? 'is invalid'}`;
}

export function checkHookRequest(hook: HookName, body: unknown): Checked<HookRequest> {
  const validate = hookValidators[hook];
  return validate(body) ? { ok: true, value: body as HookRequest } : { ok: false, message: describe(validate.errors) };
}

export function checkFeedback(body: unknown): Checked<FeedbackRequest> {
  return feedbackValidator(body)
    ? { ok: true, value: body as FeedbackRequest }
    : { ok: false, message: describe(feedbackValidator.errors) };
}
