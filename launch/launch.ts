// SMART launch entry (placeholder until the real app lands): EHR launch when `launch` is present,
// standalone otherwise. PKCE is required; authorization completes inside the EHR's iframe.
import FHIR from 'fhirclient';

const params = new URLSearchParams(window.location.search);
const ehrLaunch = params.has('launch');
const resources = ['Patient', 'Observation', 'DiagnosticReport', 'Condition', 'Procedure', 'Specimen', 'MedicationRequest'];
const scope = [ehrLaunch ? 'launch' : 'launch/patient', 'openid', 'fhirUser', ...resources.map((r) => `patient/${r}.rs`), 'patient/Binary.r'].join(' ');

FHIR.oauth2
  .authorize({ clientId: 'nodal-risk', scope, redirectUri: '../index.html', pkceMode: 'required', completeInTarget: true })
  .catch((err: unknown) => {
    const el = document.getElementById('status');
    if (el) el.textContent = `Launch failed: ${err instanceof Error ? err.message : String(err)}`;
  });
