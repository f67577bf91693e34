// The card rendered off the page from the data arrived so far, then thrown away, while the record
// loads: the card's code is compiled and warm before the real card renders. It is never attached
// to the document, so never shown, and the painted mark is only set for a card in the document
// (card-painted.ts).
import { render } from 'preact';
import { AssessmentView, type AssessmentViewProps } from '../components/AssessmentView.tsx';

const NO_SOURCES: AssessmentViewProps['sources'] = { resource: () => undefined, reportText: () => undefined };

export function rehearseCard(props: Omit<AssessmentViewProps, 'sources' | 'writeBack'>): void {
  const offPage = document.createElement('div');
  // The first frame's part only, as the real card renders first.
  render(<AssessmentView {...props} sources={NO_SOURCES} detailsAfterFirstPaint />, offPage);
  render(null, offPage);
}
