// Validation of a plain `{ inputName: value }` object (CLI --inputs, clinician edits).
import { emptyFacts, present, type ClinicalFacts, type Fact } from './facts.ts';
import { INPUTS, isInputName, type InputName, type InputSpec, type InputValue } from './vocabulary.ts';

export class InputValidationError extends Error {
  override readonly name = 'InputValidationError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

function describeExpected(spec: InputSpec): string {
  switch (spec.type) {
    case 'number':
      return `a number of ${spec.unit} from ${spec.min} to ${spec.max}`;
    case 'integer':
      return `a whole number from ${spec.min} to ${spec.max}`;
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
}

/** Checks one value against its input's type and plausible range; throws naming the field. */
export function validateInputValue(name: string, value: unknown): InputValue {
  if (!isInputName(name)) throw new InputValidationError(name, 'unknown input name');
  const spec: InputSpec = INPUTS[name];
  if (spec.derivedOnly) {
    throw new InputValidationError(name, 'is derived by Nodal Risk and cannot be given directly');
  }
  switch (spec.type) {
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongValue(name, spec, value);
      if (spec.type === 'integer' && !Number.isInteger(value)) throw wrongValue(name, spec, value);
      if (value < spec.min || value > spec.max) throw wrongValue(name, spec, value);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongValue(name, spec, value);
      return value;
    case 'enum':
      if (!spec.values.includes(value as string | number)) throw wrongValue(name, spec, value);
      return value as InputValue;
  }
}

// A function of its own, not a closure: every candidate value of every record is checked here.
function wrongValue(name: string, spec: InputSpec, value: unknown): InputValidationError {
  return new InputValidationError(name, `expected ${describeExpected(spec)}, got ${JSON.stringify(value)}`);
}

/**
 * Turns a plain object of clinician-entered values into facts (origin "clinician").
 * `null` means "explicitly unknown" and stays missing.
 */
export function factsFromPlainInputs(raw: unknown): ClinicalFacts {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputValidationError('(inputs)', 'expected a JSON object of { inputName: value }');
  }
  const facts = emptyFacts() as Record<InputName, Fact>;
  for (const [name, value] of Object.entries(raw)) {
    if (value === null) {
      if (!isInputName(name)) throw new InputValidationError(name, 'unknown input name');
      continue;
    }
    const valid = validateInputValue(name, value);
    facts[name as InputName] = present(valid, 'clinician', [{ reference: 'clinician' }]);
  }
  checkNodeCounts(facts as ClinicalFacts);
  return facts as ClinicalFacts;
}

function checkNodeCounts(facts: ClinicalFacts): void {
  const count = (name: 'slnExamined' | 'slnPositive' | 'slnItcOnly' | 'slnMacroCount') => {
    const f = facts[name];
    return f.status === 'present' ? f.value : undefined;
  };
  const examined = count('slnExamined');
  const positive = count('slnPositive');
  const itc = count('slnItcOnly');
  const macro = count('slnMacroCount');
  if (macro !== undefined && positive !== undefined && macro > positive) {
    throw new InputValidationError(
      'slnMacroCount',
      `${macro} nodes with a macrometastasis is more than the ${positive} positive sentinel nodes given`,
    );
  }
  if (examined === undefined) return;
  const involved = (positive ?? 0) + (itc ?? 0);
  if (involved > examined) {
    throw new InputValidationError(
      'slnExamined',
      `${examined} examined is fewer than the ${involved} positive or ITC-only sentinel nodes given`,
    );
  }
}
