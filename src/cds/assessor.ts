// The seam between the CDS service and the FHIR → facts → Assessment pipeline. The server takes
// any function of this shape (tests may inject their own); by default the project's one pipeline.
import { assessResources, type AssessResourcesOptions } from '../pipeline.ts';
import type { ModelDefinition } from '../models/definition.ts';
import type { Assessment } from '../models/evaluate.ts';

export type { AssessResourcesOptions };

export type AssessResources = (resources: unknown[], options: AssessResourcesOptions) => Assessment;

export const defaultAssessResources: AssessResources = assessResources;

/** The pipeline with a deployment's model list (e.g. a calibration written by `nodal-risk validate`). */
export function assessorWithModels(models: readonly ModelDefinition[]): AssessResources {
  return (resources, options) => assessResources(resources, { ...options, models });
}
