// SMART launch entry: EHR launch (iss + launch) or standalone launch (iss), per smart-config/app.json.
import config from '../smart-config/app.json' with { type: 'json' };
import type { AppConfig } from '../src/app/smart/registrations.ts';
import { LaunchProblem, launch } from '../src/app/smart/launch.ts';

launch(config as AppConfig, window.location.search).catch((err: unknown) => {
  const status = document.getElementById('status');
  if (!status) return;
  status.setAttribute('role', 'alert');
  status.textContent =
    err instanceof LaunchProblem ? err.message : 'Nodal Risk could not start the launch with the EHR.';
});
