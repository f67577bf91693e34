// tsc does not mark emitted files executable; the CLI entry must be for `npx nodal-risk`.
import { chmodSync } from 'node:fs';
chmodSync(new URL('../dist/node/cli/bin.js', import.meta.url), 0o755);
