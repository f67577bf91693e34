// The seam between the CDS service and the FHIR → facts → Assessment pipeline. The server takes
// any function of this shape; the default is chosen in one place so switching to the project's
// pipeline (src/pipeline.ts assessResources) is a one-line change here.
import { emptyFacts } from '../domain/facts.ts';
import { assess, type Assessment } from '../models/evaluate.ts';

export interface AssessResourcesOptions {
  patientId?: string;
  now: Date;
  binaries?: Record<string, string>;
}

export type AssessResources = (resources: unknown[], options: AssessResourcesOptions) => Assessment;

/**
 * Placeholder until FHIR extraction is available: treats every input as missing, so cards say
 * what is missing instead of inventing values.
 */
export const assessWithoutExtraction: AssessResources = (_resources, options) =>
  assess(emptyFacts(), { patient: options.patientId ? { reference: `Patient/${options.patientId}` } : null });

export const defaultAssessResources: AssessResources = assessWithoutExtraction;
