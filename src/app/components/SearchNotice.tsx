// Tells the clinician which searches could not run or failed, and — when nothing about the
// breast cancer was found — what was searched.
import type { SearchOutcome } from '../load/load-patient-data.ts';

export function SearchNotice({
  searches,
  documentProblems,
  nothingFound,
}: {
  searches: SearchOutcome[];
  documentProblems: string[];
  nothingFound: boolean;
}) {
  const problems = searches.filter((s) => s.status !== 'ok');
  if (problems.length === 0 && documentProblems.length === 0 && !nothingFound) return null;
  return (
    <section class="search-notice" aria-labelledby="search-notice-heading">
      <h2 id="search-notice-heading">
        {nothingFound ? 'No breast-cancer pathology found in the record' : 'Some data could not be loaded'}
      </h2>
      {nothingFound && (
        <p>Nodal Risk searched the record as listed below. You can enter the values yourself in the inputs.</p>
      )}
      <ul>
        {(nothingFound ? searches : problems).map((s) => (
          <li key={s.query.id}>
            {s.query.resourceType} ({s.query.purpose}): {s.status === 'ok' ? `${s.count} found` : s.detail}
          </li>
        ))}
        {documentProblems.map((p) => (
          <li key={p}>Report document {p}</li>
        ))}
      </ul>
    </section>
  );
}
