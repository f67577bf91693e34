// The app page (SMART redirect target): complete authorization, then load and show the card.
import './styles.css';
import { render } from 'preact';
import { extractFacts } from '../fhir/extract/index.ts';
import modelConfig from 'virtual:nodal-risk/model-config';
import { appDefinitions } from './definitions.ts';
import { App, type Analyse } from './App.tsx';
import { documentReadersFor } from './document-readers.ts';
import { boot } from './boot.ts';
import config from '../../smart-config/app.json' with { type: 'json' };
import type { AppConfig } from './smart/registrations.ts';
import { Problem } from './components/StatusViews.tsx';

// Started now, with the authorization: a model config's code loads beside it.
const definitions = appDefinitions(modelConfig);
const analyse: Analyse = async (resources, options) =>
  extractFacts(resources, { ...options, readers: await documentReadersFor(resources) });
const root = document.getElementById('app');
if (root) {
  // The static "Loading…" placeholder is replaced, not diffed against.
  root.textContent = '';
  Promise.all([boot(config as AppConfig), definitions]).then(
    ([result, models]) =>
      render(
        'session' in result ? (
          <App session={result.session} analyse={analyse} definitions={models} version={__APP_VERSION__} />
        ) : (
          <Problem problem={result.problem} />
        ),
        root,
      ),
    () => render(<Problem problem={{ kind: 'unexpected', message: 'Nodal Risk could not start.' }} />, root),
  );
}
