// Candidates → one Fact per input (docs/architecture.md "Extraction in three steps"): the rules that settle disagreements,
// and a conflict with every candidate when they cannot.
import {
  emptyFacts,
  type ClinicalFacts,
  type Fact,
  type IgnoredItem,
  type PresentFact,
  type Source,
} from '../../domain/facts.ts';
import type { InputName, InputValue, Side } from '../../domain/vocabulary.ts';
import type { Candidate } from './candidate.ts';

export interface ResolveContext {
  /** The side of the index cancer when known: candidates tied to the other side are dropped. */
  indexSide?: Side;
}

/** Least sensitive first: the method that counts is the least sensitive one that showed the metastasis (Van Zee 2003 method of detection; docs/models.md "Equation"). */
const DETECTION_ORDER = ['frozen-section', 'routine-he', 'serial-he', 'ihc'];

function describe(c: Candidate): string {
  return c.source.text ? `${c.source.reference} ("${c.source.text}")` : c.source.reference;
}

export function resolveFacts(
  candidates: Candidate[],
  context: ResolveContext,
): { facts: ClinicalFacts; ignored: IgnoredItem[] } {
  const facts = emptyFacts() as Record<InputName, Fact>;
  const ignored: IgnoredItem[] = [];
  for (const [input, list] of byInput(candidates, context, ignored)) {
    // Most inputs have one candidate on the index side: it stands as it is (the rules below would keep it).
    const lone = list.length === 1 ? list[0]! : undefined;
    if (lone && (!context.indexSide || !lone.side || lone.side === context.indexSide)) facts[input] = toPresent(list);
    else {
      const fact = settle(input, list, context, ignored);
      if (fact) facts[input] = fact;
    }
  }
  return { facts: facts as ClinicalFacts, ignored };
}

// The rules below are functions of their own (not one long function): each is compiled on its
// own when it gets hot, and the rare ones not at all.

/** Candidates by input, in order; side-dependent ones are dropped when the sources disagree on the side. */
function byInput(
  candidates: Candidate[],
  context: ResolveContext,
  ignored: IgnoredItem[],
): Map<InputName, Candidate[]> {
  const grouped = new Map<InputName, Candidate[]>();
  const sidesDisagree = lateralitiesDisagree(candidates, context);
  for (const c of candidates) {
    if (c.sideDependent && sidesDisagree) {
      ignored.push({
        reference: c.source.reference,
        reason: `${c.input}: read with the ${c.side ?? 'stated'} side, but the sources disagree on the side`,
      });
      continue;
    }
    const list = grouped.get(c.input);
    if (list) list.push(c);
    else grouped.set(c.input, [c]);
  }
  return grouped;
}

/** Two laterality candidates (on the index side, when known) with different values. */
function lateralitiesDisagree(candidates: Candidate[], context: ResolveContext): boolean {
  let first: InputValue | undefined;
  for (const c of candidates) {
    if (c.input !== 'laterality' || (context.indexSide && c.value !== context.indexSide)) continue;
    if (first === undefined) first = c.value;
    else if (c.value !== first) return true;
  }
  return false;
}

function drop(ignored: IgnoredItem[], input: InputName, c: Candidate, why: string): void {
  ignored.push({ reference: c.source.reference, reason: `${input}: ${why}` });
}

/** Several candidates (or one from the other side) for one input → one fact, a conflict, or none. */
function settle(
  input: InputName,
  list: Candidate[],
  context: ResolveContext,
  ignored: IgnoredItem[],
): Fact | undefined {
  // Bilateral disease: a value tied to the other breast is not about the index cancer.
  let kept = context.indexSide ? onIndexSide(input, list, context.indexSide, ignored) : list;

  // Most inputs have one candidate: nothing to weigh it against, so it stands as it is.
  if (kept.length === 1) return toPresent(kept);

  kept = bestPerSpecimen(input, kept, ignored);

  // A preliminary (e.g. frozen-section) result loses to any final one.
  if (hasFinal(kept)) kept = finalOnly(input, kept, ignored);

  if (input === 'detectionMethod' && kept.length > 1) kept = leastSensitive(kept);

  const groups = agreeing(kept);
  if (groups.length === 1) return toPresent(groups[0]!);
  const options = groups.map(toPresent);
  if (options.length > 1)
    return { status: 'conflict', candidates: options, note: 'sources disagree and no rule settles it' };
  return undefined;
}

// The filters below are loops, not filter() with a closure made per call: every record settles
// several inputs.

function onIndexSide(input: InputName, list: Candidate[], indexSide: Side, ignored: IgnoredItem[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const c of list) {
    if (!c.side || c.side === indexSide) kept.push(c);
    else drop(ignored, input, c, `belongs to the ${c.side} breast, not the index (${indexSide}) cancer`);
  }
  return kept;
}

/** Within one specimen: a more specific measure wins (rank), and an amendment replaces what it corrects. */
function bestPerSpecimen(input: InputName, list: Candidate[], ignored: IgnoredItem[]): Candidate[] {
  const groups = new Map<string, Candidate[]>();
  for (const c of list) {
    const key = c.specimen ?? '';
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  const kept: Candidate[] = [];
  for (const group of groups.values()) {
    let best = Infinity;
    for (const c of group) best = Math.min(best, c.rank ?? 0);
    const ranked: Candidate[] = [];
    const amendments: Candidate[] = [];
    for (const c of group) {
      if ((c.rank ?? 0) !== best) {
        drop(ignored, input, c, 'a preferred result for the same specimen is present');
        continue;
      }
      ranked.push(c);
      if (c.status === 'amended') amendments.push(c);
    }
    for (const c of ranked) {
      if (amendments.length === 0 || c.status === 'amended' || issuedAfterAll(c, amendments)) kept.push(c);
      else drop(ignored, input, c, `superseded by the amended result ${amendments.map(describe).join(', ')}`);
    }
  }
  return kept;
}

function hasFinal(list: Candidate[]): boolean {
  for (const c of list) if (c.status !== 'preliminary') return true;
  return false;
}

function finalOnly(input: InputName, list: Candidate[], ignored: IgnoredItem[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const c of list) {
    if (c.status !== 'preliminary') kept.push(c);
    else drop(ignored, input, c, 'preliminary result superseded by a final result');
  }
  return kept;
}

function leastSensitive(list: Candidate[]): Candidate[] {
  const least = Math.min(...list.map((c) => DETECTION_ORDER.indexOf(String(c.value))));
  return list.filter((c) => DETECTION_ORDER.indexOf(String(c.value)) === least);
}

/**
 * Candidates grouped by equal value, in order of first appearance. Values are checked numbers,
 * booleans and strings (validateInputValue), so the value itself is the key: no text is made.
 */
function agreeing(list: Candidate[]): Candidate[][] {
  const byValue = new Map<InputValue, Candidate[]>();
  for (const c of list) {
    const key = c.value;
    const g = byValue.get(key);
    if (g) g.push(c);
    else byValue.set(key, [c]);
  }
  return [...byValue.values()];
}

// A function of its own, not a closure made per call: every input of every record passes here.
function addSource(sources: Source[], s: Source): void {
  for (const x of sources) if (sameSource(x, s)) return;
  sources.push(s);
}

function sameSource(a: Source, b: Source): boolean {
  return a.reference === b.reference && a.code === b.code && a.text === b.text && a.date === b.date;
}

/** Agreeing candidates become one fact that names every source. */
function toPresent(group: Candidate[]): PresentFact<InputValue> {
  const sources: Source[] = [];
  const notes: string[] = [];
  let fromFhir = false;
  for (const c of group) {
    addSource(sources, c.source);
    if (c.moreSources) for (const s of c.moreSources) addSource(sources, s);
    if (c.note && !notes.includes(c.note)) notes.push(c.note);
    if (c.origin === 'fhir') fromFhir = true;
  }
  const fact: PresentFact<InputValue> = {
    status: 'present',
    value: group[0]!.value,
    origin: fromFhir ? 'fhir' : 'report-text',
    sources,
  };
  if (notes.length > 0) fact.note = notes.join('; ');
  return fact;
}

/**
 * A result issued after every amendment (all dated) is not what they amend: it stays, and a
 * disagreement becomes a conflict rather than the older amendment winning.
 */
function issuedAfterAll(c: Candidate, amendments: Candidate[]): boolean {
  const t = c.issued ? Date.parse(c.issued) : NaN;
  if (Number.isNaN(t)) return false;
  return amendments.every((a) => {
    const at = a.issued ? Date.parse(a.issued) : NaN;
    return !Number.isNaN(at) && t > at;
  });
}
