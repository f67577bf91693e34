// @vitest-environment happy-dom
// The card rendered off the page while the record loads is never shown and sets no painted mark;
// the card in the document does.
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_PAINTED_MARK } from '../../src/app/card-painted.ts';
import { AssessmentView } from '../../src/app/components/AssessmentView.tsx';
import { rehearseCard } from '../../src/app/load/rehearse-card.tsx';
import { emptyFacts, present } from '../../src/domain/facts.ts';
import { BUILTIN_MODELS } from '../../src/models/registry.ts';

afterEach(() => {
  cleanup();
  performance.clearMarks();
});

const facts = () => {
  const f = emptyFacts();
  f.slnPositive = present(1, 'fhir', [{ reference: 'Observation/slnpos', date: '2026-03-02' }]);
  return f;
};
const cardProps = {
  patient: { reference: 'Patient/p1' },
  ignored: [],
  definitions: BUILTIN_MODELS,
  version: 'test',
  generatedAt: new Date('2026-03-03T00:00:00Z'),
};
/** Two frames and the tasks after them: past the moment a painted mark would be set. */
const afterPaints = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))));
const marks = () => performance.getEntriesByName(CARD_PAINTED_MARK, 'mark').length;

describe('the card rendered off the page', () => {
  it('leaves nothing in the document and sets no painted mark', async () => {
    document.body.innerHTML = '<div id="app"><main class="status-view">Loading</main></div>';
    rehearseCard({ recordFacts: facts(), ...cardProps });
    await afterPaints();
    expect(document.body.innerHTML).toBe('<div id="app"><main class="status-view">Loading</main></div>');
    expect(marks()).toBe(0);
  });

  it('while the card in the document sets the mark once it is painted', async () => {
    rehearseCard({ recordFacts: facts(), ...cardProps });
    const sources = { resource: () => undefined, reportText: () => undefined };
    render(<AssessmentView recordFacts={facts()} {...cardProps} sources={sources} detailsAfterFirstPaint />);
    expect(document.querySelector('.bottom-line')).not.toBeNull();
    await afterPaints();
    expect(marks()).toBe(1);
  });
});
