// facts → Assessment: the pure core every face (app, CDS service, CLI) calls.
import { deriveFacts } from '../domain/derive.ts';
import type { ClinicalFacts, IgnoredItem } from '../domain/facts.ts';
import { evidenceFor, type EvidenceEntry, type EvidenceNote } from './evidence/index.ts';
import { evaluateModel } from './engine.ts';
import type { ModelDefinition } from './definition.ts';
import { BUILTIN_MODELS } from './registry.ts';
import type { ModelResult } from './result.ts';

export interface Assessment {
  patient: { reference: string } | null;
  inputs: ClinicalFacts;
  models: ModelResult[];
  /** Trials and guidelines relevant to the patient's situation, each with its verdict. */
  evidence: EvidenceEntry[];
  /** Evidence that is not a verdict: definitions, caveats, what the nodal count changes next. */
  evidenceNotes: EvidenceNote[];
  ignored: IgnoredItem[];
}

export interface AssessOptions {
  models?: readonly ModelDefinition[];
  patient?: { reference: string } | null;
  ignored?: IgnoredItem[];
}

export function assess(facts: ClinicalFacts, options: AssessOptions = {}): Assessment {
  const inputs = deriveFacts(facts);
  const evidence = evidenceFor(inputs);
  return {
    patient: options.patient ?? null,
    inputs,
    models: (options.models ?? BUILTIN_MODELS).map((model) => evaluateModel(model, inputs)),
    evidence: evidence.entries,
    evidenceNotes: evidence.notes,
    ignored: options.ignored ?? [],
  };
}
