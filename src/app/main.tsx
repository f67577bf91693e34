// Placeholder app entry (the real risk card comes with the app issue): completes the SMART launch
// and shows which patient the EHR put in context.
import FHIR from 'fhirclient';
import { render } from 'preact';

function Launched({ patient }: { patient: string }) {
  return <p>Launched for Patient/{patient}</p>;
}

const root = document.getElementById('app');
if (root) {
  FHIR.oauth2
    .ready()
    .then((client) => render(<Launched patient={client.getPatientId() ?? 'unknown'} />, root))
    .catch((err: unknown) => render(<p role="alert">Launch failed: {err instanceof Error ? err.message : String(err)}</p>, root));
}
