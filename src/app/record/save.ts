// "Save to chart": POST each resource (RiskAssessments, or one DocumentReference note) once, in order, and say exactly what was created.
// No retries: a create that may have reached the server is never sent again (no duplicates).
import type { DocumentReference, RiskAssessment } from '@medplum/fhirtypes';
import { FhirHttpError } from '../load/errors.ts';

export interface CreateResponse {
  location?: string;
  body?: unknown;
}

export type WritableResource = RiskAssessment | DocumentReference;
export type CreateResource = (resource: WritableResource) => Promise<CreateResponse>;

export interface SaveOutcome {
  /** "RiskAssessment/123" (or "DocumentReference/9") for each resource created, in order. */
  created: string[];
  /** Set when a create failed; the resources after it were not sent. */
  error?: string;
}

/** The new resource's "Type/id", from the Location header (…/Type/id[/_history/v]) or the returned resource. */
export function createdReference(resourceType: string, response: CreateResponse): string | undefined {
  const m = response.location
    ? /(?:^|\/)([A-Za-z]+)\/([A-Za-z0-9.-]{1,64})(?:\/_history\/[^/]+)?\/?$/.exec(response.location)
    : null;
  if (m && m[1] === resourceType) return `${m[1]}/${m[2]}`;
  const body = response.body as { resourceType?: unknown; id?: unknown } | undefined;
  if (body?.resourceType === resourceType && typeof body.id === 'string') return `${resourceType}/${body.id}`;
  return undefined;
}

function reasonOf(e: unknown, resourceType: string): string {
  if (e instanceof FhirHttpError) {
    if (e.status === 401) return 'the session with the EHR has expired';
    if (e.status === 403) return `the EHR did not allow saving a ${resourceType} (permission not granted)`;
    return `the EHR answered HTTP ${e.status}`;
  }
  return 'the EHR could not be reached';
}

export async function saveAll(create: CreateResource, resources: WritableResource[]): Promise<SaveOutcome> {
  const created: string[] = [];
  for (const resource of resources) {
    try {
      const response = await create(resource);
      created.push(createdReference(resource.resourceType, response) ?? `${resource.resourceType} (id not returned)`);
    } catch (e) {
      return { created, error: reasonOf(e, resource.resourceType) };
    }
  }
  return { created };
}
