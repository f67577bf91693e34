// The production entry as documented: compiled by build:node's steps (tsc's emit + finish script, here
// into their own folder under dist/ so other tests' builds are untouched), then started with
// `node <out>/node/cds/main.js`, answering an authenticated discovery call.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../helpers/ports.ts';
import { makeKey, rawConfig, sign, type TestKey } from './helpers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = join(root, 'dist/test-built-cds');
let child: ChildProcess | undefined;
let key: TestKey;
let port: number;
let stderr = '';

beforeAll(async () => {
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    // --noCheck: the same emit without a second type check of src/ (npm run typecheck does it);
    // the check is over half of this file's CPU.
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.node.json', '--noCheck', '--outDir', join(out, 'node')],
    { cwd: root, stdio: 'pipe' },
  );
  execFileSync(process.execPath, ['scripts/finish-node-build.mjs', out], { cwd: root, stdio: 'pipe' });
  key = await makeKey('ES384');
  port = await freePort();
  const configFile = join(out, 'test-trust.json');
  writeFileSync(configFile, JSON.stringify({ ...rawConfig([key]), serviceUrl: undefined }));
  child = spawn(process.execPath, [join(out, 'node/cds/main.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), CDS_TRUST_CONFIG: configFile, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child?.stdout?.on('data', (d: Buffer) => d.toString().includes('CDS Hooks discovery') && resolve());
    child?.once('exit', (code) => reject(new Error(`the built CDS service exited with ${code}: ${stderr}`)));
  });
}, 180_000);

afterAll(() => {
  child?.kill('SIGTERM');
  rmSync(out, { recursive: true, force: true });
});

it('node <out>/node/cds/main.js starts and serves discovery to a trusted caller', async () => {
  const url = `http://127.0.0.1:${port}/cds-services`;
  const res = await fetch(url, { headers: { authorization: `Bearer ${await sign({ key, aud: url })}` } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { services: { id: string }[] };
  expect(body.services.map((s) => s.id)).toContain('nodal-risk-order-sign');
  expect((await fetch(url)).status).toBe(401);
  expect(stderr).toBe('');
});
