// "What drives it": each term's effect on the odds for this patient, largest first, in words.
import { formatOdds } from '../../models/display.ts';
import type { ModelResult } from '../../models/result.ts';
import { termWords } from '../view/words.ts';

export function Drivers({ models }: { models: ModelResult[] }) {
  const withTerms = models.flatMap((m) =>
    'contributions' in m && m.contributions.some((c) => c.value !== 0)
      ? [{ ...m, contributions: m.contributions }]
      : [],
  );
  if (withTerms.length === 0) return null;
  return (
    <section aria-labelledby="drivers-heading" class="drivers">
      <h2 id="drivers-heading">What drives the estimates</h2>
      {withTerms.map((m) => {
        const terms = m.contributions
          .filter((c) => c.value !== 0)
          .sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
        return (
          <div key={m.id}>
            <h3>{m.title}</h3>
            <ul>
              {terms.map((c) => (
                <li key={c.term} class={c.value > 0 ? 'raises' : 'lowers'}>
                  {termWords(c.label)}: {c.value > 0 ? 'raises' : 'lowers'} the odds ×{formatOdds(Math.exp(c.value))}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
