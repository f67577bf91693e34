// Extraction timings (design.md "npm run bench"): a patient with 10,000 Observations and 50 pathology
// reports (target < 100 ms) and one typical patient. Median of several runs after a warm-up.
import { performance } from 'node:perf_hooks';
import { extractFacts } from '../src/fhir/extract/index.ts';
import { largePatient } from '../test/fixtures/large-patient.ts';
import { loadFixture } from '../test/fixtures/load.ts';

function medianMs(runs: number, fn: () => void): number {
  fn(); // warm-up: JIT and lazy regex compilation
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function benchExtraction(): Promise<string[]> {
  const now = new Date();
  const large = largePatient(10_000, 50);
  const typical = loadFixture('mcode-patient.json');
  const largeMs = medianMs(9, () => extractFacts(large, { now }));
  const typicalMs = medianMs(51, () => extractFacts(typical.resources, { now, binaries: typical.binaries }));
  return [
    `extraction, 10,000 Observations + 50 reports: ${largeMs.toFixed(1)} ms median of 9 (target < 100 ms)`,
    `extraction, typical patient (${typical.resources.length} resources): ${typicalMs.toFixed(2)} ms median of 51`,
  ];
}
