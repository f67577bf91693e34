// The trial situations that fit this patient, with figures and citations.
import type { Criterion, EvidenceItem } from '../../models/evidence.ts';

const CRITERION_TEXT = { met: 'met', 'not-met': 'not met', unknown: 'unknown' } as const;
const CAUTION_TEXT = { met: 'present', 'not-met': 'absent', unknown: 'unknown' } as const;

function Checklist({ items, caution }: { items: Criterion[]; caution?: boolean }) {
  return (
    <ul class={caution ? 'checklist cautions' : 'checklist'} aria-label={caution ? 'Cautions' : 'Criteria'}>
      {items.map((c) => (
        <li key={c.criterion} class={`criterion criterion-${c.status}`}>
          <span class="criterion-status">{caution ? CAUTION_TEXT[c.status] : CRITERION_TEXT[c.status]}</span> {c.criterion}
        </li>
      ))}
    </ul>
  );
}

export function Evidence({ items }: { items: EvidenceItem[] }) {
  return (
    <section aria-labelledby="evidence-heading" class="evidence">
      <h2 id="evidence-heading">Evidence for this situation</h2>
      {items.length === 0 && <p>No trial situation can be determined: the sentinel node category is not known.</p>}
      {items.map((item) => (
        <article key={item.id} class="evidence-item">
          <h3>{item.situation}</h3>
          {item.statements.map((s) => (
            <p key={s}>{s}</p>
          ))}
          {item.checklist && <Checklist items={item.checklist} />}
          {item.cautions && <Checklist items={item.cautions} caution />}
          <p class="citation">{item.citations.join('; ')}</p>
        </article>
      ))}
    </section>
  );
}
