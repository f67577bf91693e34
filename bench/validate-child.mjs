// Runs one validation for bench/validate.ts on the built CLI code (dist/node, what `nodal-risk`
// runs; bench/validate.ts builds it first) and prints its CPU time, wall time and peak RSS as JSON.
// On Linux it adds the main thread's own CPU time: the rest is V8's background threads (mostly
// the optimising compiler, which costs the same whatever the cohort's size, and GC helpers).
import { readFileSync } from 'node:fs';
import { validateCohort } from '../dist/node/cli/validate.js';
import { BUILTIN_MODELS } from '../dist/node/models/registry.js';

/** CPU ms of the main thread (utime + stime in clock ticks of 10 ms), or undefined off Linux. */
function mainThreadCpuMs() {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

const dir = process.argv[2];
const main0 = mainThreadCpuMs();
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
const run = await validateCohort([dir], BUILTIN_MODELS, { now: new Date('2026-12-01T00:00:00Z') });
const cpu = process.cpuUsage(cpu0);
const main1 = mainThreadCpuMs();
process.stdout.write(
  JSON.stringify({
    patients: run.result.patients,
    cpuMs: (cpu.user + cpu.system) / 1000,
    ...(main0 !== undefined && main1 !== undefined ? { mainThreadCpuMs: main1 - main0 } : {}),
    wallMs: performance.now() - wall0,
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);
