// facts → Assessment: the pure core every face (app, CDS service, CLI) calls.
import { deriveFacts } from '../domain/derive.ts';
import type { ClinicalFacts, IgnoredItem } from '../domain/facts.ts';
import { evidenceFor, type EvidenceItem } from './evidence.ts';
import { evaluateModel } from './engine.ts';
import type { ModelDefinition } from './definition.ts';
import { BUILTIN_MODELS } from './registry.ts';
import type { ModelResult } from './result.ts';

export interface Assessment {
  patient: { reference: string } | null;
  inputs: ClinicalFacts;
  models: ModelResult[];
  evidence: EvidenceItem[];
  ignored: IgnoredItem[];
}

export interface AssessOptions {
  models?: readonly ModelDefinition[];
  patient?: { reference: string } | null;
  ignored?: IgnoredItem[];
}

export function assess(facts: ClinicalFacts, options: AssessOptions = {}): Assessment {
  const inputs = deriveFacts(facts);
  return {
    patient: options.patient ?? null,
    inputs,
    models: (options.models ?? BUILTIN_MODELS).map((model) => evaluateModel(model, inputs)),
    evidence: evidenceFor(inputs),
    ignored: options.ignored ?? [],
  };
}
