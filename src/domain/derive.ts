// Facts computed from other facts (origin "derived", naming what they came from).
// Runs after extraction and after clinician edits, before the models.
import type { ClinicalFacts, Fact, PresentFact, Source } from './facts.ts';
import type { InputName, InputValues } from './vocabulary.ts';

type NodalBurden = InputValues['nodalBurden'];

/** Derived-only inputs and what they are computed from: a gap in one is a gap in these. */
export const DERIVATION_SOURCES: Partial<Record<InputName, InputName[]>> = {
  slnNegative: ['slnExamined', 'slnPositive', 'slnItcOnly'],
};

/** AJCC 8th by size: ITC ≤ 0.2 mm, micrometastasis > 0.2–2 mm, macrometastasis > 2 mm (NCI PDQ pN table). */
export function burdenFromDepositMm(mm: number): NodalBurden {
  if (mm > 2) return 'macro';
  if (mm > 0.2) return 'micro';
  return 'itc';
}

function sourcesOf(facts: ClinicalFacts, names: InputName[]): Source[] {
  const out: Source[] = [];
  for (const name of names) {
    const fact = facts[name];
    if (fact.status === 'present') out.push(...fact.sources);
  }
  return out;
}

function derived<K extends InputName>(
  facts: ClinicalFacts,
  value: InputValues[K],
  from: InputName[],
  note: string,
): PresentFact<InputValues[K]> {
  return { status: 'present', value, origin: 'derived', sources: sourcesOf(facts, from), derivedFrom: from, note };
}

function deriveSlnNegative(facts: ClinicalFacts): Fact<number> {
  const { slnExamined, slnPositive, slnItcOnly } = facts;
  if (slnExamined.status !== 'present' || slnPositive.status !== 'present' || slnItcOnly.status !== 'present') {
    return { status: 'missing', note: 'needs sentinel nodes examined, positive and ITC-only' };
  }
  const negative = slnExamined.value - slnPositive.value - slnItcOnly.value;
  if (negative < 0) {
    return {
      status: 'missing',
      note: `counts are inconsistent: ${slnPositive.value} positive + ${slnItcOnly.value} ITC-only > ${slnExamined.value} examined`,
    };
  }
  return derived<'slnNegative'>(
    facts,
    negative,
    ['slnExamined', 'slnPositive', 'slnItcOnly'],
    'examined − positive − ITC-only',
  );
}

/** A stated value checked against what the other facts force: agreement keeps it, disagreement is a conflict. */
function withCandidate<T extends InputValues[InputName]>(
  stated: Fact<T>,
  candidate: PresentFact<T> | undefined,
  disagreement: string,
): Fact<T> {
  if (!candidate) return stated;
  if (stated.status === 'missing') return candidate;
  if (stated.status === 'present') {
    if (stated.value === candidate.value) return stated;
    return { status: 'conflict', candidates: [stated, candidate], note: disagreement };
  }
  // Already a conflict: add the derived candidate when it brings a new value.
  if (stated.candidates.some((c) => c.value === candidate.value)) return stated;
  return { ...stated, candidates: [...stated.candidates, candidate] };
}

function deriveNodalBurden(facts: ClinicalFacts): Fact<NodalBurden> {
  let candidate: PresentFact<NodalBurden> | undefined;
  const { largestDepositMm, slnPositive, slnItcOnly } = facts;
  if (
    slnPositive.status === 'present' &&
    slnPositive.value === 0 &&
    slnItcOnly.status === 'present' &&
    slnItcOnly.value > 0
  ) {
    candidate = derived<'nodalBurden'>(
      facts,
      'itc',
      ['slnPositive', 'slnItcOnly'],
      'no positive node, ITC-only nodes present',
    );
  } else if (
    largestDepositMm.status === 'present' &&
    !(slnPositive.status === 'present' && slnPositive.value === 0 && largestDepositMm.value > 0.2)
  ) {
    candidate = derived<'nodalBurden'>(
      facts,
      burdenFromDepositMm(largestDepositMm.value),
      ['largestDepositMm'],
      'AJCC 8th size category of the largest deposit',
    );
  }
  return withCandidate(facts.nodalBurden, candidate, 'stated category and deposit size disagree');
}

/** Only where logic forces one number: no positive node, no macrometastasis, or one positive node that is macro. */
function deriveSlnMacroCount(facts: ClinicalFacts): Fact<number> {
  const { slnPositive, nodalBurden } = facts;
  let candidate: PresentFact<number> | undefined;
  if (slnPositive.status === 'present' && slnPositive.value === 0) {
    candidate = derived<'slnMacroCount'>(facts, 0, ['slnPositive'], 'no positive sentinel node');
  } else if (nodalBurden.status === 'present' && nodalBurden.value !== 'macro') {
    candidate = derived<'slnMacroCount'>(facts, 0, ['nodalBurden'], 'the worst deposit is not a macrometastasis');
  } else if (nodalBurden.status === 'present' && slnPositive.status === 'present' && slnPositive.value === 1) {
    candidate = derived<'slnMacroCount'>(
      facts,
      1,
      ['nodalBurden', 'slnPositive'],
      'one positive sentinel node, with a macrometastasis',
    );
  }
  return withCandidate(facts.slnMacroCount, candidate, 'stated count and the sentinel node results disagree');
}

/** A single focus of invasive carcinoma is not multicentric; several foci may or may not be. */
function deriveMulticentric(facts: ClinicalFacts): Fact<boolean> {
  const { multifocal } = facts;
  const candidate =
    multifocal.status === 'present' && multifocal.value === false
      ? derived<'multicentric'>(facts, false, ['multifocal'], 'a single focus of invasive carcinoma')
      : undefined;
  return withCandidate(facts.multicentric, candidate, 'stated multicentric but a single focus is reported');
}

/**
 * A metastasis seen on frozen section is a frozen-section result on the sentinel node, which
 * chooses the MSKCC form with frozen-section information. A stated value is kept as stated.
 */
function deriveFrozenSectionInfo(facts: ClinicalFacts): Fact<InputValues['frozenSectionInfo']> {
  const { frozenSectionInfo, detectionMethod } = facts;
  if (frozenSectionInfo.status !== 'missing') return frozenSectionInfo;
  if (detectionMethod.status !== 'present' || detectionMethod.value !== 'frozen-section') return frozenSectionInfo;
  return derived<'frozenSectionInfo'>(
    facts,
    'available',
    ['detectionMethod'],
    'the sentinel metastasis was seen on frozen section',
  );
}

/** Returns a copy of the facts with derived facts filled in. Never overwrites a stated value silently. */
export function deriveFacts(facts: ClinicalFacts): ClinicalFacts {
  // One copy, filled in place: the macro count reads the burden derived just before it.
  const out = { ...facts };
  out.nodalBurden = deriveNodalBurden(facts);
  out.slnNegative = facts.slnNegative.status === 'present' ? facts.slnNegative : deriveSlnNegative(facts);
  out.slnMacroCount = deriveSlnMacroCount(out);
  out.multicentric = deriveMulticentric(facts);
  out.frozenSectionInfo = deriveFrozenSectionInfo(facts);
  return out;
}
