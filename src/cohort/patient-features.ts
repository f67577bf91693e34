// The synthetic cohort's generating model (docs/validation.md): each patient's true features, the
// method of detection as the record states it, and the outcome of the completion dissection drawn
// from a known miscalibration of the published MSKCC nomogram.
import { deriveFacts } from '../domain/derive.ts';
import { factsFromPlainInputs } from '../domain/validate.ts';
import { evaluateModel } from '../models/engine.ts';
import { mskccNsnNoFrozenSection } from '../models/builtin/mskcc-nsn-nofs.ts';
import { mskccNsn } from '../models/builtin/mskcc-nsn.ts';
import { readModelResult } from '../validation/model-reading.ts';
import { seededRandom, type Random } from './random.ts';

/** The generating miscalibration: logit P(NSN metastasis) = ALPHA + BETA × (the nomogram's linear predictor). */
export const TRUE_MISCALIBRATION = { alpha: -0.4, beta: 0.8 } as const;

export type DetectionMethod = 'frozen-section' | 'routine-he' | 'serial-he' | 'ihc';

export interface SyntheticPatient {
  id: string;
  side: 'left' | 'right';
  ageYears: number;
  histologicType: 'ductal' | 'lobular';
  nuclearGrade: 1 | 2 | 3;
  grade: 1 | 2 | 3;
  tumorSizeMm: number;
  lvi: boolean;
  multifocal: boolean;
  erPositive: boolean;
  prPositive: boolean;
  quadrant: 'UOQ' | 'UIQ' | 'LOQ' | 'LIQ';
  slnExamined: number;
  slnPositive: number;
  slnItcOnly: number;
  burden: 'itc' | 'micro' | 'macro';
  largestDepositMm: number;
  /** The method that showed the metastasis. */
  detectionMethod: DetectionMethod;
  /** How the pathology report states it: a routine H&E finding is written in words, or not stated at all. */
  methodStated: boolean;
  slnbDate: string;
  alndDate: string;
  alndExamined: number;
  alndPositive: number;
  alndItcOnly: number;
  /** The preoperative axillary ultrasound: its finding, and how the record gives it (or does not). */
  axillaryUltrasound: { suspicious: boolean; record: 'observation' | 'report' | 'none'; date: string };
  /** The true probability of NSN metastasis under the generating model. */
  trueRisk: number;
  /** How the record gives the dissection result (see docs/validation.md). */
  outcomeRecord: 'discrete' | 'report-text' | 'all-nodes' | 'none';
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const expit = (x: number) => 1 / (1 + Math.exp(-x));

function weighted<T>(rnd: Random, options: [T, number][]): T {
  let u = rnd.next() * options.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of options) {
    u -= w;
    if (u < 0) return value;
  }
  return options[options.length - 1]![0];
}

function poisson(rnd: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rnd.next();
  while (p > limit) {
    k++;
    p *= rnd.next();
  }
  return k;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The linear predictor of the MSKCC form the record selects: with frozen-section information when one was done. */
function nomogramLp(
  p: Omit<SyntheticPatient, 'trueRisk' | 'outcomeRecord' | 'alndPositive' | 'alndItcOnly' | 'axillaryUltrasound'>,
): number {
  const form = p.detectionMethod === 'frozen-section' ? mskccNsn : mskccNsnNoFrozenSection;
  const facts = factsFromPlainInputs({
    histologicType: p.histologicType,
    nuclearGrade: p.nuclearGrade,
    lvi: p.lvi,
    multifocal: p.multifocal,
    erStatus: p.erPositive ? 'positive' : 'negative',
    slnExamined: p.slnExamined,
    slnPositive: p.slnPositive,
    slnItcOnly: p.slnItcOnly,
    tumorSizeMm: p.tumorSizeMm,
    detectionMethod: p.detectionMethod,
    ...(form === mskccNsnNoFrozenSection ? { frozenSectionInfo: 'unavailable' } : {}),
  });
  const reading = readModelResult(evaluateModel(form, deriveFacts(facts)));
  if (reading.kind !== 'probability')
    throw new Error(`generating model: ${form.id} gave no probability (${JSON.stringify(reading)})`);
  return reading.linearPredictor;
}

export function syntheticPatient(index: number, rnd: Random): SyntheticPatient {
  const id = `syn-${String(index).padStart(6, '0')}`;
  const histologicType = rnd.bernoulli(0.85) ? 'ductal' : 'lobular';
  const nuclearGrade = weighted<1 | 2 | 3>(rnd, [
    [1, 15],
    [2, 45],
    [3, 40],
  ]);
  const grade =
    nuclearGrade === 3
      ? weighted<2 | 3>(rnd, [
          [2, 30],
          [3, 70],
        ])
      : nuclearGrade;
  const tumorSizeMm = clamp(Math.round(Math.exp(rnd.normal(Math.log(20), 0.45))), 4, 80);
  const slnExamined = weighted(rnd, [
    [1, 20],
    [2, 30],
    [3, 25],
    [4, 15],
    [5, 10],
  ]);
  const itcOnly = rnd.bernoulli(0.06) === 1;
  const slnPositive = itcOnly
    ? 0
    : Math.min(
        slnExamined,
        weighted(rnd, [
          [1, 70],
          [2, 22],
          [3, 8],
        ]),
      );
  const slnItcOnly = itcOnly ? 1 : 0;
  const burden = itcOnly ? 'itc' : rnd.bernoulli(0.7) ? 'macro' : 'micro';
  const largestDepositMm =
    burden === 'macro'
      ? Math.round((2.1 + Math.exp(rnd.normal(1, 0.6))) * 10) / 10
      : burden === 'micro'
        ? Math.round((0.3 + rnd.next() * 1.7) * 10) / 10
        : 0.1;
  const detectionMethod = weighted<DetectionMethod>(rnd, [
    ['frozen-section', 40],
    ['routine-he', 30],
    ['serial-he', 15],
    ['ihc', 15],
  ]);
  const slnbMs = Date.UTC(2019, 0, 1) + Math.floor(rnd.next() * 6 * 365) * 86_400_000;
  const base = {
    id,
    side: rnd.bernoulli(0.5) ? ('left' as const) : ('right' as const),
    ageYears: Math.round(clamp(rnd.normal(57, 11), 28, 90)),
    histologicType: histologicType as 'ductal' | 'lobular',
    nuclearGrade,
    grade,
    tumorSizeMm,
    lvi: rnd.bernoulli(0.3) === 1,
    multifocal: rnd.bernoulli(0.15) === 1,
    erPositive: rnd.bernoulli(0.8) === 1,
    prPositive: rnd.bernoulli(0.7) === 1,
    quadrant: weighted<SyntheticPatient['quadrant']>(rnd, [
      ['UOQ', 50],
      ['UIQ', 15],
      ['LOQ', 15],
      ['LIQ', 20],
    ]),
    slnExamined,
    slnPositive,
    slnItcOnly,
    burden: burden as SyntheticPatient['burden'],
    largestDepositMm,
    detectionMethod,
    // One report in ten does not say how the metastasis was found.
    methodStated: rnd.bernoulli(0.9) === 1,
    slnbDate: isoDay(slnbMs),
    alndDate: isoDay(slnbMs + (14 + Math.floor(rnd.next() * 21)) * 86_400_000),
    alndExamined: 6 + Math.floor(rnd.next() * 15),
  };
  // ITC only: no nomogram applies; a low fixed-by-size risk (docs/validation.md).
  const trueRisk = itcOnly
    ? expit(-2.5 + 0.02 * (tumorSizeMm - 20))
    : expit(TRUE_MISCALIBRATION.alpha + TRUE_MISCALIBRATION.beta * nomogramLp(base));
  const nsn = rnd.bernoulli(trueRisk);
  const further = nsn
    ? 1 +
      poisson(rnd, Math.exp(-0.3 + 0.6 * Number(base.lvi) + 0.6 * Number(burden === 'macro') + 0.4 * (slnPositive - 1)))
    : 0;
  const alndPositive = Math.min(base.alndExamined, further);
  const alndItcOnly = !nsn && rnd.bernoulli(0.05) ? 1 : 0;
  const outcomeRecord = weighted<SyntheticPatient['outcomeRecord']>(rnd, [
    ['discrete', 55],
    ['report-text', 30],
    ['all-nodes', 12],
    ['none', 3],
  ]);
  return { ...base, trueRisk, alndPositive, alndItcOnly, outcomeRecord, axillaryUltrasound: ultrasound(index, base) };
}

/**
 * The axillary ultrasound, drawn from its own stream (seeded by the patient's number) so the rest of
 * the cohort is the one the other draws made. It does not enter the outcome: more often suspicious
 * with two or more positive sentinel nodes or a macrometastasis (docs/validation.md).
 */
function ultrasound(
  index: number,
  p: { slnPositive: number; burden: string; slnbDate: string },
): SyntheticPatient['axillaryUltrasound'] {
  const rnd = seededRandom(0x55a1c0de ^ index);
  const suspicious = rnd.bernoulli(0.2 + 0.2 * Number(p.slnPositive >= 2) + 0.15 * Number(p.burden === 'macro')) === 1;
  const record = weighted<SyntheticPatient['axillaryUltrasound']['record']>(rnd, [
    ['observation', 45],
    ['report', 45],
    ['none', 10],
  ]);
  const date = isoDay(Date.parse(`${p.slnbDate}T00:00:00Z`) - (7 + Math.floor(rnd.next() * 21)) * 86_400_000);
  return { suspicious, record, date };
}
