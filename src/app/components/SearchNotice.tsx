// Tells the clinician which searches could not run or failed, and — when nothing about the
// breast cancer was found — what was searched. A search the EHR refused as first asked but that
// ran in its broader form loaded its data: it gets a quiet note, not the warning.
import { describeSearch, type SearchOutcome } from '../load/load-patient-data.ts';

/** "Observation by category=laboratory instead of code list", once per distinct pair of forms. */
function fallbackLines(searches: SearchOutcome[]): string[] {
  const lines = searches.flatMap((s) =>
    s.status === 'fallback' && s.ranAs
      ? [`${s.query.resourceType} by ${describeSearch(s.ranAs)} instead of ${describeSearch(s.query)}`]
      : [],
  );
  return [...new Set(lines)];
}

export function SearchNotice({
  searches,
  documentProblems,
  nothingFound,
}: {
  searches: SearchOutcome[];
  documentProblems: string[];
  nothingFound: boolean;
}) {
  const problems = searches.filter((s) => s.status === 'failed' || s.status === 'skipped');
  const fallbacks = fallbackLines(searches);
  const note =
    fallbacks.length > 0 && !nothingFound ? (
      <p class="note search-fallback">Searched more broadly where the EHR asked for it: {fallbacks.join('; ')}.</p>
    ) : null;
  if (problems.length === 0 && documentProblems.length === 0 && !nothingFound) return note;
  return (
    <>
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
      {note}
    </>
  );
}
