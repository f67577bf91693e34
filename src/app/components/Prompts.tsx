// The unknowns that matter, asked once at the top; an answer is a what-if edit, marked and resettable.
import type { InputName, InputValue } from '../../domain/vocabulary.ts';
import type { Prompt } from '../view/prompts.ts';

interface Props {
  prompts: Prompt[];
  onChange: (name: InputName, value: InputValue | undefined) => void;
}

function PromptRow({ prompt, onChange }: { prompt: Prompt; onChange: Props['onChange'] }) {
  const id = `prompt-${prompt.id}`;
  const answer = (set: Prompt['choices'][number]['set']) => {
    for (const [name, value] of Object.entries(set) as [InputName, InputValue | undefined][]) onChange(name, value);
  };
  return (
    <div class={prompt.answer ? 'prompt answered' : 'prompt'} role="group" aria-labelledby={id}>
      <span id={id} class="prompt-question">
        {prompt.question}
      </span>{' '}
      {prompt.answer ? (
        <span class="prompt-answer">
          <span class="badge badge-clinician">What-if</span> {prompt.answer.label}{' '}
          <button type="button" class="secondary" onClick={() => prompt.inputs.forEach((n) => onChange(n, undefined))}>
            Reset
          </button>
        </span>
      ) : (
        <>
          <span class="prompt-unanswered">{prompt.unanswered}</span>{' '}
          <span class="prompt-choices">
            {prompt.choices.map((c) => (
              <button key={c.label} type="button" class="secondary" onClick={() => answer(c.set)}>
                {c.label}
              </button>
            ))}
          </span>
        </>
      )}
    </div>
  );
}

export function Prompts({ prompts, onChange }: Props) {
  if (prompts.length === 0) return null;
  return (
    <section aria-labelledby="prompts-heading" class="prompts notice">
      <h2 id="prompts-heading">Questions that change the result</h2>
      {prompts.map((p) => (
        <PromptRow key={p.id} prompt={p} onChange={onChange} />
      ))}
    </section>
  );
}
