// Which evidence is shown for which situation, the four cases of the clinical review, the notes
// ("why the count may matter next"), and the rule that every number in the data carries a citation.
import { describe, expect, it } from 'vitest';
import { factsFromPlainInputs } from '../../src/domain/validate.ts';
import { assess } from '../../src/models/evaluate.ts';
import { GUIDELINES, TRIALS } from '../../src/models/evidence/index.ts';

const assessed = (inputs: Record<string, unknown>) => assess(factsFromPlainInputs(inputs));
const verdicts = (inputs: Record<string, unknown>) =>
  Object.fromEntries(assessed(inputs).evidence.map((e) => [e.id, e.applies]));
const unmet = (inputs: Record<string, unknown>, id: string) =>
  assessed(inputs)
    .evidence.find((e) => e.id === id)
    ?.criteria.filter((c) => c.status === 'unmet')
    .map((c) => c.id);

const CLEAN = {
  sex: 'female',
  ageYears: 58,
  clinicalT: 'cT1',
  clinicalN: 'cN0',
  tumorSizeMm: 15,
  breastSurgery: 'breast-conserving',
  extranodalExtension: false,
};

describe('situation decides which trials are shown', () => {
  it('ITC only: no trial, the NICE guideline and the corrected ITC definition (fewer than 200 cells)', () => {
    const a = assessed({ ...CLEAN, slnPositive: 0, slnItcOnly: 1, slnExamined: 2 });
    expect(a.evidence.map((e) => e.id)).toEqual(['guideline-nice-2018']);
    const itc = a.evidenceNotes.find((n) => n.id === 'definition-itc');
    expect(itc?.statements[0]?.text).toContain('fewer than 200 cells');
    expect(itc?.statements[0]?.text).toContain('pN0(i+)');
    expect(JSON.stringify(a.evidenceNotes)).not.toMatch(/≤\s?200/);
  });

  it('micrometastases: Z0011 (it included them), IBCSG 23-01, AMAROS, OTOASOR', () => {
    const trials = assessed({ ...CLEAN, nodalBurden: 'micro', slnPositive: 1 }).evidence.filter(
      (e) => e.kind === 'trial',
    );
    expect(trials.map((e) => e.id)).toEqual(['z0011', 'ibcsg-23-01', 'amaros', 'otoasor']);
  });

  it('macrometastases: the macrometastasis trials, INSEMA randomisation 2 and POSNOC', () => {
    const trials = assessed({ ...CLEAN, nodalBurden: 'macro', slnPositive: 1 }).evidence.filter(
      (e) => e.kind === 'trial',
    );
    expect(trials.map((e) => e.id)).toEqual([
      'z0011',
      'senomac',
      'sinodar-one',
      'amaros',
      'otoasor',
      'insema',
      'posnoc',
    ]);
  });

  it('no nodal information: nothing is claimed', () => {
    const a = assessed({ tumorSizeMm: 12 });
    expect(a.evidence).toEqual([]);
    expect(a.evidenceNotes).toEqual([]);
  });

  it('guidelines carry guideline-<body>-<year> ids; superseded NCCN 2015 is marked', () => {
    const a = assessed({ ...CLEAN, nodalBurden: 'macro', slnPositive: 2 });
    const guidelines = a.evidence.filter((e) => e.kind === 'guideline');
    for (const g of guidelines) expect(g.id).toMatch(/^guideline-[a-z]+-\d{4}$/);
    expect(guidelines.find((g) => g.id === 'guideline-nccn-2015')?.superseded).toMatch(/^Superseded/);
  });

  it('POSNOC: in follow-up, no results; INSEMA randomisation 2: the signal against omission', () => {
    const a = assessed({ ...CLEAN, nodalBurden: 'macro', slnPositive: 1 });
    const posnoc = a.evidence.find((e) => e.id === 'posnoc');
    expect(posnoc?.results).toEqual([]);
    expect(posnoc?.notPublished).toContain('Results (the trial is in follow-up)');
    const insema = a.evidence.find((e) => e.id === 'insema');
    expect(insema?.basis).toBe('against-omission');
    expect(insema?.results[0]).toMatchObject({
      arms: [
        { label: 'SLNB alone', value: '86.6%' },
        { label: 'cALND', value: '93.8%' },
      ],
    });
    expect(insema?.results[0]?.comparison).toContain('not significant');
  });

  it('SOUND and INSEMA randomisation 1 are context only, never a verdict', () => {
    const a = assessed({ ...CLEAN, nodalBurden: 'macro', slnPositive: 1 });
    expect(a.evidence.map((e) => e.id)).not.toContain('sound');
    expect(
      a.evidence
        .find((e) => e.id === 'insema')
        ?.context.map((c) => c.text)
        .join(' '),
    ).toMatch(/SOUND.*context only|context only[\s\S]*SOUND/);
  });

  it('AMAROS and OTOASOR say they support axillary radiotherapy instead of ALND, not omission', () => {
    const a = assessed({ ...CLEAN, nodalBurden: 'macro', slnPositive: 1 });
    for (const id of ['amaros', 'otoasor']) {
      const e = a.evidence.find((x) => x.id === id);
      expect(e?.basis).toBe('axillary-rt');
      expect(e?.population.text).toMatch(/instead of (completion )?ALND, not omitting axillary treatment/);
    }
  });
});

describe('the four cases of the clinical review', () => {
  it('cT3 65 mm, two micrometastases with extranodal extension, mastectomy without RT: IBCSG 23-01 does not apply', () => {
    const inputs = {
      ...CLEAN,
      clinicalT: 'cT3',
      tumorSizeMm: 65,
      nodalBurden: 'micro',
      slnPositive: 2,
      slnExamined: 3,
      extranodalExtension: true,
      breastSurgery: 'mastectomy',
      wholeBreastRtPlanned: false,
    };
    expect(verdicts(inputs)['ibcsg-23-01']).toBe('no');
    expect(unmet(inputs, 'ibcsg-23-01')).toEqual(['ibcsg.size', 'ibcsg.ene']);
  });

  it('cN1: Z0011, SENOMAC and AMAROS do not apply', () => {
    const v = verdicts({
      ...CLEAN,
      clinicalN: 'cN1',
      nodalBurden: 'macro',
      slnPositive: 1,
      wholeBreastRtPlanned: true,
      neoadjuvantTherapy: false,
      bilateralCancer: false,
      multicentric: false,
      detectionMethod: 'routine-he',
    });
    expect([v.z0011, v.senomac, v.amaros]).toEqual(['no', 'no', 'no']);
  });

  it('male: Z0011 and IBCSG 23-01 do not apply (both enrolled women)', () => {
    expect(verdicts({ ...CLEAN, sex: 'male', nodalBurden: 'macro', slnPositive: 1 }).z0011).toBe('no');
    expect(verdicts({ ...CLEAN, sex: 'male', nodalBurden: 'micro', slnPositive: 1 })['ibcsg-23-01']).toBe('no');
  });

  it('IHC-only macrometastasis fails Z0011', () => {
    expect(unmet({ ...CLEAN, nodalBurden: 'macro', slnPositive: 1, detectionMethod: 'ihc' }, 'z0011')).toEqual([
      'z11.detect',
    ]);
  });
});

describe('why the count may matter next', () => {
  const note = (inputs: Record<string, unknown>) =>
    assessed(inputs).evidenceNotes.find((n) => n.id === 'count-matters-next');

  it('replaces the systemic-therapy block: monarchE, RxPONDER, nodal RT trials, DBCG; no Oncotype cut-offs', () => {
    const n = note({ ...CLEAN, nodalBurden: 'micro', slnPositive: 1 });
    const text = n?.statements.map((s) => s.text).join(' ') ?? '';
    for (const part of ['monarchE', 'RxPONDER', 'MA.20', 'EORTC 22922', 'pN stage stays unknown'])
      expect(text).toContain(part);
    expect(JSON.stringify(assessed({ ...CLEAN, nodalBurden: 'macro', slnPositive: 1 }))).not.toMatch(
      /Oncotype|18–30|≥31/,
    );
  });

  it('the observed pN2–3 rates (10% vs 34%) only after macrometastases', () => {
    expect(
      note({ ...CLEAN, nodalBurden: 'micro', slnPositive: 1 })
        ?.statements.map((s) => s.text)
        .join(' '),
    ).not.toContain('34%');
    expect(
      note({ ...CLEAN, nodalBurden: 'macro', slnPositive: 1 })
        ?.statements.map((s) => s.text)
        .join(' '),
    ).toMatch(/10% had 4 or more \(pN2–3\); after 2, 50% and 34%/);
  });

  it('neoadjuvant therapy: the note that the models and Z0011 / SINODAR-ONE exclude it', () => {
    const a = assessed({ ...CLEAN, nodalBurden: 'macro', slnPositive: 1, neoadjuvantTherapy: true });
    expect(a.evidenceNotes.map((n) => n.id)).toEqual(['neoadjuvant', 'count-matters-next']);
    expect(a.evidence.find((e) => e.id === 'z0011')?.applies).toBe('no');
  });
});

describe('evidence data', () => {
  /** Strings with a digit and numbers must sit in an object that carries (or inherits) a citation. */
  function uncited(value: unknown, path: string, cited: boolean, root: boolean): string[] {
    if (typeof value === 'function' || value === undefined) return [];
    if (typeof value === 'number') return cited ? [] : [path];
    if (typeof value === 'string') return /\d/.test(value) && !cited ? [`${path}: ${value}`] : [];
    if (Array.isArray(value)) return value.flatMap((v, i) => uncited(v, `${path}[${i}]`, cited, root));
    const object = value as Record<string, unknown>;
    const here = (typeof object.citation === 'string' && object.citation.length > 0) || cited;
    return Object.entries(object).flatMap(([k, v]) => {
      if (['id', 'short', 'citation', 'situations', 'inputs'].includes(k)) return [];
      // The definition's own citation covers its own fields, not the criteria, results and notes inside it.
      const nestedCited =
        typeof v === 'object' && v !== null && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))
          ? !root && here
          : here;
      return uncited(v, `${path}.${k}`, nestedCited, false);
    });
  }

  it('no number without a citation field', () => {
    const offenders = [...TRIALS, ...GUIDELINES].flatMap((d) => uncited(d, d.id, false, true));
    const notes = assessed({ ...CLEAN, nodalBurden: 'macro', slnPositive: 1, neoadjuvantTherapy: true }).evidenceNotes;
    const noteOffenders = notes.flatMap((n) =>
      n.statements.flatMap((s, i) => uncited(s, `${n.id}[${i}]`, false, false)),
    );
    expect([...offenders, ...noteOffenders]).toEqual([]);
  });

  it('the walk does catch a number without a citation', () => {
    const bad = {
      id: 'x',
      citation: 'c',
      results: [{ endpoint: 'OS at 5 years', arms: [{ label: 'A', value: '90%' }] }],
    };
    expect(uncited(bad, 'x', false, true)).toEqual([
      'x.results[0].endpoint: OS at 5 years',
      'x.results[0].arms[0].value: 90%',
    ]);
  });

  it("results name their arms: every arm label is one of the trial's arms, stated in the same order", () => {
    for (const t of TRIALS) {
      const labels = t.arms.items.map((a) => a.label);
      for (const r of t.results) for (const arm of r.arms) expect(labels).toContain(arm.label);
    }
  });

  it('corrected citations: AMAROS lymphoedema and second cancers from Bartels JCO 2023; SINODAR-ONE ALND first, with follow-up', () => {
    const amaros = TRIALS.find((t) => t.id === 'amaros');
    for (const endpoint of [
      'Lymphoedema at 5 years (updated analysis)',
      'Second primary cancers at 10 years (exploratory)',
    ]) {
      expect(amaros?.results.find((r) => r.endpoint === endpoint)?.citation).toMatch(
        /^Bartels SAL.*J Clin Oncol 2023;41\(12\):2159/,
      );
    }
    const sinodar = TRIALS.find((t) => t.id === 'sinodar-one')?.results[0];
    expect(sinodar?.arms).toEqual([
      { label: 'ALND', value: '98.9%' },
      { label: 'SLNB only', value: '98.8%' },
    ]);
    expect(sinodar?.followUp).toBe('median 34.0 months');
  });
});
