import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupByPatient } from '../../src/cli/validate-input.ts';

const dir = mkdtempSync(join(tmpdir(), 'nodal-risk-validate-partitions-'));

function observation(id: string, patient: string, text = 'x'): string {
  return JSON.stringify({
    resourceType: 'Observation',
    id,
    subject: { reference: `Patient/${patient}` },
    valueString: text,
  });
}

/** A line whose top-level fields read well but whose full parse fails (a number with a leading zero inside). */
function brokenInside(id: string, patient: string): string {
  return `{"resourceType":"Observation","id":"${id}","subject":{"reference":"Patient/${patient}"},"valueQuantity":{"value":01}}`;
}

async function grouped(paths: string[], partitionBytes?: number) {
  const input = await groupByPatient(paths, partitionBytes);
  const resources = new Map<string, unknown[]>();
  for (const p of input.patients) resources.set(p.patient, p.resources);
  input.dispose();
  return { resources, problems: input.problems.map((p) => p.reason) };
}

describe('disk partitions of a Bulk export', () => {
  it('gives back a resource larger than the write buffer whole, and reasons of the full parse in input order', async () => {
    const src = join(dir, 'a');
    mkdirSync(src);
    const long = `${'n'.repeat(1024 * 1024 + 100)} é€😀 end`; // more than the 1 MB buffer of a partition
    // With two partitions, p1, p3 and p9 share one (FNV-1a of the id, modulo 2) and p2 has the other:
    // p1 is read before p9 there, yet the reasons keep the order of the lines.
    const lines = [
      observation('o1', 'p9'),
      brokenInside('b1', 'p9'),
      observation('o2', 'p2'),
      brokenInside('b2', 'p1'),
      observation('o3', 'p3', long),
      observation('o4', 'p1'),
      brokenInside('b3', 'p2'),
    ];
    writeFileSync(join(src, 'Observation.ndjson'), `${lines.join('\n')}\n`);
    const memory = await grouped([src]);
    const disk = await grouped([src], 1024 * 1024);
    const ids = (m: Map<string, unknown[]>) =>
      Object.fromEntries([...m].map(([p, rs]) => [p, rs.map((r) => (r as { id: string }).id)]));
    expect(ids(disk.resources)).toEqual({ p1: ['o4'], p2: ['o2'], p3: ['o3'], p9: ['o1'] });
    expect((disk.resources.get('p3')![0] as { valueString: string }).valueString).toBe(long);
    expect(disk.resources).toEqual(memory.resources);
    expect(disk.problems).toEqual([
      'Observation.ndjson line 2: not valid JSON',
      'Observation.ndjson line 4: not valid JSON',
      'Observation.ndjson line 7: not valid JSON',
    ]);
    expect(memory.problems).toEqual(disk.problems);
  });

  it('gives back the resources of a Bundle through partitions', async () => {
    const src = join(dir, 'b');
    mkdirSync(src);
    const patients = Array.from({ length: 40 }, (_, i) => ({ resourceType: 'Patient', id: `p${i}` }));
    writeFileSync(
      join(src, 'bundle.json'),
      JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: patients.map((resource) => ({ resource })) }),
    );
    const disk = await grouped([src], 200);
    expect([...disk.resources.keys()].sort()).toEqual(patients.map((p) => p.id).sort());
    expect(disk.resources.get('p7')).toEqual([{ resourceType: 'Patient', id: 'p7' }]);
    expect(disk.problems).toEqual([]);
  });
});
