// Runs one validation for bench/validate.ts and prints its CPU time, wall time and peak RSS as JSON.
import { validateCohort } from '../src/cli/validate.ts';
import { BUILTIN_MODELS } from '../src/models/registry.ts';

const dir = process.argv[2]!;
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
const run = await validateCohort([dir], BUILTIN_MODELS, { now: new Date('2026-12-01T00:00:00Z') });
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  JSON.stringify({
    patients: run.result.patients,
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: performance.now() - wall0,
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);
