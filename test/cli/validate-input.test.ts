import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { groupByPatient, parsedResource, PatientCheck } from '../../src/cli/validate-input.ts';

const dir = mkdtempSync(join(tmpdir(), 'nodal-risk-validate-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function observation(id: string, patient: string, text = 'x'): string {
  return JSON.stringify({
    resourceType: 'Observation',
    id,
    subject: { reference: `Patient/${patient}` },
    valueString: text,
  });
}

async function grouped(paths: string[], partitionBytes?: number) {
  const input = await groupByPatient(paths, partitionBytes);
  const out = new Map<string, string[]>();
  for (const p of input.patients)
    out.set(
      p.patient,
      p.resources.map((r) => (r as { id: string }).id),
    );
  input.dispose();
  return { out, problems: input.problems, patientCount: input.patientCount };
}

describe('grouping a Bulk export by patient', () => {
  it('keeps multi-byte text whole across 4 MB reads, takes CRLF and a last line without newline', async () => {
    const src = join(dir, 'a');
    mkdirSync(src);
    const long = `${'a'.repeat(4 * 1024 * 1024 - 60)}é€😀 done`; // the first line crosses the 4 MB read
    writeFileSync(
      join(src, 'Observation.ndjson'),
      `${observation('o1', 'p1', long)}\r\n${observation('o2', 'p2')}\r\n${observation('o3', 'p1')}`,
    );
    writeFileSync(join(src, 'Patient.ndjson'), `${JSON.stringify({ resourceType: 'Patient', id: 'p2' })}\n\n`);
    const input = await groupByPatient([src]);
    const resources = [...input.patients];
    input.dispose();
    expect(resources.map((p) => p.patient)).toEqual(['p1', 'p2']);
    const o1 = resources[0]!.resources[0] as { valueString: string };
    expect(o1.valueString).toBe(long);
    expect(resources[1]!.resources.map((r) => (r as { id: string }).id)).toEqual(['o2', 'p2']);
  });

  it('partitions on disk give the same groups as in memory, and remove their files', async () => {
    const src = join(dir, 'b');
    mkdirSync(src);
    const lines = Array.from({ length: 300 }, (_, i) => observation(`o${i}`, `p${i % 37}`));
    writeFileSync(join(src, 'Observation.ndjson'), `${lines.join('\n')}\n`);
    writeFileSync(
      join(src, 'bundle.json'),
      JSON.stringify({
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ resource: { resourceType: 'Patient', id: 'p3' } }],
      }),
    );
    const memory = await grouped([src]);
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('nodal-risk-validate-')).length;
    const disk = await grouped([src], 1000);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('nodal-risk-validate-')).length).toBe(before);
    expect(disk.out).toEqual(memory.out);
    expect(memory.patientCount).toBe(37);
    expect(memory.out.get('p3')).toEqual(['o3', 'o40', 'o77', 'o114', 'o151', 'o188', 'o225', 'o262', 'o299', 'p3']);
  });

  it('leaves no partition file with a name while it runs, so a killed run leaves no patient data', async () => {
    const src = join(dir, 'nameless');
    mkdirSync(src);
    const lines = Array.from({ length: 200 }, (_, i) => observation(`o${i}`, `p${i % 23}`));
    writeFileSync(join(src, 'Observation.ndjson'), `${lines.join('\n')}\n`);
    // A temporary directory of this test's own (os.tmpdir() reads TMPDIR): other test files
    // running at the same time make and remove their partitions in the shared one.
    const ownTmp = join(dir, 'tmp');
    mkdirSync(ownTmp);
    const tmpBefore = process.env.TMPDIR;
    process.env.TMPDIR = ownTmp;
    try {
      const input = await groupByPatient([src], 1000); // about 30 partitions on disk
      try {
        expect(readdirSync(ownTmp)).toEqual([]);
        const patients = [...input.patients];
        expect(patients).toHaveLength(23);
        expect(patients.reduce((n, p) => n + p.resources.length, 0)).toBe(200);
      } finally {
        input.dispose();
      }
    } finally {
      if (tmpBefore === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpBefore;
    }
    expect(readdirSync(ownTmp)).toEqual([]);
  });

  it('groups the same on disk partitions (top-level fields first) as in memory (full parse), bad lines included', async () => {
    const src = join(dir, 'mixed');
    mkdirSync(src);
    const lines = [
      observation('o1', 'p1'),
      '{"resourceType": "Observation", "id": "broken"',
      JSON.stringify({ resourceType: 'Observation', id: 'orphan' }),
      JSON.stringify({ resourceType: 'Patient', id: 'p2' }),
      // A nested look-alike of a subject must not decide whose the line is.
      JSON.stringify({
        resourceType: 'Observation',
        id: 'o2',
        contained: [{ resourceType: 'Observation', subject: { reference: 'Patient/p1' } }],
        subject: { reference: 'https://ehr.example/fhir/Patient/p2/_history/3' },
      }),
      '[1, 2]',
      observation('o3', 'p1', '}{"'),
    ];
    writeFileSync(join(src, 'Observation.ndjson'), `${lines.join('\n')}\n`);
    const memory = await grouped([src]);
    const disk = await grouped([src], 64);
    expect(disk.out).toEqual(memory.out);
    expect(Object.fromEntries(disk.out)).toEqual({ p1: ['o1', 'o3'], p2: ['p2', 'o2'] });
    expect(disk.problems).toEqual(memory.problems);
    expect(disk.problems.map((p) => p.reason)).toEqual([
      'Observation.ndjson line 2: not valid JSON',
      'Observation.ndjson line 3: Observation/orphan has no patient reference',
      'Observation.ndjson line 6: not a FHIR resource',
    ]);
  });
});

describe('whose a line is, by its subject reference', () => {
  it('reads a repeated subject as the first time, but never for a Patient or a changed subject', async () => {
    const src = join(dir, 'subjects');
    mkdirSync(src);
    const lines = [
      observation('o1', 'p1'),
      observation('o2', 'p1'),
      // A Patient is its own id's, whatever subject it carries.
      JSON.stringify({ resourceType: 'Patient', id: 'p2', subject: { reference: 'Patient/p1' } }),
      observation('o3', 'p1'),
      // The same subject, then a second subject key: the last one decides, as in JSON.parse.
      '{"resourceType":"Observation","id":"o4","subject":{"reference":"Patient/p1"},"subject":{"reference":"Patient/p2"}}',
      '{"resourceType":"Observation","id":"o5","subject":{"reference":"Patient/p1"},"subject":5}',
      JSON.stringify({
        resourceType: 'Observation',
        id: 'o6',
        subject: { reference: 'https://ehr.example/Patient/p2' },
      }),
      observation('o7', 'p2'),
      observation('o8', 'p1'),
    ];
    writeFileSync(join(src, 'Observation.ndjson'), `${lines.join('\n')}\n`);
    const memory = await grouped([src]);
    const disk = await grouped([src], 64);
    expect(Object.fromEntries(disk.out)).toEqual({ p1: ['o1', 'o2', 'o3', 'o8'], p2: ['p2', 'o4', 'o6', 'o7'] });
    expect(disk.out).toEqual(memory.out);
    expect(disk.problems.map((p) => p.reason)).toEqual([
      'Observation.ndjson line 6: Observation/o5 has no patient reference',
    ]);
    expect(disk.problems).toEqual(memory.problems);
  });
});

/** A line whose top-level fields read well but whose full parse fails (a number with a leading zero inside). */
function brokenInside(id: string, patient: string): string {
  return `{"resourceType":"Observation","id":"${id}","subject":{"reference":"Patient/${patient}"},"valueQuantity":{"value":01}}`;
}

async function groupedResources(paths: string[], partitionBytes?: number) {
  const input = await groupByPatient(paths, partitionBytes);
  const resources = new Map<string, unknown[]>();
  for (const p of input.patients) resources.set(p.patient, p.resources);
  input.dispose();
  return { resources, problems: input.problems.map((p) => p.reason) };
}

describe('disk partitions of a Bulk export', () => {
  it('gives back a resource larger than the write buffer whole, and reasons of the full parse in input order', async () => {
    const src = join(dir, 'big');
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
    const memory = await groupedResources([src]);
    const disk = await groupedResources([src], 1024 * 1024);
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
    const src = join(dir, 'bundle-parts');
    mkdirSync(src);
    const patients = Array.from({ length: 40 }, (_, i) => ({ resourceType: 'Patient', id: `p${i}` }));
    writeFileSync(
      join(src, 'bundle.json'),
      JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: patients.map((resource) => ({ resource })) }),
    );
    const disk = await groupedResources([src], 200);
    expect([...disk.resources.keys()].sort()).toEqual(patients.map((p) => p.id).sort());
    expect(disk.resources.get('p7')).toEqual([{ resourceType: 'Patient', id: 'p7' }]);
    expect(disk.problems).toEqual([]);
  });
});

describe("the read-back re-check of a record's patient", () => {
  const parsed = (resource: object, check: PatientCheck) => parsedResource(JSON.stringify(resource), check);
  const differs = 'its patient reference reads differently in full; not used';

  it("takes a subject reference as the patient's only where patientOf read it so", () => {
    const check = new PatientCheck('p1');
    // A Patient is its own id's and a Binary may be its securityContext's: neither vouches for its subject.
    expect(parsed({ resourceType: 'Patient', id: 'p1', subject: { reference: 'Patient/p2' } }, check)).not.toBe(
      differs,
    );
    expect(parsed({ resourceType: 'Observation', id: 'o1', subject: { reference: 'Patient/p2' } }, check)).toBe(
      differs,
    );
    const binary = {
      resourceType: 'Binary',
      subject: { reference: 'Group/g' },
      securityContext: { reference: 'Patient/p1' },
    };
    expect(parsed(binary, check)).not.toBe(differs);
    expect(parsed({ resourceType: 'Observation', subject: { reference: 'Group/g' } }, check)).toBe(differs);
    // Read through patientOf once, the same text then matches as text, whatever else the resource holds.
    const observation = {
      resourceType: 'Observation',
      subject: { reference: 'https://ehr.example/Patient/p1/_history/2' },
    };
    expect(parsed(observation, check)).not.toBe(differs);
    expect(parsed({ ...observation, patient: { reference: 'Patient/p2' } }, check)).not.toBe(differs);
    expect(parsed({ resourceType: 'Patient', id: 'p2', subject: observation.subject }, check)).toBe(differs);
    expect(parsed({ resourceType: 'Observation', subject: [observation.subject] }, check)).toBe(differs);
    expect(parsed({ resourceType: 'Observation', subject: { reference: 'Patient/p2' } }, check)).toBe(differs);
    expect(parsed({ resourceType: 'Observation', subject: { reference: 'Patient/p1' } }, check)).not.toBe(differs);
    // Another patient's check knows nothing of p1's references.
    expect(parsed(observation, new PatientCheck('p2'))).toBe(differs);
  });

  it('reads escaped and repeated subject keys back as the first pass grouped them', async () => {
    const src = join(dir, 'escapes');
    mkdirSync(src);
    const lines = [
      observation('o1', 'p1'),
      '{"resourceType":"Observation","id":"o2","subject":{"reference":"Patient\\/p1"}}',
      '{"resourceType":"Observation","id":"o3","subject":{"reference":"Patient/p\\u0031"}}',
      '{"resourceType":"Observation","id":"o4","subject":{"reference":"Patient/p2"},"subject":{"reference":"Patient/p1"}}',
      '{"resourceType":"Observation","id":"o5","sub\\u006aect":{"reference":"Patient/p2"}}',
      '{"resourceType":"Observation","id":"o6","subject":{"reference":"Patient/p1","reference":"Patient/p2"}}',
      observation('o7', 'p1'),
    ];
    writeFileSync(join(src, 'Observation.ndjson'), `${lines.join('\n')}\n`);
    const memory = await grouped([src]);
    const disk = await grouped([src], 64);
    expect(Object.fromEntries(disk.out)).toEqual({ p1: ['o1', 'o2', 'o3', 'o4', 'o7'], p2: ['o5', 'o6'] });
    expect(disk.out).toEqual(memory.out);
    expect(disk.problems).toEqual([]);
    expect(memory.problems).toEqual([]);
  });
});
