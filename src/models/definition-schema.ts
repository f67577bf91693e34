// JSON Schema (draft-07) of the model-definition format of definition.ts, used to validate
// deployment config and, in the tests, every built-in model.
import { INPUT_NAMES } from '../domain/vocabulary.ts';

const inputName = { type: 'string', enum: INPUT_NAMES };
const primitive = { type: ['string', 'number', 'boolean'] };
const finite = { type: 'number' };
const text = { type: 'string', minLength: 1 };

export const MODEL_DEFINITION_SCHEMA = {
  $id: 'https://nodal-risk.invalid/schemas/model-definition.json',
  definitions: {
    condition: {
      oneOf: [
        {
          type: 'object',
          required: ['input', 'equals'],
          additionalProperties: false,
          properties: { input: inputName, equals: primitive },
        },
        {
          type: 'object',
          required: ['input', 'in'],
          additionalProperties: false,
          properties: { input: inputName, in: { type: 'array', minItems: 1, items: primitive } },
        },
        {
          type: 'object',
          required: ['input'],
          minProperties: 2,
          additionalProperties: false,
          properties: { input: inputName, atLeast: finite, atMost: finite, above: finite, below: finite },
        },
        {
          type: 'object',
          required: ['all'],
          additionalProperties: false,
          properties: { all: { type: 'array', minItems: 1, items: { $ref: '#/definitions/condition' } } },
        },
        {
          type: 'object',
          required: ['any'],
          additionalProperties: false,
          properties: { any: { type: 'array', minItems: 1, items: { $ref: '#/definitions/condition' } } },
        },
        {
          type: 'object',
          required: ['not'],
          additionalProperties: false,
          properties: { not: { $ref: '#/definitions/condition' } },
        },
      ],
    },
    requirement: {
      type: 'object',
      required: ['condition', 'reason', 'whenUnknown'],
      additionalProperties: false,
      properties: {
        condition: { $ref: '#/definitions/condition' },
        reason: text,
        whenUnknown: { enum: ['missing', 'warn', 'not-applicable', 'accept'] },
        unknownText: text,
        population: { type: 'boolean' },
      },
    },
    term: {
      oneOf: [
        {
          type: 'object',
          required: ['id', 'label', 'type', 'when', 'coefficient'],
          additionalProperties: false,
          properties: {
            id: text,
            label: text,
            type: { const: 'indicator' },
            when: { $ref: '#/definitions/condition' },
            coefficient: finite,
          },
        },
        {
          type: 'object',
          required: ['id', 'label', 'type', 'levels'],
          additionalProperties: false,
          properties: {
            id: text,
            label: text,
            type: { const: 'levels' },
            levels: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                required: ['label', 'when', 'coefficient'],
                additionalProperties: false,
                properties: { label: text, when: { $ref: '#/definitions/condition' }, coefficient: finite },
              },
            },
          },
        },
        {
          type: 'object',
          required: ['id', 'label', 'type', 'input', 'coefficient'],
          additionalProperties: false,
          properties: {
            id: text,
            label: text,
            type: { const: 'numeric' },
            input: inputName,
            scale: finite,
            transform: { enum: ['identity', 'sqrt'] },
            unit: text,
            adds: {
              type: 'array',
              items: {
                type: 'object',
                required: ['input', 'when'],
                additionalProperties: false,
                properties: { input: inputName, when: { $ref: '#/definitions/condition' } },
              },
            },
            coefficient: finite,
          },
        },
      ],
    },
    oddsFactor: {
      type: 'object',
      required: ['id', 'label', 'oddsRatio', 'shows'],
      additionalProperties: false,
      properties: {
        id: text,
        label: text,
        oddsRatio: { type: 'number', exclusiveMinimum: 0 },
        ci95: { type: 'array', items: finite, minItems: 2, maxItems: 2 },
        when: { $ref: '#/definitions/condition' },
        shows: { type: 'array', items: inputName },
        uncodableReason: text,
      },
      // A factor without coding must say why it is left out of the product.
      anyOf: [{ required: ['when'] }, { required: ['uncodableReason'] }],
    },
    inputRanges: {
      type: 'array',
      items: {
        type: 'object',
        required: ['input', 'min', 'max', 'label'],
        additionalProperties: false,
        properties: { input: inputName, min: finite, max: finite, label: text },
      },
    },
    riskFactor: {
      type: 'object',
      required: ['id', 'label', 'inputs', 'describe'],
      additionalProperties: false,
      properties: {
        id: text,
        label: text,
        presentWhen: { $ref: '#/definitions/condition' },
        inputs: { type: 'array', items: inputName },
        describe: text,
        noCutoffText: text,
        coefficient: finite,
      },
    },
  },
  type: 'object',
  required: ['id', 'title', 'kind', 'outcome', 'population', 'citations', 'requirements'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
    title: text,
    shortTitle: text,
    kind: { enum: ['probability', 'relative-odds', 'risk-factors'] },
    outcome: text,
    population: text,
    citations: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['text'], additionalProperties: false, properties: { text: text, doi: text } },
    },
    docsSection: text,
    performance: text,
    notes: { type: 'array', items: text },
    requirements: { type: 'array', items: { $ref: '#/definitions/requirement' } },
    validatedRanges: { $ref: '#/definitions/inputRanges' },
    acceptedRanges: { $ref: '#/definitions/inputRanges' },
    rangeOver: { type: 'array', items: inputName },
    caveats: {
      type: 'array',
      items: {
        type: 'object',
        required: ['when', 'text'],
        additionalProperties: false,
        properties: { when: { $ref: '#/definitions/condition' }, text: text },
      },
    },
    intercept: finite,
    terms: { type: 'array', items: { $ref: '#/definitions/term' } },
    oddsFactors: { type: 'array', items: { $ref: '#/definitions/oddsFactor' } },
    observedRates: {
      type: 'array',
      items: {
        type: 'object',
        required: ['when', 'label', 'source'],
        anyOf: [{ required: ['events', 'total'] }, { required: ['rate'] }],
        additionalProperties: false,
        properties: {
          when: { $ref: '#/definitions/condition' },
          label: text,
          outcome: text,
          events: { type: 'integer', minimum: 0 },
          total: { type: 'integer', minimum: 1 },
          rate: { type: 'number', minimum: 0, maximum: 1 },
          source: text,
        },
      },
    },
    riskFactors: { type: 'array', items: { $ref: '#/definitions/riskFactor' } },
    statistics: { type: 'array', items: text },
    locallyConfigured: { type: 'boolean' },
    localCalibration: {
      type: 'object',
      required: ['intercept', 'source'],
      additionalProperties: false,
      properties: { intercept: finite, source: text, label: text },
    },
  },
  allOf: [
    { if: { properties: { kind: { const: 'probability' } } }, then: { required: ['intercept', 'terms'] } },
    { if: { properties: { kind: { const: 'relative-odds' } } }, then: { required: ['oddsFactors'] } },
    { if: { properties: { kind: { const: 'risk-factors' } } }, then: { required: ['riskFactors'] } },
  ],
} as const;

/** Deployment config: locally configured models and locally calibrated intercepts. */
export const LOCAL_MODEL_CONFIG_SCHEMA = {
  $id: 'https://nodal-risk.invalid/schemas/local-models.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    models: { type: 'array', items: { $ref: 'https://nodal-risk.invalid/schemas/model-definition.json' } },
    // A relative-odds model takes a fitted `intercept`; a probability model an `interceptShift`
    // added to its published intercept. `cohort` says what the calibration was fitted on.
    calibrations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['model', 'source'],
        additionalProperties: false,
        properties: {
          model: text,
          intercept: finite,
          interceptShift: finite,
          source: text,
          cohort: {
            type: 'object',
            required: ['patients', 'from', 'to'],
            additionalProperties: false,
            properties: {
              patients: { type: 'integer', minimum: 1 },
              events: { type: 'integer', minimum: 0 },
              from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
              to: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
              site: text,
            },
          },
        },
        oneOf: [{ required: ['intercept'] }, { required: ['interceptShift'] }],
      },
    },
  },
} as const;
