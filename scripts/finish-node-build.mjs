// After `tsc -p tsconfig.node.json`: make the CLI entry executable (tsc does not) for
// `npx nodal-risk`, and ship the CDS service's configuration next to the built code, so that
// `node dist/node/cds/main.js` finds its schema and default trust file in dist/smart-config/.
// Usage: node scripts/finish-node-build.mjs [outDir]   (default dist; the compiled code is in outDir/node)
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(root, process.argv[2] ?? 'dist');
chmodSync(join(out, 'node/cli/bin.js'), 0o755);
mkdirSync(join(out, 'smart-config'), { recursive: true });
for (const name of ['cds-trust.json', 'cds-trust.schema.json']) {
  copyFileSync(join(root, 'smart-config', name), join(out, 'smart-config', name));
}
