// What the app shows before the card: launching, loading with progress, or a clear error.
import type { LoadErrorKind } from '../load/errors.ts';

export function Loading({ done, total }: { done: number; total: number }) {
  return (
    <main class="status-view" aria-busy="true">
      <h1>Nodal Risk</h1>
      <p id="loading-label">Loading the patient's pathology from the EHR…</p>
      <progress aria-labelledby="loading-label" max={Math.max(total, 1)} value={done} />
      <p class="note">
        {done} of {total} searches and documents
      </p>
    </main>
  );
}

export interface AppProblem {
  kind: LoadErrorKind | 'no-launch' | 'no-patient' | 'unexpected';
  message: string;
}

const TITLES: Record<AppProblem['kind'], string> = {
  'no-launch': 'Nodal Risk was opened without a launch from the EHR',
  'no-patient': 'The EHR did not say which patient is open',
  'session-expired': 'The session with the EHR has expired',
  'authorization-refused': 'The EHR did not authorize Nodal Risk',
  forbidden: 'The EHR did not give Nodal Risk permission to read this patient’s record',
  'not-found': 'The EHR did not find the data',
  'rate-limited': 'The EHR is busy',
  server: 'The EHR returned an error',
  timeout: 'The EHR did not answer in time',
  malformed: 'The EHR returned data Nodal Risk cannot read',
  network: 'The EHR could not be reached',
  unexpected: 'Something went wrong in Nodal Risk',
};

const ADVICE: Partial<Record<AppProblem['kind'], string>> = {
  'no-launch': "Open Nodal Risk from the patient's chart in the EHR.",
  'session-expired': "Open Nodal Risk again from the patient's chart to start a new session.",
  'authorization-refused':
    'Ask the EHR administrator to check what Nodal Risk is allowed to request, then open it again from the chart.',
  forbidden:
    "Nodal Risk only reads the patient's record (pathology, diagnoses, procedures and medication). Ask the EHR administrator to grant Nodal Risk read access, then open it again from the chart.",
  'rate-limited': 'Wait a minute, then try again.',
  timeout: 'Try again; if it keeps happening, tell the EHR team.',
};

export function Problem({ problem, onRetry }: { problem: AppProblem; onRetry?: () => void }) {
  const title = TITLES[problem.kind];
  const advice = ADVICE[problem.kind];
  return (
    <main class="status-view problem">
      <h1>{title}</h1>
      <p role="alert">{problem.message}</p>
      {advice && <p>{advice}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </main>
  );
}
