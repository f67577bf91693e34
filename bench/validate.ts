// `npm run bench validate`: patients per second per core and peak RSS of `nodal-risk validate` on
// seeded synthetic cohorts of 10,000 and 100,000 patients (targets ≥ 2,000 patients/s/core and
// < 1 GB). It measures what ships: the built CLI code (dist/node, built first), not the sources
// under tsx. Each size runs in a child process so its peak RSS is the validation's alone; CPU time
// (user + system) counts every core the child used.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCohort } from '../src/cohort/write.ts';

const SIZES = (process.env.VALIDATE_BENCH_SIZES ?? '10000,100000').split(',').map(Number);

function generate(patients: number, dir: string): void {
  const fds = new Map<string, number>();
  writeCohort(patients, 20261201, (file, text) => {
    let fd = fds.get(file);
    if (fd === undefined) fds.set(file, (fd = openSync(join(dir, file), 'w')));
    writeSync(fd, text);
  });
  for (const fd of fds.values()) closeSync(fd);
}

/** `npm run build:node`: the child runs dist/node, so it must be the code of this checkout. */
function buildNode(): void {
  execFileSync('npm', ['run', '--silent', 'build:node'], {
    cwd: join(import.meta.dirname, '..'),
    stdio: ['ignore', process.stderr, 'inherit'],
  });
}

export function benchValidate(): string[] {
  buildNode();
  const lines: string[] = [];
  for (const patients of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), 'nodal-risk-bench-validate-'));
    try {
      generate(patients, dir);
      const child = join(import.meta.dirname, 'validate-child.mjs');
      const out = execFileSync(process.execPath, [child, dir], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      const r = JSON.parse(out) as {
        patients: number;
        cpuMs: number;
        mainThreadCpuMs?: number;
        wallMs: number;
        maxRssKb: number;
      };
      const perCore = r.patients / (r.cpuMs / 1000);
      const mainShare =
        r.mainThreadCpuMs !== undefined
          ? ` (main thread ${Math.round((100 * r.mainThreadCpuMs) / r.cpuMs)}% of the CPU)`
          : '';
      lines.push(
        `validate (built dist/node), ${patients.toLocaleString('en')} patients: ${Math.round(perCore)} patients/s/core${mainShare} (target ≥ 2,000), ` +
          `${Math.round(r.patients / (r.wallMs / 1000))} patients/s wall, peak RSS ${Math.round(r.maxRssKb / 1024)} MB (target < 1,024 MB)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return lines;
}
