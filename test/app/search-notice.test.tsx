// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SearchNotice } from '../../src/app/components/SearchNotice.tsx';
import type { SearchOutcome } from '../../src/app/load/load-patient-data.ts';
import { QUERIES } from '../../src/fhir/queries.ts';

afterEach(cleanup);

const outcomes = (status: (id: string) => Pick<SearchOutcome, 'status' | 'count' | 'detail'>): SearchOutcome[] =>
  QUERIES.map((query) => ({ query, ...status(query.id) }));

describe('search notice', () => {
  it('says nothing when every search ran and data was found', () => {
    const { container } = render(
      <SearchNotice
        searches={outcomes(() => ({ status: 'ok', count: 3 }))}
        documentProblems={[]}
        nothingFound={false}
      />,
    );
    expect(container.textContent).toBe('');
  });

  it('a patient with no breast-cancer data: says so and lists every search made', () => {
    render(
      <SearchNotice
        searches={outcomes((id) => ({ status: 'ok', count: id === 'patient' ? 1 : 0 }))}
        documentProblems={[]}
        nothingFound
      />,
    );
    expect(screen.getByRole('heading').textContent).toBe('No breast-cancer pathology found in the record');
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toHaveLength(QUERIES.length);
    expect(items).toContain(
      'Condition (laterality, quadrant, histology and diagnosis date of the breast cancer): 0 found',
    );
  });

  it('names searches that were skipped or failed, and unreadable report documents', () => {
    const searches = outcomes((id) =>
      id === 'conditions'
        ? { status: 'skipped', count: 0, detail: 'no permission to read Condition was granted' }
        : { status: 'ok', count: 1 },
    );
    render(
      <SearchNotice
        searches={searches}
        documentProblems={['Binary/b1: the EHR returned an error (HTTP 500)']}
        nothingFound={false}
      />,
    );
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Condition (laterality, quadrant, histology and diagnosis date of the breast cancer): no permission to read Condition was granted',
      'Report document Binary/b1: the EHR returned an error (HTTP 500)',
    ]);
  });

  it('a search that fell back loaded its data: a quiet note, not the warning; failures still warn', () => {
    const loinc = QUERIES.find((q) => q.id === 'observationsLoinc')!;
    const snomed = QUERIES.find((q) => q.id === 'observationsSnomed')!;
    const fellBack = (id: string): Pick<SearchOutcome, 'status' | 'count' | 'detail' | 'ranAs'> => {
      const query = id === 'observationsLoinc' ? loinc : id === 'observationsSnomed' ? snomed : undefined;
      return query?.fallback
        ? { status: 'fallback', count: 4, detail: 'refused', ranAs: query.fallback }
        : { status: 'ok', count: 1 };
    };
    const { container } = render(
      <SearchNotice searches={outcomes(fellBack)} documentProblems={[]} nothingFound={false} />,
    );
    expect(container.querySelector('.search-notice')).toBeNull();
    // Two searches fell back to the same broader form: named once.
    expect(container.querySelector('.search-fallback')?.textContent).toBe(
      'Searched more broadly where the EHR asked for it: Observation by category=laboratory instead of code list.',
    );
    cleanup();
    const withFailure = outcomes((id) =>
      id === 'procedures'
        ? { status: 'failed', count: 0, detail: 'the EHR returned an error (HTTP 500)' }
        : fellBack(id),
    );
    const again = render(<SearchNotice searches={withFailure} documentProblems={[]} nothingFound={false} />);
    expect(screen.getByRole('heading').textContent).toBe('Some data could not be loaded');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Procedure (sentinel node biopsy date, axillary dissection, breast surgery, chemotherapy): the EHR returned an error (HTTP 500)',
    ]);
    expect(again.container.querySelector('.search-fallback')).not.toBeNull();
  });
});
