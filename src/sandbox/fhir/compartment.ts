// Patient-compartment membership, expressed as a search filter so the same rule serves searches
// (added to the query) and reads (checked against the one resource).
import { Operator, matchesSearchRequest } from '@medplum/core';
import type { Filter } from '@medplum/core';
import type { Binary, Resource } from '@medplum/fhirtypes';

/** Search parameter linking each served type to its patient (R4 CompartmentDefinition "Patient"). */
const PATIENT_PARAM: Record<string, string> = {
  Observation: 'patient',
  DiagnosticReport: 'patient',
  Condition: 'patient',
  Procedure: 'patient',
  Specimen: 'patient',
  RiskAssessment: 'patient',
  Encounter: 'patient',
  DocumentReference: 'patient',
  MedicationRequest: 'patient',
  MedicationAdministration: 'patient',
  MedicationStatement: 'patient',
  ServiceRequest: 'patient',
  AllergyIntolerance: 'patient',
  Immunization: 'patient',
  CarePlan: 'patient',
};

export function isCompartmentType(resourceType: string): boolean {
  return resourceType === 'Patient' || resourceType === 'Binary' || resourceType in PATIENT_PARAM;
}

/** The filter restricting a search of `resourceType` to one patient; undefined if the type is not searchable that way. */
export function compartmentFilter(resourceType: string, patientId: string): Filter | undefined {
  if (resourceType === 'Patient') return { code: '_id', operator: Operator.EQUALS, value: patientId };
  const code = PATIENT_PARAM[resourceType];
  return code ? { code, operator: Operator.EQUALS, value: `Patient/${patientId}` } : undefined;
}

export function inCompartment(resource: Resource, patientId: string): boolean {
  if (resource.resourceType === 'Binary') {
    // Report documents carry their patient in securityContext, as Binary resources do in real EHRs.
    return (resource as Binary).securityContext?.reference === `Patient/${patientId}`;
  }
  const filter = compartmentFilter(resource.resourceType, patientId);
  return (
    filter !== undefined && matchesSearchRequest(resource, { resourceType: resource.resourceType, filters: [filter] })
  );
}
