// The CLI in-process through runCli (argv → stdout, stderr, exit code); test/cli/bin.test.ts runs
// the executable itself in a subprocess.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { formatOdds } from '../../src/models/display.ts';
import { VECTOR_A } from '../helpers/vectors.ts';

const dir = mkdtempSync(join(tmpdir(), 'nodal-risk-cli-'));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function run(...args: string[]) {
  const r = runCli(args);
  return { status: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

const vectorA = { ...VECTOR_A, detectionMethod: 'frozen-section', nodalBurden: 'macro' };

describe('nodal-risk score --inputs', () => {
  it('prints the assessment JSON (docs/architecture.md)', () => {
    const r = run('score', '--inputs', file('a.json', JSON.stringify(vectorA)), '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['patient', 'inputs', 'models', 'evidence', 'evidenceNotes', 'ignored']);
    const z0011 = out.evidence.find((e: { id: string }) => e.id === 'z0011');
    expect(z0011).toMatchObject({
      title: 'ACOSOG Z0011',
      applies: 'unknown',
      citation: expect.stringContaining('JAMA 2017'),
    });
    expect(z0011.criteria[0]).toEqual(
      expect.objectContaining({ id: 'z11.sex', label: 'Women', status: 'unknown', inputs: ['sex'] }),
    );
    expect(z0011.results[0]).toEqual(
      expect.objectContaining({
        endpoint: 'Overall survival at 10 years',
        arms: [
          { label: 'SLND alone', value: '86.3%' },
          { label: 'ALND', value: '83.6%' },
        ],
        followUp: 'median 9.3 years',
      }),
    );
    expect(out.inputs.tumorSizeMm).toEqual({
      status: 'present',
      value: 20,
      origin: 'clinician',
      sources: [{ reference: 'clinician' }],
    });
    expect(out.inputs.lvi.value).toBe(false);
    expect(out.inputs.ageYears).toEqual({ status: 'missing' });
    const mskcc = out.models.find((m: { id: string }) => m.id === 'mskcc-nsn');
    expect(mskcc.kind).toBe('probability');
    expect(mskcc.applicable).toBe(true);
    expect(Math.abs(mskcc.probability * 100 - 31.927247)).toBeLessThan(1e-4);
    expect(mskcc.result).toBe('probability');
    expect(mskcc.range).toBeUndefined();
    expect(mskcc.missing).toBeUndefined();
    expect(mskcc.contributions.find((c: { term: string }) => c.term === 'erPositive').value).toBe(0.42761534);
    const itc = out.models.find((m: { id: string }) => m.id === 'dbcg-itc');
    expect(itc.applicable).toBe(false);
    expect(itc.reason).toBe('applies when the sentinel nodes hold isolated tumour cells only (here: macro)');
    expect(out.ignored).toEqual([]);
  });

  it('prints a readable report in text mode', () => {
    const r = run('score', '--inputs', file('b.json', JSON.stringify(vectorA)));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('MSKCC non-sentinel node nomogram: 32% (31.93%)');
    expect(r.stdout).toContain('Pathologic tumour size                       20 mm [entered]');
    expect(r.stdout).toContain('DBCG model for sentinel node micrometastases: not applicable');
    expect(r.stdout).toContain('ACOSOG Z0011');
    expect(r.stdout).toContain('support and do not replace clinical judgement');
  });

  it('gives a range, never beside a probability, when only the detection method is unknown', () => {
    const { detectionMethod: _d, ...noMethod } = vectorA;
    const path = file('range.json', JSON.stringify(noMethod));
    const out = JSON.parse(run('score', '--inputs', path, '--json').stdout);
    const nofs = out.models.find((m: { id: string }) => m.id === 'mskcc-nsn-nofs');
    expect(nofs.result).toBe('range');
    expect(nofs.probability).toBeUndefined();
    expect(nofs.range.over).toEqual(['detectionMethod']);
    expect(nofs.range.low * 100).toBeCloseTo(6.872444, 5);
    expect(nofs.range.high * 100).toBeCloseTo(27.633427, 5);
    expect(
      nofs.range.values.map((v: { assignment: { detectionMethod: string } }) => v.assignment.detectionMethod),
    ).toEqual(['routine-he', 'serial-he', 'ihc']);
    expect(nofs.range.capped).toBe(false);
    expect(out.models.find((m: { id: string }) => m.id === 'mskcc-nsn').result).toBe('not-applicable');
    const text = run('score', '--inputs', path).stdout;
    expect(text).toContain(
      'form without frozen-section information (riskcalc.org): 7–28% depending on detectionMethod',
    );
    expect(text).toContain('Each choice: routine H&E 28%; serial H&E (deeper levels) 9%; immunohistochemistry 7%');
  });

  const bad: [string, string[], RegExp][] = [
    [
      'unreadable file',
      ['score', '--inputs', join(dir, 'nope.json')],
      /^nodal-risk: cannot read inputs file .*nope\.json: no such file\n$/,
    ],
    ['invalid JSON', ['score', '--inputs', 'INVALID'], /^nodal-risk: inputs file .* is not valid JSON: .+\n$/],
    ['unknown input name', ['score', '--inputs', 'UNKNOWN'], /^nodal-risk: tumourSize: unknown input name\n$/],
    ['wrong type', ['score', '--inputs', 'WRONGTYPE'], /^nodal-risk: lvi: expected true or false, got "yes"\n$/],
    ['no --inputs', ['score'], /^nodal-risk: score needs --inputs FILE or --bundle FILE\n$/],
    ['unknown option', ['score', '--frobnicate'], /^nodal-risk: Unknown option '--frobnicate'.*\n$/],
    ['unknown command', ['estimate'], /^nodal-risk: unknown command: estimate\n$/],
  ];
  for (const [name, args, stderr] of bad) {
    it(`exits 2 with one line on stderr: ${name}`, () => {
      const files: Record<string, string> = {
        INVALID: file('invalid.json', '{ "lvi": tru'),
        UNKNOWN: file('unknown.json', '{ "tumourSize": 18 }'),
        WRONGTYPE: file('wrong.json', '{ "lvi": "yes" }'),
      };
      const r = run(...args.map((a) => files[a] ?? a));
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(stderr);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe('nodal-risk score text', () => {
  it('writes relative odds in the one odds format the card and the CDS card use', () => {
    const inputs = {
      ...vectorA,
      lvi: true,
      axillaryUltrasoundSuspicious: false,
      clinicalT: 'cT1',
      clinicalN: 'cN0',
      neoadjuvantTherapy: false,
    };
    const path = file('sysu-odds.json', JSON.stringify(inputs));
    const json = JSON.parse(run('score', '--inputs', path, '--json').stdout);
    const odds = json.models.find((m: { id: string }) => m.id === 'sysu-pn2').relativeOdds as number;
    expect(odds).toBeGreaterThan(10); // where a whole-number format and two decimals differ
    expect(run('score', '--inputs', path).stdout).toContain(
      `Relative odds vs a patient with none of the factors (not a percentage): ×${formatOdds(odds)}\n`,
    );
  });
});

describe('nodal-risk models', () => {
  it('lists models with kind and citation as JSON', () => {
    const r = run('models', '--json');
    expect(r.status).toBe(0);
    const models = JSON.parse(r.stdout);
    expect(models.map((m: { id: string; kind: string }) => [m.id, m.kind])).toEqual([
      ['mskcc-nsn', 'probability'],
      ['mskcc-nsn-nofs', 'probability'],
      ['dbcg-micro', 'risk-factors'],
      ['dbcg-itc', 'risk-factors'],
      ['sysu-pn2', 'relative-odds'],
    ]);
    expect(models[0].citation).toContain('Ann Surg Oncol. 2003;10(10):1140–1151');
  });
  it('lists models as text, with the ones that cannot be implemented', () => {
    const r = run('models');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('sysu-pn2 (relative-odds)');
    expect(r.stdout).toContain('Tenon score');
  });
  it('labels locally configured models and refuses a bad model config', () => {
    const config = file(
      'cal.json',
      JSON.stringify({ calibrations: [{ model: 'sysu-pn2', intercept: -3, source: 'site cohort' }] }),
    );
    const r = run('models', '--model-config', config);
    expect(r.stdout).toContain('sysu-pn2 (relative-odds) — locally configured');
    const badConfig = file(
      'bad.json',
      JSON.stringify({ calibrations: [{ model: 'mskcc-nsn', intercept: 1, source: 'x' }] }),
    );
    const bad = run('models', '--model-config', badConfig);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^nodal-risk: model config: "mskcc-nsn" is a probability model/);
  });
});
