// The `nodal-risk` executable in a subprocess, for what only a process shows: its exit codes and
// streams. Everything else about the CLI is tested in-process (cli.test.ts, bundle.test.ts).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function bin(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { encoding: 'utf8', cwd: root });
}

describe('nodal-risk executable', () => {
  it('exits 0 and prints the model list on stdout', () => {
    const r = bin('models', '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).map((m: { id: string }) => m.id)).toContain('mskcc-nsn');
  });

  it('exits 2 with one line on stderr and nothing on stdout for bad input', () => {
    const r = bin('estimate');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('nodal-risk: unknown command: estimate\n');
  });
});
