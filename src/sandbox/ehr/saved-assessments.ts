// The RiskAssessments apps have saved for a patient, as the launcher lists them. Every value comes
// from a client-written resource, so it is rendered only through the escaping `html` helper.
import { Operator } from '@medplum/core';
import type { MemoryRepository } from '@medplum/fhir-router';
import type { RiskAssessment } from '@medplum/fhirtypes';
import { html, type SafeHtml } from './html.ts';

export async function savedAssessments(repo: MemoryRepository, patientId: string): Promise<RiskAssessment[]> {
  const list = await repo.searchResources<RiskAssessment>({
    resourceType: 'RiskAssessment',
    filters: [{ code: 'subject', operator: Operator.EQUALS, value: `Patient/${patientId}` }],
    count: 100,
  });
  // Newest first.
  return [...list].sort((a, b) => String(b.occurrenceDateTime ?? '').localeCompare(String(a.occurrenceDateTime ?? '')));
}

function estimate(r: RiskAssessment): string {
  const p = r.prediction?.[0];
  const parts: string[] = [];
  if (typeof p?.probabilityDecimal === 'number') parts.push(`${Math.round(p.probabilityDecimal * 100)}%`);
  if (p?.qualitativeRisk?.text) parts.push(p.qualitativeRisk.text);
  return parts.join(' · ') || 'no estimate';
}

export function renderSavedAssessments(list: RiskAssessment[]): SafeHtml {
  if (list.length === 0) return html`<small>None saved</small>`;
  return html`<ul class="saved-assessments">
    ${list.map(
      (r) =>
        html`<li data-id="${r.id ?? ''}">
          <strong>${r.method?.coding?.[0]?.display ?? r.method?.text ?? 'Unknown method'}</strong>: ${estimate(r)}
          <br /><small
            >RiskAssessment/${r.id ?? ''} ·
            ${r.occurrenceDateTime ?? ''}${r.performer?.reference ? html` · by ${r.performer.reference}` : ''} ·
            ${r.basis?.length ?? 0} source resource(s)</small
          >
          ${
            (r.note ?? []).length > 0
              ? html`<details>
                  <summary>Notes</summary>
                  ${(r.note ?? []).map((n) => html`<p class="note">${n.text}</p>`)}
                </details>`
              : ''
          }
        </li>`,
    )}
  </ul>`;
}
