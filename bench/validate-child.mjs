// Runs one validation for bench/validate.ts on the built CLI code (dist/node, what `nodal-risk`
// runs; bench/validate.ts builds it first) and prints its CPU time, wall time and peak RSS as JSON.
import { validateCohort } from '../dist/node/cli/validate.js';
import { BUILTIN_MODELS } from '../dist/node/models/registry.js';

const dir = process.argv[2];
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
