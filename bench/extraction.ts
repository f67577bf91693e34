// Extraction timings (docs/architecture.md "Folders": bench/): a patient with 10,000 Observations and 50 pathology
// reports (target < 50 ms), one typical patient, and the whole pure pipeline (extraction + all
// models + evidence) per synthetic cohort patient, the unit of work of `nodal-risk validate`.
// Medians of several runs after a warm-up, in CPU time (the machine running them may be busy).
import { binariesIn } from '../src/cli/read-resources.ts';
import { patientResources } from '../src/cohort/fhir-resources.ts';
import { syntheticPatient } from '../src/cohort/patient-features.ts';
import { seededRandom } from '../src/cohort/random.ts';
import { extractFacts } from '../src/fhir/extract/index.ts';
import { assessResources } from '../src/pipeline.ts';
import { largePatient } from '../test/fixtures/large-patient.ts';
import { loadFixture } from '../test/fixtures/load.ts';
import { medianCpuMs } from './timing.ts';

const COHORT_PATIENTS = 200;

/** Synthetic cohort patients as the validate command hands them over: parsed JSON, binaries read. */
function cohortPatients(count: number) {
  const rnd = seededRandom(20261201);
  return Array.from({ length: count }, (_, i) => {
    const p = syntheticPatient(i + 1, rnd);
    const resources = JSON.parse(JSON.stringify(patientResources(p))) as unknown[];
    return { patient: p.id, resources, binaries: binariesIn(resources) };
  });
}

export async function benchExtraction(): Promise<string[]> {
  const now = new Date();
  const large = largePatient(10_000, 50);
  const typical = loadFixture('mcode-patient.json');
  const cohort = cohortPatients(COHORT_PATIENTS);
  const largeMs = medianCpuMs(9, () => extractFacts(large, { now }));
  const typicalMs = medianCpuMs(51, () => extractFacts(typical.resources, { now, binaries: typical.binaries }));
  const cohortMs = medianCpuMs(9, () => {
    for (const p of cohort) assessResources(p.resources, { patientId: p.patient, now, binaries: p.binaries });
  });
  const perResource = cohort.reduce((n, p) => n + p.resources.length, 0) / cohort.length;
  return [
    `extraction, 10,000 Observations + 50 reports: ${largeMs.toFixed(1)} ms CPU median of 9 (target < 50 ms)`,
    `extraction, typical patient (${typical.resources.length} resources): ${typicalMs.toFixed(2)} ms CPU median of 51`,
    `assessResources, synthetic cohort patient (${perResource.toFixed(1)} resources): ${((cohortMs * 1000) / COHORT_PATIENTS).toFixed(0)} µs CPU per patient (median of 9 × ${COHORT_PATIENTS})`,
  ];
}
