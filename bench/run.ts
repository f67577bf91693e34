// `npm run bench`: one line per figure.
import { benchModels } from './models.ts';

const lines: string[] = [...benchModels()];
for (const line of lines) console.log(line);
