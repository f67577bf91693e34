// What the card tests share: the props they give AssessmentView besides the facts, and the wait for
// the sections below the estimates, which load in their own chunk after the card paints.
import { screen, waitFor } from '@testing-library/preact';
import { expect } from 'vitest';
import type { AssessmentViewProps } from '../../src/app/components/AssessmentView.tsx';
import { BUILTIN_MODELS } from '../../src/models/registry.ts';

/** AssessmentView's props for patient p1 with the built-in models and no sources; fresh each call. */
export function cardProps(recordFacts: AssessmentViewProps['recordFacts']): AssessmentViewProps {
  return {
    recordFacts,
    patient: { reference: 'Patient/p1' },
    ignored: [],
    definitions: BUILTIN_MODELS,
    sources: { resource: () => undefined, reportText: () => undefined },
    version: '0.1.0',
    generatedAt: new Date('2026-11-21T10:00:00Z'),
  };
}

/** Until the card is no longer busy: its details are in place, or it says they could not load. */
export async function untilCardSettled(): Promise<void> {
  await waitFor(() => expect(screen.getByRole('main').hasAttribute('aria-busy')).toBe(false), { timeout: 10_000 });
}
