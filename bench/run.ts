// `npm run bench`: one line per figure.
import { benchApp } from './app.ts';
import { benchCds } from './cds.ts';
import { benchExtraction } from './extraction.ts';
import { benchModels } from './models.ts';
import { benchValidate } from './validate.ts';

const only = process.argv[2];
const suites: Record<string, () => string[] | Promise<string[]>> = {
  models: benchModels,
  extraction: benchExtraction,
  app: benchApp,
  cds: benchCds,
  validate: benchValidate,
};
for (const [name, run] of Object.entries(suites)) {
  if (only && only !== name) continue;
  for (const line of await run()) console.log(line);
}
