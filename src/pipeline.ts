// The one pipeline every face calls: FHIR resources → clinical facts with provenance → assessment.
// Pure: the app, the CDS service and the CLI each do their own I/O and hand the resources in.
import { extractFacts, type ExtractOptions } from './fhir/extract/index.ts';
import type { ModelDefinition } from './models/definition.ts';
import { ALL_DOCUMENT_READERS } from './report/readers.ts';
import { assess, type Assessment } from './models/evaluate.ts';

export interface AssessResourcesOptions extends ExtractOptions {
  models?: readonly ModelDefinition[];
}

export function assessResources(resources: unknown[], options: AssessResourcesOptions): Assessment {
  const { patient, facts, ignored } = extractFacts(resources, {
    ...options,
    readers: options.readers ?? ALL_DOCUMENT_READERS,
  });
  return assess(facts, { patient, ignored, ...(options.models ? { models: options.models } : {}) });
}
