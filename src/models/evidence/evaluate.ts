// Evaluates trial and guideline definitions for one patient: each criterion met / unmet /
// unknown / check, and whether the trial applies (yes / no / unknown).
import type { ClinicalFacts } from '../../domain/facts.ts';
import type {
  Applies,
  CriterionDef,
  CriterionResult,
  EvidenceEntry,
  GuidelineDef,
  Situation,
  Tri,
  TrialDef,
  TrialRules,
  TrialTexts,
  TrialVerdict,
} from './types.ts';

/** Sourced (P or S) and readable: the criterion decides the verdict. */
export function isGating(c: CriterionDef): boolean {
  return (c.grade === 'P' || c.grade === 'S') && c.unreadable === undefined;
}

/**
 * The rule's answer; when its inputs are disputed, the answer every combination of the
 * disputed candidates gives, if they all agree (sources that disagree only where it does not matter).
 */
function settle(c: CriterionDef, facts: ClinicalFacts): Tri {
  const direct = c.rule(facts);
  if (direct !== undefined) return direct;
  let variants: ClinicalFacts[] = [facts];
  for (const name of c.inputs) {
    const fact = facts[name];
    if (fact.status !== 'conflict') continue;
    variants = variants.flatMap((v) => fact.candidates.map((candidate) => ({ ...v, [name]: candidate })));
  }
  if (variants.length < 2) return undefined;
  const answers = new Set(variants.map((v) => c.rule(v)));
  return answers.size === 1 ? [...answers][0] : undefined;
}

function evaluateCriterion(c: CriterionDef, facts: ClinicalFacts): CriterionResult {
  const holds = settle(c, facts);
  const satisfied = holds === undefined ? undefined : c.kind === 'inclusion' ? holds : !holds;
  const gating = isGating(c);
  let status: CriterionResult['status'];
  if (gating) status = satisfied === undefined ? 'unknown' : satisfied ? 'met' : 'unmet';
  // A non-gating criterion never blocks: it is "met" when the readable inputs settle it, else "check".
  else status = satisfied === true ? 'met' : 'check';
  return criterionResult(c, status, gating);
}

// A criterion's result differs between patients only by its status: each (criterion, status)
// result is built once, frozen and shared, so evaluating the evidence allocates almost nothing.
const resultsOfCriterion = new WeakMap<CriterionDef, Map<CriterionResult['status'], CriterionResult>>();
function criterionResult(c: CriterionDef, status: CriterionResult['status'], gating: boolean): CriterionResult {
  let byStatus = resultsOfCriterion.get(c);
  if (!byStatus) resultsOfCriterion.set(c, (byStatus = new Map()));
  let result = byStatus.get(status);
  if (!result) {
    result = Object.freeze({
      id: c.id,
      label: c.label,
      kind: c.kind,
      status,
      inputs: c.inputs,
      gating,
      citation: c.citation,
    });
    byStatus.set(status, result);
  }
  return result;
}

function verdict(criteria: CriterionResult[]): Applies {
  const gating = criteria.filter((c) => c.gating);
  if (gating.some((c) => c.status === 'unmet')) return 'no';
  return gating.every((c) => c.status === 'met') ? 'yes' : 'unknown';
}

/** Do the gating criteria bound both the clinical nodal status and the sentinel node count or burden? */
export function boundsNodes(defs: CriterionDef[]): boolean {
  const gating = defs.filter(isGating);
  return gating.some((c) => c.bounds === 'clinical-n') && gating.some((c) => c.bounds === 'sentinel-nodes');
}

// A trial's criteria are fixed definitions: whether they bound the nodes is worked out once per trial.
const boundsNodesOfTrial = new WeakMap<TrialRules, boolean>();
function trialBoundsNodes(trial: TrialRules): boolean {
  let bounds = boundsNodesOfTrial.get(trial);
  if (bounds === undefined) boundsNodesOfTrial.set(trial, (bounds = boundsNodes(trial.criteria)));
  return bounds;
}

/** The criteria's statuses, the verdict and the questions that would settle it. */
function judge(defs: CriterionDef[], facts: ClinicalFacts): Pick<EvidenceEntry, 'criteria' | 'applies' | 'questions'> {
  const criteria = defs.map((c) => evaluateCriterion(c, facts));
  const questions: string[] = [];
  for (let i = 0; i < defs.length; i++) {
    const c = criteria[i]!;
    if (c.gating && c.status === 'unknown') questions.push(defs[i]!.question);
  }
  return { applies: verdict(criteria), criteria, questions };
}

/** A trial's verdict from its rules alone. */
export function judgeTrial(trial: TrialRules, facts: ClinicalFacts): TrialVerdict {
  const { applies, criteria, questions } = judge(trial.criteria, facts);
  return {
    id: trial.id,
    short: trial.short,
    kind: 'trial',
    applies,
    criteria,
    questions,
    basis: trial.basis,
    boundsNodes: trialBoundsNodes(trial),
  };
}

/** A trial's entry: its verdict with its texts (the entry's fields in the order of the JSON contract). */
export function trialEntry(verdict: TrialVerdict, texts: TrialTexts): EvidenceEntry {
  return {
    id: verdict.id,
    title: texts.title,
    short: verdict.short,
    kind: 'trial',
    applies: verdict.applies,
    criteria: verdict.criteria,
    questions: verdict.questions,
    results: texts.results,
    citation: texts.citation,
    population: texts.population,
    arms: texts.arms.items,
    basis: verdict.basis,
    boundsNodes: verdict.boundsNodes,
    context: texts.context,
    notPublished: texts.notPublished,
  };
}

export function evaluateTrial(trial: TrialDef, facts: ClinicalFacts): EvidenceEntry {
  return trialEntry(judgeTrial(trial, facts), trial);
}

/** The guideline's recommendation for the situation, evaluated like a trial; none when it has none. */
export function evaluateGuideline(
  guideline: GuidelineDef,
  facts: ClinicalFacts,
  situation: Situation,
): EvidenceEntry | undefined {
  const rec = guideline.recommendations.find((r) => r.situations.includes(situation));
  if (!rec) return undefined;
  const { applies, criteria, questions } = judge(rec.criteria, facts);
  return {
    id: guideline.id,
    title: guideline.title,
    short: guideline.short,
    kind: 'guideline',
    applies,
    criteria,
    questions,
    results: [],
    citation: guideline.citation,
    population: { text: rec.text, citation: rec.citation },
    boundsNodes: false,
    context: guideline.context,
    notPublished: [],
    ...(guideline.superseded ? { superseded: guideline.superseded } : {}),
  };
}
