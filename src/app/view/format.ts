// Display helpers for the card. Everything here returns plain strings: EHR text is never HTML.
import type { Origin } from '../../domain/facts.ts';

export const ORIGIN_BADGE: Record<Origin, string> = {
  fhir: 'EHR',
  'report-text': 'Report text',
  derived: 'Derived',
  clinician: 'Entered',
};

export { FACTOR_STATUS_TEXT } from '../../models/display.ts';

/** "2026-03-02T10:00:00Z" → "2026-03-02"; anything unparseable is shown as given. */
export function shortDate(date: string | undefined): string {
  if (!date) return '';
  const m = /^\d{4}-\d{2}-\d{2}/.exec(date);
  return m ? m[0] : date;
}

export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}
