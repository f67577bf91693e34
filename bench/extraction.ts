// Extraction timings (docs/architecture.md "Folders": bench/): a patient with 10,000 Observations and 50 pathology
// reports (target < 100 ms) and one typical patient. Median of several runs after a warm-up.
import { extractFacts } from '../src/fhir/extract/index.ts';
import { largePatient } from '../test/fixtures/large-patient.ts';
import { loadFixture } from '../test/fixtures/load.ts';
import { medianMs } from './timing.ts';

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
