// A field for one input, typed by the vocabulary; every valid change is applied at once.
import { useState } from 'preact/hooks';
import { InputValidationError, validateInputValue } from '../../domain/validate.ts';
import { INPUTS, type InputName, type InputSpec, type InputValue } from '../../domain/vocabulary.ts';
import { valueWords } from '../view/words.ts';

interface Props {
  name: InputName;
  value: InputValue | undefined;
  onChange: (value: InputValue | undefined) => void;
}

function optionsOf(spec: InputSpec): (string | number | boolean)[] {
  if (spec.type === 'boolean') return [true, false];
  if (spec.type === 'enum') return [...spec.values];
  return [];
}

export function InputEditor({ name, value, onChange }: Props) {
  const spec: InputSpec = INPUTS[name];
  const id = `edit-${name}`;
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [error, setError] = useState<string | null>(null);

  if (spec.type === 'boolean' || spec.type === 'enum') {
    const options = optionsOf(spec);
    return (
      <select
        id={id}
        aria-label={INPUTS[name].label}
        value={value === undefined ? '' : String(value)}
        onChange={(e) => {
          const raw = (e.currentTarget as HTMLSelectElement).value;
          const chosen = options.find((o) => String(o) === raw);
          onChange(chosen as InputValue | undefined);
        }}
      >
        <option value="">— not known —</option>
        {options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {valueWords(name, o as InputValue)}
          </option>
        ))}
      </select>
    );
  }

  const unit = spec.type === 'number' ? spec.unit : (spec.unit ?? '');
  return (
    <span class="number-editor">
      <input
        id={id}
        type="number"
        inputMode={spec.type === 'integer' ? 'numeric' : 'decimal'}
        step={spec.type === 'integer' ? 1 : 'any'}
        min={spec.min}
        max={spec.max}
        aria-label={`${INPUTS[name].label}${unit ? ` (${unit})` : ''}`}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? `${id}-error` : undefined}
        value={text}
        onInput={(e) => {
          const raw = (e.currentTarget as HTMLInputElement).value;
          setText(raw);
          if (raw.trim() === '') {
            setError(null);
            onChange(undefined);
            return;
          }
          try {
            onChange(validateInputValue(name, Number(raw)));
            setError(null);
          } catch (err) {
            setError(err instanceof InputValidationError ? err.message.replace(`${name}: `, '') : 'invalid value');
          }
        }}
      />
      {unit && <span class="unit"> {unit}</span>}
      {error && (
        <span id={`${id}-error`} class="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
