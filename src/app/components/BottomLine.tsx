// The bottom line first: one line per model that applies (its number, range or why not) and one
// per trial that applies or might apply, with the unknown criteria as questions.
import { useLayoutEffect } from 'preact/hooks';
import { bottomLines, type BottomLineSource } from '../../cds/wording.ts';
import { markCardPainted } from '../card-painted.ts';

export function BottomLine({ assessment }: { assessment: BottomLineSource }) {
  const { models, trials } = bottomLines(assessment);
  useLayoutEffect(markCardPainted, []);
  return (
    <section aria-labelledby="bottom-line-heading" class="bottom-line">
      <h2 id="bottom-line-heading">Bottom line</h2>
      <ul class="bottom-models">
        {models.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {trials.length > 0 && (
        <ul class="bottom-trials" aria-label="Trials that apply or might apply">
          {trials.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
