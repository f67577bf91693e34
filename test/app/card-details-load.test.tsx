// @vitest-environment happy-dom
// The sections below the estimates come in their own chunk after the card paints: when that chunk
// cannot be loaded (an app update or a dropped network) the card says so, and is no longer busy.
// The chunk also completes the assessment that "Save to chart" writes: without it, no save either.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AssessmentView } from '../../src/app/components/AssessmentView.tsx';
import { emptyFacts, present } from '../../src/domain/facts.ts';
import { cardProps, untilCardSettled } from '../helpers/card.ts';

vi.mock('../../src/app/components/CardDetails.tsx', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

afterEach(cleanup);

describe('card details chunk', () => {
  it('says the details could not be loaded, keeps the bottom line, and ends the busy state', async () => {
    const facts = emptyFacts();
    const source = [{ reference: 'Observation/pos', code: 'http://loinc.org|92832-5', date: '2026-03-02' }];
    facts.slnPositive = present(1, 'fhir', source);
    render(<AssessmentView {...cardProps(facts)} />);
    await untilCardSettled();
    expect(screen.getByRole('status').textContent).toBe(
      'The drivers, inputs, evidence and notes on the models could not be loaded: reload the app to see them.',
    );
    expect(screen.getByRole('region', { name: 'Bottom line' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Inputs and where they came from' })).toBeNull();
  });

  it('says Save to chart could not be loaded: what it saves is completed by that chunk', async () => {
    const facts = emptyFacts();
    const create = vi.fn();
    const writeBack = { branch: { kind: 'risk-assessment' as const }, create, patientReference: 'Patient/p1' };
    render(<AssessmentView {...cardProps(facts)} writeBack={writeBack} />);
    await untilCardSettled();
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain(
      'Save to chart could not be loaded: reload the app to save, or print the card.',
    );
    expect(screen.queryByRole('button', { name: /Save to chart/ })).toBeNull();
    expect(create).not.toHaveBeenCalled();
  });
});
