import type { OperationOutcome } from '@medplum/fhirtypes';

type IssueType = NonNullable<OperationOutcome['issue']>[number]['code'];

export function outcome(
  code: IssueType,
  text: string,
  severity: 'error' | 'warning' | 'information' = 'error',
): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics: text }] };
}

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
