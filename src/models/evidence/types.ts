// Trial and guideline evidence as data: each criterion is a three-valued rule over the clinical
// inputs with its source, each result names its arms. Evaluated per patient by evaluate.ts.
import type { ClinicalFacts } from '../../domain/facts.ts';
import type { InputName } from '../../domain/vocabulary.ts';

/** Three-valued truth: undefined is "unknown" (a missing or disputed input), never false. */
export type Tri = boolean | undefined;

/**
 * Source grade of a criterion. P (primary) and S (reputable secondary) can gate a verdict;
 * CONFLICT (sources disagree), DERIVED (our reading), W (weak) and NOT FOUND (a criterion the
 * clinician should know was not published, e.g. sex) are shown as "also check".
 */
export type Grade = 'P' | 'S' | 'W' | 'CONFLICT' | 'DERIVED' | 'NOT FOUND';

/** The patient's situation after the sentinel node biopsy; decides which evidence is shown. */
export type Situation = 'itc' | 'micro' | 'macro' | 'positive-unknown-burden';

export interface CriterionDef {
  id: string;
  label: string;
  kind: 'inclusion' | 'exclusion';
  inputs: InputName[];
  /**
   * Inclusion: is it met? Exclusion: is the excluding condition present? undefined = unknown.
   * Criteria that need facts the product cannot read return undefined unless the readable
   * inputs already settle them (e.g. no extranodal extension at all ⇒ no gross extension).
   */
  rule: (facts: ClinicalFacts) => Tri;
  grade: Grade;
  /** Set when the criterion needs facts outside the vocabulary (pregnancy, prior axillary surgery…). */
  unreadable?: string;
  /** Short question for the clinician when this criterion decides the verdict. */
  question: string;
  /**
   * What the criterion limits, for the order-time warning: the clinical nodal status, or the
   * number or burden of positive sentinel nodes (an upper limit, not just "at least one").
   */
  bounds?: 'clinical-n' | 'sentinel-nodes';
  citation: string;
}

/** A sourced statement that is not a criterion (e.g. "extranodal extension was allowed"). */
export interface Cited {
  text: string;
  citation: string;
}

export interface ArmDef {
  label: string;
  role: 'standard' | 'experimental';
  description: string;
}

export interface ResultDef {
  endpoint: string;
  /** Values per arm; every label is one of the trial's arm labels. */
  arms: { label: string; value: string }[];
  /** Hazard ratio, P value or other comparison as published. */
  comparison?: string;
  followUp: string;
  citation: string;
}

/** What the trial's results support, which decides whether it may raise an order-time warning. */
export type TrialBasis = 'omission' | 'axillary-rt' | 'against-omission' | 'in-follow-up';

/** What decides a trial's verdict: all the bottom line needs of it. */
export interface TrialRules {
  id: string;
  /** Name for one-line summaries (CDS card). */
  short: string;
  situations: Situation[];
  basis: TrialBasis;
  criteria: CriterionDef[];
}

/** What the evidence section, the reports and the CDS detail say of a trial besides its verdict. */
export interface TrialTexts {
  title: string;
  population: Cited;
  arms: { items: ArmDef[]; citation: string };
  /** Sourced context that does not gate eligibility. */
  context: Cited[];
  /** Criteria and figures searched for and not found in a published source. */
  notPublished: string[];
  results: ResultDef[];
  citation: string;
}

export type TrialDef = TrialRules & TrialTexts;

export interface RecommendationDef {
  id: string;
  situations: Situation[];
  text: string;
  criteria: CriterionDef[];
  citation: string;
}

export interface GuidelineDef {
  /** guideline-<body>-<year> */
  id: `guideline-${string}`;
  title: string;
  short: string;
  /** Set when a later version exists: says which, and what of it was not found. */
  superseded?: string;
  /** The recommendation shown is the first whose situations include the patient's. */
  recommendations: RecommendationDef[];
  context: Cited[];
  citation: string;
}

// ---- Per-patient output (the JSON contract shared by `score --json`, the CDS card and the app) ----

export type CriterionStatus = 'met' | 'unmet' | 'unknown' | 'check';
export type Applies = 'yes' | 'no' | 'unknown';

export interface CriterionResult {
  id: string;
  label: string;
  kind: 'inclusion' | 'exclusion';
  status: CriterionStatus;
  inputs: InputName[];
  /** True when the criterion decides the verdict (sourced, inputs readable). */
  gating: boolean;
  citation: string;
}

export interface EvidenceEntry {
  id: string;
  title: string;
  short: string;
  kind: 'trial' | 'guideline';
  applies: Applies;
  criteria: CriterionResult[];
  /** The unknown gating criteria, as questions for the clinician. */
  questions: string[];
  results: ResultDef[];
  citation: string;
  /** Trials: who was studied; guidelines: the recommendation shown. */
  population: Cited;
  arms?: ArmDef[];
  basis?: TrialBasis;
  /** The gating criteria bound both the clinical nodal status and the sentinel node count or burden. */
  boundsNodes: boolean;
  context: Cited[];
  notPublished: string[];
  superseded?: string;
}

/** A trial's verdict without its texts: what the app's bottom line shows before they load. */
export type TrialVerdict = Pick<
  EvidenceEntry,
  'id' | 'short' | 'applies' | 'criteria' | 'questions' | 'boundsNodes'
> & { kind: 'trial'; basis: TrialBasis };

/** Evidence that is not a verdict: definitions, notes and what the nodal count changes next. */
export interface EvidenceNote {
  id: string;
  title: string;
  statements: Cited[];
}
