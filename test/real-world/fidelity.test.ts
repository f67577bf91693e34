// Fidelity on published FHIR that nobody on this project wrote (issue 11): on every fixture under
// test/fixtures/real-world, zero wrong values and at least 85% of the facts a careful reader finds.
import { afterAll, describe, expect, it } from 'vitest';
import { assessResources } from '../../src/pipeline.ts';
import { formatWrong, loadRealWorldFixture, realWorldFixtureIds, scoreFacts, type Score } from './score.ts';

const MIN_RECALL = 0.85;
const rows: { id: string; score: Score }[] = [];

function table(): string {
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  const lines = [
    `${pad('fixture', 42)} ${pad('listed', 6)} ${pad('hits', 4)} ${pad('wrong', 5)} ${pad('conflict', 8)} recall`,
  ];
  for (const { id, score } of rows) {
    lines.push(
      `${pad(id, 42)} ${pad(score.listed, 6)} ${pad(score.hits, 4)} ${pad(score.wrong.length, 5)} ${pad(score.conflicts.length, 8)} ${(score.recall * 100).toFixed(0)}%`,
    );
    for (const w of score.wrong) lines.push(`    wrong  ${formatWrong(w)}`);
    if (score.misses.length) lines.push(`    missed ${score.misses.join(', ')}`);
    if (score.conflicts.length) lines.push(`    conflict (not counted) ${score.conflicts.join(', ')}`);
  }
  return lines.join('\n');
}

afterAll(() => {
  console.log(`Real-world fidelity (issue 11)\n${table()}`);
});

describe('real-world FHIR fidelity', () => {
  const ids = realWorldFixtureIds();

  it('has fixtures to score', () => {
    expect(ids.length).toBeGreaterThanOrEqual(6);
  });

  for (const id of ids) {
    it(`${id}: no wrong value, recall >= ${MIN_RECALL * 100}%`, () => {
      const fixture = loadRealWorldFixture(id);
      const assessment = assessResources(fixture.resources, {
        patientId: fixture.expected.patientId,
        now: new Date(),
        binaries: fixture.binaries,
      });
      expect(assessment.patient?.reference).toBe(`Patient/${fixture.expected.patientId}`);
      const score = scoreFacts(assessment.inputs, fixture.expected);
      rows.push({ id, score });
      expect(score.wrong.map(formatWrong), `wrong values in ${id}`).toEqual([]);
      expect(
        score.recall,
        `recall in ${id}: ${score.hits}/${score.listed}, missed ${score.misses.join(', ') || 'none'}, in conflict ${score.conflicts.join(', ') || 'none'}`,
      ).toBeGreaterThanOrEqual(MIN_RECALL);
    });
  }
});
