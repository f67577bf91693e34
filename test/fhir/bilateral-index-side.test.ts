// Both axillae biopsied: the index side is the one whose sentinel nodes hold tumour, when only one
// does (the sandbox's bilateral scenario); when both do, side-bound facts stay in conflict.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/fhir/extract/index.ts';
import { loadScenario } from '../../src/sandbox/patients/index.ts';

const now = new Date('2026-11-21T00:00:00Z');

function bilateral() {
  const s = loadScenario('bilateral-cancer');
  const resources = JSON.parse(JSON.stringify(s.resources)) as Record<string, unknown>[];
  const binaries = Object.fromEntries(
    resources
      .filter((r) => r.resourceType === 'Binary')
      .map((r) => [`Binary/${String(r.id)}`, Buffer.from(String(r.data), 'base64').toString('utf8')]),
  );
  return { resources, binaries, patientId: s.patientId };
}

describe('bilateral cancer with sentinel node biopsies on both sides', () => {
  it('takes the side whose sentinel nodes hold tumour and sets the other side aside', () => {
    const { resources, binaries, patientId } = bilateral();
    const out = extractFacts(resources, { patientId, now, binaries });
    expect(out.facts.laterality).toMatchObject({ status: 'present', value: 'left' });
    expect(out.facts.slnPositive).toMatchObject({ status: 'present', value: 1 });
    expect(out.facts.tumorSizeMm).toMatchObject({ status: 'present', value: 14 });
    expect(out.ignored).toContainEqual({
      reference: 'Observation/bilateral-sln-positive-right',
      reason: 'slnPositive: belongs to the right breast, not the index (left) cancer',
    });
  });

  it('cannot choose when both axillae hold tumour: the facts conflict', () => {
    const { resources, binaries, patientId } = bilateral();
    const positiveRight = resources.find((r) => r.id === 'bilateral-sln-positive-right') as {
      valueInteger?: number;
      valueQuantity?: { value: number };
    };
    if (positiveRight.valueQuantity) positiveRight.valueQuantity.value = 1;
    else positiveRight.valueInteger = 1;
    const out = extractFacts(resources, { patientId, now, binaries });
    expect(out.facts.laterality.status).toBe('conflict');
  });
});
