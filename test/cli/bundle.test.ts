// `nodal-risk score --bundle`, in-process through runCli.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => join(root, 'test/fixtures', name);
const dir = mkdtempSync(join(tmpdir(), 'nodal-risk-bundle-'));

function run(...args: string[]) {
  const r = runCli(args);
  return { status: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

describe('nodal-risk score --bundle', () => {
  it('prints the assessment JSON (docs/architecture.md) with extracted inputs, their provenance and the ignored list', () => {
    const r = run('score', '--bundle', fixture('messy.json'), '--patient', 'messy-3', '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.patient).toEqual({ reference: 'Patient/messy-3' });
    expect(out.inputs.tumorSizeMm).toEqual({
      status: 'present',
      value: 18,
      origin: 'fhir',
      sources: [
        { reference: 'Observation/messy-size-2', code: 'http://loinc.org|21889-1', date: '2026-02-16', text: '1,8 cm' },
      ],
    });
    expect(out.inputs.erStatus.status).toBe('conflict');
    expect(out.ignored).toContainEqual({ reference: 'Observation/messy-grade-eie', reason: 'status entered-in-error' });
    expect(out.models.find((m: { id: string }) => m.id === 'mskcc-nsn')).toBeDefined();
  });

  it('reads NDJSON and a Binary-backed Epic report', () => {
    const bundle = JSON.parse(readFileSync(fixture('epic-text-only.json'), 'utf8'));
    const ndjson = bundle.entry.map((e: { resource: unknown }) => JSON.stringify(e.resource)).join('\n');
    const path = join(dir, 'epic.ndjson');
    writeFileSync(path, `${ndjson}\n`);
    const r = run('score', '--bundle', path, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.inputs.histologicType).toEqual({
      status: 'present',
      value: 'lobular',
      origin: 'report-text',
      sources: [
        {
          reference: 'DiagnosticReport/epic-sp-1',
          text: 'Histologic Type: Invasive lobular carcinoma',
          date: '2026-01-20T10:12:00Z',
        },
      ],
    });
  });

  it('with several patients and no --patient, exits 2 listing them on one line', () => {
    const r = run('score', '--bundle', fixture('messy.json'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `nodal-risk: bundle file ${fixture('messy.json')}: the file holds several patients (Patient/messy-3, Patient/someone-else); choose one with --patient\n`,
    );
  });

  it('exits 2 on an unknown patient, a file that is not FHIR, and --inputs with --bundle', () => {
    expect(run('score', '--bundle', fixture('mcode-patient.json'), '--patient', 'nobody').stderr).toBe(
      `nodal-risk: bundle file ${fixture('mcode-patient.json')}: patient nobody is not in the file (found: Patient/mcode-1)\n`,
    );
    const junk = join(dir, 'junk.txt');
    writeFileSync(junk, 'hello\nworld\n');
    const r = run('score', '--bundle', junk);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `nodal-risk: bundle file ${junk}: line 1 is not JSON (expected a Bundle or NDJSON of resources)\n`,
    );
    const both = run('score', '--bundle', junk, '--inputs', junk);
    expect(both.status).toBe(2);
    expect(both.stderr).toBe('nodal-risk: score takes --inputs FILE or --bundle FILE, not both\n');
  });
});
