// Table-driven eligibility checks per trial: a patient meeting every criterion (yes), failing each
// gating criterion in turn (no, naming it) and lacking each input in turn (unknown, naming it).
import { describe, expect, it } from 'vitest';
import { deriveFacts } from '../../src/domain/derive.ts';
import { emptyFacts, present } from '../../src/domain/facts.ts';
import { factsFromPlainInputs } from '../../src/domain/validate.ts';
import { evaluateTrial, isGating } from '../../src/models/evidence/evaluate.ts';
import { GUIDELINES, TRIALS } from '../../src/models/evidence/index.ts';
import type { TrialDef } from '../../src/models/evidence/types.ts';

type Inputs = Record<string, unknown>;

/** A patient inside every trial's readable criteria, except the burden each trial sets. */
const COMMON: Inputs = {
  sex: 'female',
  ageYears: 55,
  clinicalT: 'cT1',
  clinicalN: 'cN0',
  tumorSizeMm: 18,
  slnExamined: 3,
  slnPositive: 1,
  slnItcOnly: 0,
  detectionMethod: 'routine-he',
  extranodalExtension: false,
  breastSurgery: 'breast-conserving',
  wholeBreastRtPlanned: true,
  neoadjuvantTherapy: false,
  bilateralCancer: false,
  multicentric: false,
};

interface Case {
  /** Overrides that make the criterion unmet; absent when no vocabulary value can (e.g. "BCS or mastectomy"). */
  fail?: Inputs;
  /** Inputs whose absence leaves the criterion unknown. */
  drop: string[];
}

const TABLE: Record<string, { base: Inputs; cases: Record<string, Case> }> = {
  z0011: {
    base: { nodalBurden: 'macro' },
    cases: {
      'z11.sex': { fail: { sex: 'male' }, drop: ['sex'] },
      'z11.age': { fail: { ageYears: 17 }, drop: ['ageYears'] },
      'z11.ct': { fail: { clinicalT: 'cT3' }, drop: ['clinicalT'] },
      'z11.cn': { fail: { clinicalN: 'cN1' }, drop: ['clinicalN'] },
      'z11.sln': { fail: { slnPositive: 3 }, drop: ['slnPositive'] },
      'z11.detect': { fail: { detectionMethod: 'ihc' }, drop: ['detectionMethod'] },
      'z11.surgery': { fail: { breastSurgery: 'mastectomy' }, drop: ['breastSurgery'] },
      'z11.wbrt': { fail: { wholeBreastRtPlanned: false }, drop: ['wholeBreastRtPlanned'] },
      'z11.neoadj': { fail: { neoadjuvantTherapy: true }, drop: ['neoadjuvantTherapy'] },
      'z11.bilateral': { fail: { bilateralCancer: true }, drop: ['bilateralCancer'] },
      'z11.multicentric': { fail: { multicentric: true }, drop: ['multicentric'] },
    },
  },
  'ibcsg-23-01': {
    base: { nodalBurden: 'micro' },
    cases: {
      'ibcsg.sex': { fail: { sex: 'male' }, drop: ['sex'] },
      'ibcsg.size': { fail: { tumorSizeMm: 55 }, drop: ['tumorSizeMm', 'clinicalT'] },
      'ibcsg.burden': { fail: { nodalBurden: 'macro' }, drop: ['nodalBurden'] },
      'ibcsg.ene': { fail: { extranodalExtension: true }, drop: ['extranodalExtension'] },
      'ibcsg.surgery': { drop: ['breastSurgery'] },
    },
  },
  senomac: {
    base: { nodalBurden: 'macro' },
    cases: {
      'seno.age': { fail: { ageYears: 17 }, drop: ['ageYears'] },
      'seno.ct': { fail: { clinicalT: 'cT4' }, drop: ['clinicalT'] },
      'seno.cn': { fail: { clinicalN: 'cN1' }, drop: ['clinicalN'] },
      'seno.macro': { fail: { nodalBurden: 'micro' }, drop: ['nodalBurden'] },
      'seno.surgery': { drop: ['breastSurgery'] },
      'seno.bilateral': { drop: ['bilateralCancer'] },
    },
  },
  'sinodar-one': {
    base: { nodalBurden: 'macro' },
    cases: {
      'sino.age': { fail: { ageYears: 39 }, drop: ['ageYears'] },
      'sino.ct': { fail: { clinicalT: 'cT3' }, drop: ['clinicalT'] },
      'sino.cn': { fail: { clinicalN: 'cN1' }, drop: ['clinicalN'] },
      'sino.sln': { fail: { nodalBurden: 'micro' }, drop: ['nodalBurden'] },
      'sino.neoadj': { fail: { neoadjuvantTherapy: true }, drop: ['neoadjuvantTherapy'] },
      'sino.contra': { fail: { bilateralCancer: true }, drop: ['bilateralCancer'] },
      'sino.surgery': { fail: { wholeBreastRtPlanned: false }, drop: ['wholeBreastRtPlanned'] },
    },
  },
  amaros: {
    base: { nodalBurden: 'macro' },
    cases: {
      'amaros.ct': { fail: { clinicalT: 'cT3' }, drop: ['clinicalT'] },
      'amaros.cn': { fail: { clinicalN: 'cN1' }, drop: ['clinicalN'] },
      'amaros.sln': { fail: { slnPositive: 0, nodalBurden: null }, drop: ['slnPositive'] },
    },
  },
  otoasor: {
    base: { nodalBurden: 'macro' },
    cases: {
      'oto.cn': { fail: { clinicalN: 'cN1' }, drop: ['clinicalN'] },
      'oto.size': { fail: { tumorSizeMm: 31 }, drop: ['tumorSizeMm'] },
      'oto.sln': { fail: { slnPositive: 0, nodalBurden: null }, drop: ['slnPositive'] },
    },
  },
  insema: {
    base: { nodalBurden: 'macro' },
    cases: {
      'insema2.ct': { fail: { clinicalT: 'cT3' }, drop: ['clinicalT'] },
      'insema2.cn': { fail: { clinicalN: 'cN1' }, drop: ['clinicalN'] },
      'insema2.bcs': { fail: { breastSurgery: 'mastectomy' }, drop: ['breastSurgery'] },
      'insema2.macro': { fail: { slnPositive: 4, slnExamined: 4, slnMacroCount: 4 }, drop: ['nodalBurden'] },
    },
  },
  posnoc: {
    base: { nodalBurden: 'macro' },
    cases: {
      'posnoc.sex': { fail: { sex: 'male' }, drop: ['sex'] },
      'posnoc.age': { fail: { ageYears: 17 }, drop: ['ageYears'] },
      'posnoc.size': { fail: { tumorSizeMm: 51 }, drop: ['tumorSizeMm'] },
      'posnoc.cn': { fail: { clinicalN: 'cN2' }, drop: ['clinicalN'] },
      'posnoc.macro': { fail: { nodalBurden: 'micro' }, drop: ['nodalBurden'] },
      'posnoc.surgery': { drop: ['breastSurgery'] },
    },
  },
};

function trial(id: string): TrialDef {
  const t = TRIALS.find((x) => x.id === id);
  if (!t) throw new Error(`no trial ${id}`);
  return t;
}

function evaluate(id: string, inputs: Inputs) {
  return evaluateTrial(trial(id), deriveFacts(factsFromPlainInputs(inputs)));
}

function without(inputs: Inputs, names: string[]): Inputs {
  return Object.fromEntries(Object.entries(inputs).filter(([k]) => !names.includes(k)));
}

describe.each(Object.entries(TABLE))('%s', (id, { base, cases }) => {
  const patient = { ...COMMON, ...base };

  it('the table covers exactly the gating criteria', () => {
    expect(Object.keys(cases).sort()).toEqual(
      trial(id)
        .criteria.filter(isGating)
        .map((c) => c.id)
        .sort(),
    );
  });

  it('applies = yes when every gating criterion is met', () => {
    const e = evaluate(id, patient);
    expect(e.criteria.filter((c) => c.gating && c.status !== 'met')).toEqual([]);
    expect(e.applies).toBe('yes');
    expect(e.questions).toEqual([]);
  });

  const failing = Object.entries(cases).filter(
    (entry): entry is [string, Case & { fail: Inputs }] => entry[1].fail !== undefined,
  );
  it.each(failing)('applies = no when %s is not met, naming it', (criterion, { fail }) => {
    const e = evaluate(id, { ...patient, ...fail });
    expect(e.applies).toBe('no');
    expect(e.criteria.filter((c) => c.status === 'unmet').map((c) => c.id)).toEqual([criterion]);
  });

  it.each(Object.entries(cases))('applies = unknown without the inputs of %s, asking for it', (criterion, { drop }) => {
    const e = evaluate(id, without(patient, drop));
    expect(e.applies).toBe('unknown');
    const unknown = e.criteria.filter((c) => c.status === 'unknown');
    expect(unknown.map((c) => c.id)).toEqual([criterion]);
    const def = trial(id).criteria.find((c) => c.id === criterion);
    expect(e.questions).toEqual([def?.question]);
  });
});

describe('non-gating criteria never block', () => {
  it('CONFLICT, not-found and unreadable criteria are "met" when settled, else "check", never "unmet"', () => {
    for (const t of TRIALS) {
      const e = evaluateTrial(
        t,
        deriveFacts(
          factsFromPlainInputs({
            ...COMMON,
            nodalBurden: 'macro',
            sex: 'male',
            extranodalExtension: true,
            clinicalN: 'cN1',
          }),
        ),
      );
      for (const c of e.criteria.filter((x) => !x.gating)) expect(['met', 'check']).toContain(c.status);
    }
  });

  it('the sex criterion not found for SENOMAC, AMAROS, OTOASOR and SINODAR-ONE is shown as a check', () => {
    for (const id of ['senomac', 'amaros', 'otoasor', 'sinodar-one']) {
      const e = evaluate(id, { ...COMMON, nodalBurden: 'macro', sex: 'male' });
      const sex = e.criteria.find((c) => c.inputs.includes('sex'));
      expect(sex?.status).toBe('check');
      expect(sex?.gating).toBe(false);
    }
  });

  it('Z0011 gross extranodal extension: absent extension settles it, reported extension is a check', () => {
    const clear = evaluate('z0011', { ...COMMON, nodalBurden: 'macro' });
    expect(clear.criteria.find((c) => c.id === 'z11.ene')?.status).toBe('met');
    const reported = evaluate('z0011', { ...COMMON, nodalBurden: 'macro', extranodalExtension: true });
    expect(reported.criteria.find((c) => c.id === 'z11.ene')?.status).toBe('check');
    expect(reported.applies).toBe('yes');
  });
});

describe('macrometastasis counts are read as the range the facts force', () => {
  it('2 positive nodes, worst macro, count not given: SENOMAC (1–2) met, POSNOC met, INSEMA (1–3) met', () => {
    const inputs = { ...COMMON, nodalBurden: 'macro', slnPositive: 2 };
    for (const id of ['senomac', 'posnoc', 'insema']) expect(evaluate(id, inputs).applies).toBe('yes');
  });

  it('3 positive nodes, worst macro: SENOMAC unknown (2 macro + 1 micro was allowed), INSEMA met, SINODAR-ONE not', () => {
    const inputs = { ...COMMON, nodalBurden: 'macro', slnPositive: 3 };
    expect(evaluate('senomac', inputs).questions).toEqual(['Sentinel nodes with a macrometastasis?']);
    expect(evaluate('insema', inputs).applies).toBe('yes');
    expect(evaluate('sinodar-one', inputs).applies).toBe('no');
    expect(evaluate('senomac', { ...inputs, slnMacroCount: 3 }).applies).toBe('no');
    expect(evaluate('senomac', { ...inputs, slnMacroCount: 2 }).applies).toBe('yes');
  });
});

describe('disputed inputs', () => {
  const sized = (...mm: number[]) => {
    const facts = deriveFacts(factsFromPlainInputs({ ...COMMON, nodalBurden: 'macro', tumorSizeMm: null }));
    facts.tumorSizeMm = {
      status: 'conflict',
      candidates: mm.map((v, i) => present(v, 'fhir', [{ reference: `Observation/size-${i}` }])),
    };
    return facts;
  };

  it('sources that disagree only where it does not matter settle the criterion (18 vs 21 mm: within 3 cm)', () => {
    const e = evaluateTrial(trial('otoasor'), sized(18, 21));
    expect(e.criteria.find((c) => c.id === 'oto.size')?.status).toBe('met');
    expect(e.applies).toBe('yes');
  });

  it('sources that disagree across the limit leave it unknown (24 vs 45 mm for 3 cm)', () => {
    const e = evaluateTrial(trial('otoasor'), sized(24, 45));
    expect(e.criteria.find((c) => c.id === 'oto.size')?.status).toBe('unknown');
    expect(e.applies).toBe('unknown');
  });
});

describe('every rule reads only the inputs it declares', () => {
  const patients: Inputs[] = [
    { ...COMMON, nodalBurden: 'macro' },
    {
      ...COMMON,
      nodalBurden: 'micro',
      slnPositive: 2,
      sex: 'male',
      clinicalN: 'cN1',
      extranodalExtension: true,
      multifocal: false,
      multicentric: null,
    },
    {
      ...COMMON,
      nodalBurden: 'macro',
      slnPositive: 3,
      breastSurgery: 'mastectomy',
      regionalNodalRtPlanned: true,
      wholeBreastRtPlanned: false,
      neoadjuvantTherapy: true,
    },
  ];
  const criteria = [
    ...TRIALS.flatMap((t) => t.criteria),
    ...GUIDELINES.flatMap((g) => g.recommendations.flatMap((r) => r.criteria)),
  ];

  it.each(criteria.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    for (const p of patients) {
      const full = deriveFacts(factsFromPlainInputs(p));
      const only = emptyFacts();
      for (const name of c.inputs) (only as Record<string, unknown>)[name] = full[name];
      expect(c.rule(only)).toBe(c.rule(full));
    }
  });
});
