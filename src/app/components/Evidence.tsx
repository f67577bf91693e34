// The trials and guidelines that fit this patient's situation: each with its verdict, the
// criteria that decide it, its results (arm by arm) and its sources; then the notes.
import {
  VERDICT_TEXT,
  criterionLabel,
  criterionStatusText,
  resultText,
  type CriterionResult,
  type EvidenceEntry,
  type EvidenceNote,
  type ResultDef,
} from '../../models/evidence/index.ts';

function CriterionItem({ c }: { c: CriterionResult }) {
  return (
    <li class={`criterion criterion-${c.status}`}>
      <span class="criterion-status">{criterionStatusText(c)}</span> {criterionLabel(c)}
    </li>
  );
}

function Result({ r }: { r: ResultDef }) {
  return (
    <li>
      {resultText(r)}. <cite>{r.citation}</cite>
    </li>
  );
}

function Entry({ e }: { e: EvidenceEntry }) {
  return (
    <article class={`evidence-item applies-${e.applies}`} data-evidence-id={e.id} data-applies={e.applies}>
      <h3>
        {e.title} <span class={`verdict verdict-${e.applies}`}>{VERDICT_TEXT[e.applies]}</span>
        {e.superseded && <span class="superseded-tag"> superseded</span>}
      </h3>
      {e.questions.length > 0 && <p class="questions">To answer: {e.questions.join(' ')}</p>}
      <div class="evidence-detail">
        <p>{e.population.text}</p>
        <ul class="checklist" aria-label={`${e.title} criteria`}>
          {e.criteria.map((c) => (
            <CriterionItem key={c.id} c={c} />
          ))}
        </ul>
        {e.results[0] && (
          <p class="headline-result">
            {resultText(e.results[0])}. <cite>{e.results[0].citation}</cite>
          </p>
        )}
        {e.kind === 'trial' && e.results.length === 0 && <p>Results: not published.</p>}
        <details class="evidence-sources">
          <summary>{e.results.length > 1 ? `All ${e.results.length} results and sources` : 'Sources'}</summary>
          {e.results.length > 1 && (
            <ul class="evidence-results" aria-label={`${e.title} results`}>
              {e.results.map((r) => (
                <Result key={r.endpoint} r={r} />
              ))}
            </ul>
          )}
          {e.context.map((c) => (
            <p key={c.text} class="evidence-context">
              {c.text} <cite>{c.citation}</cite>
            </p>
          ))}
          {e.notPublished.length > 0 && <p class="not-published">Not published: {e.notPublished.join('; ')}.</p>}
          {e.superseded && <p class="superseded">{e.superseded}</p>}
          <p class="citation">{e.citation}</p>
        </details>
      </div>
    </article>
  );
}

function Note({ n }: { n: EvidenceNote }) {
  return (
    <article class="evidence-note">
      <h3>{n.title}</h3>
      <ul>
        {n.statements.map((s) => (
          <li key={s.text}>
            {s.text} <cite>{s.citation}</cite>
          </li>
        ))}
      </ul>
    </article>
  );
}

export function Evidence({ entries, notes }: { entries: EvidenceEntry[]; notes: EvidenceNote[] }) {
  const trials = entries.filter((e) => e.kind === 'trial');
  const guidelines = entries.filter((e) => e.kind === 'guideline');
  return (
    <section aria-labelledby="evidence-heading" class="evidence">
      <h2 id="evidence-heading">Evidence for this situation</h2>
      {entries.length === 0 && notes.length === 0 && (
        <p>No trial situation can be determined: the sentinel node category is not known.</p>
      )}
      <p class="evidence-legend">
        Published evidence with its sources, not an order. A trial applies when every sourced criterion is known and
        met; “check” marks criteria this record cannot settle.
      </p>
      {trials.map((e) => (
        <Entry key={e.id} e={e} />
      ))}
      {guidelines.length > 0 && <h3 class="evidence-subheading">Guidelines</h3>}
      {guidelines.map((e) => (
        <Entry key={e.id} e={e} />
      ))}
      {notes.map((n) => (
        <Note key={n.id} n={n} />
      ))}
    </section>
  );
}
