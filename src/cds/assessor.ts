// The seam between the CDS service and the FHIR → facts → Assessment pipeline. The server takes
// any function of this shape (tests inject their own); the default lives here only.
// TODO(lead): when src/pipeline.ts exports assessResources, make it the default and delete
// extractAndAssess (it does the same two steps).
import { extractFacts } from '../fhir/extract/index.ts';
import { assess, type Assessment } from '../models/evaluate.ts';

export interface AssessResourcesOptions {
  patientId?: string;
  now: Date;
  binaries?: Record<string, string>;
}

export type AssessResources = (resources: unknown[], options: AssessResourcesOptions) => Assessment;

/** extractFacts then assess, as src/pipeline.ts will do. */
export const extractAndAssess: AssessResources = (resources, options) => {
  const { patient, facts, ignored } = extractFacts(resources, options);
  return assess(facts, { patient, ignored });
};

export const defaultAssessResources: AssessResources = extractAndAssess;
