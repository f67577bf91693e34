// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AssessmentView } from '../../src/app/components/AssessmentView.tsx';
import type { SourceIndex } from '../../src/app/components/SourceViewer.tsx';
import { emptyFacts, present, type ClinicalFacts } from '../../src/domain/facts.ts';
import { cardProps, untilCardSettled } from '../helpers/card.ts';

afterEach(cleanup);

const obs = (id: string, code: string) => [
  { reference: `Observation/${id}`, code: `http://loinc.org|${code}`, date: '2026-03-02' },
];
const reportLine = (text: string) => [{ reference: 'DiagnosticReport/path1', date: '2026-03-02', text }];

/** Check vector A of docs/models.md "MSKCC nomogram (mskcc-nsn)" as it would arrive from an EHR (mixed coded data and report text). */
function recordFacts(): ClinicalFacts {
  const f = emptyFacts();
  f.tumorSizeMm = present(20, 'fhir', obs('size', '21889-1'));
  f.histologicType = present('ductal', 'report-text', reportLine('Histologic Type: Invasive ductal carcinoma'));
  f.nuclearGrade = present(2, 'report-text', reportLine('Nuclear Pleomorphism: Score 2'));
  f.erStatus = present('positive', 'fhir', obs('er', '85337-4'));
  f.slnExamined = present(2, 'fhir', obs('slnex', '85347-3'));
  f.slnPositive = present(1, 'fhir', obs('slnpos', '92832-5'));
  f.slnItcOnly = present(0, 'report-text', reportLine('Number of Sentinel Nodes with Isolated Tumor Cells: 0'));
  f.lvi = present(false, 'report-text', reportLine('Lymphovascular Invasion: Not identified'));
  f.multifocal = present(false, 'report-text', reportLine('Tumor Focality: Single focus of invasive carcinoma'));
  f.detectionMethod = present('frozen-section', 'fhir', obs('fs', 'frozen'));
  f.nodalBurden = present('macro', 'fhir', obs('pn', '21900-6'));
  f.axillaryUltrasoundSuspicious = present(false, 'fhir', obs('us', 'us'));
  f.clinicalT = {
    status: 'conflict',
    candidates: [
      present('cT1', 'fhir', obs('ct1', '21905-5')),
      present('cT2', 'report-text', reportLine('Clinical stage: cT2 <b>bold</b>')),
    ],
  };
  return f;
}

const REPORT = [
  'FINAL DIAGNOSIS',
  'Histologic Type: Invasive ductal carcinoma',
  'Nuclear Pleomorphism: Score 2',
  'Lymphovascular Invasion: Not identified',
  '<img src=x onerror=alert(1)>',
].join('\n');

const sources: SourceIndex = {
  resource: (ref) =>
    ref === 'Observation/size'
      ? {
          resourceType: 'Observation',
          id: 'size',
          status: 'final',
          code: { text: 'Tumor size <script>x</script>' },
          valueQuantity: { value: 2, unit: 'cm' },
          effectiveDateTime: '2026-03-02',
        }
      : undefined,
  reportText: (ref) => (ref === 'DiagnosticReport/path1' ? REPORT : undefined),
};

/** Renders the card; the sections below the estimates load in their own chunk. */
function renderCardNow(facts = recordFacts(), options: { detailsAfterFirstPaint?: boolean } = {}) {
  return render(
    <AssessmentView
      {...cardProps(facts)}
      {...options}
      ignored={[{ reference: 'Observation/old', reason: 'entered-in-error' }]}
      sources={sources}
    />,
  );
}

/** The card with its sections below the estimates loaded. */
async function renderCard(facts = recordFacts()) {
  const view = renderCardNow(facts);
  await untilCardSettled();
  return view;
}

const modelCard = (title: string) =>
  within(screen.getByRole('region', { name: 'Estimates' }))
    .getByRole('heading', { level: 3, name: title })
    .closest('article') as HTMLElement;

describe('risk card', () => {
  it('shows the MSKCC probability, and the Sun Yat-sen observed rate with the relative odds beside it', async () => {
    await renderCard();
    const mskcc = modelCard('MSKCC non-sentinel node nomogram');
    expect(within(mskcc).getByText('32%')).toBeTruthy();
    expect(within(mskcc).getByRole('img').getAttribute('aria-label')).toBe(
      '32% chance of any further (non-sentinel) axillary node involved at completion dissection',
    );
    const sysu = modelCard('Sun Yat-sen Memorial nomogram for four or more involved nodes');
    expect(sysu.querySelector('.observed-headline .big-number')?.textContent).toBe('9.2%');
    expect(sysu.textContent).toContain('Odds relative to a patient with none of the factors: ×9.15 (not a percentage)');
    expect(within(sysu).getByRole('list', { name: 'Warnings' }).textContent).toContain(
      'Sources disagree on Clinical T, so this population condition cannot be confirmed: applies to cT1–2 tumours (here: unknown).',
    );
  });

  it('shows a range with each choice when the method of detection is not recorded, and narrows it on a choice', async () => {
    const facts = recordFacts();
    facts.detectionMethod = emptyFacts().detectionMethod;
    await renderCard(facts);
    const nofs = modelCard('MSKCC non-sentinel node nomogram — form without frozen-section information (riskcalc.org)');
    expect(nofs.querySelector('.big-number')?.textContent).toBe('7–28%');
    expect(
      within(nofs).getByRole('link', { name: 'Method that detected the sentinel metastasis' }).getAttribute('href'),
    ).toBe('#input-detectionMethod');
    expect([...nofs.querySelectorAll('.range-values li')].map((li) => li.textContent)).toEqual([
      'routine H&E: 28%',
      'serial H&E (deeper levels): 9%',
      'immunohistochemistry: 7%',
    ]);
    // Never both forms: the frozen-section form is listed as not used, with the reason.
    expect(screen.queryByRole('heading', { level: 3, name: 'MSKCC non-sentinel node nomogram' })).toBeNull();
    fireEvent.change(screen.getByRole('combobox', { name: 'Method that detected the sentinel metastasis' }), {
      target: { value: 'serial-he' },
    });
    const narrowed = modelCard(
      'MSKCC non-sentinel node nomogram — form without frozen-section information (riskcalc.org)',
    );
    expect(narrowed.querySelector('.big-number')?.textContent).toBe('9%');
    expect(narrowed.querySelector('.range-values')).toBeNull();
  });

  it("states what drives each estimate as an odds multiplier in the card's one odds format", async () => {
    await renderCard();
    const drivers = [...screen.getByRole('region', { name: 'What drives the estimates' }).querySelectorAll('li')].map(
      (li) => li.textContent,
    );
    expect(drivers).toContain('Positive sentinel nodes (1): raises the odds ×1.5');
    expect(drivers).toContain('Sentinel macrometastasis (vs micrometastasis): raises the odds ×9.15');
    for (const line of drivers) expect(line).not.toMatch(/×\d+\.\d*0$/);
  });

  it('lists models that do not apply with their reasons, collapsed', async () => {
    await renderCard();
    const details = screen.getByText('Models that do not apply (3)').closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain('applies when the worst sentinel deposit is a micrometastasis (here: macro)');
  });

  it('shows every input with its origin badge, and missing ones as fields', async () => {
    await renderCard();
    const sizeRow = document.getElementById('input-tumorSizeMm') as HTMLElement;
    expect(sizeRow.textContent).toContain('20 mm');
    expect(within(sizeRow).getByText('EHR')).toBeTruthy();
    expect(within(sizeRow).getByRole('button', { name: 'Observation/size · 2026-03-02' })).toBeTruthy();
    const lviRow = document.getElementById('input-lvi') as HTMLElement;
    expect(within(lviRow).getByText('Report text')).toBeTruthy();
    const ageRow = document.getElementById('input-ageYears') as HTMLElement;
    expect(within(ageRow).getByRole('spinbutton', { name: 'Age (years)' })).toBeTruthy();
    expect(ageRow.textContent).toContain('not found in the record');
    expect((document.getElementById('input-slnNegative') as HTMLElement).textContent).toContain('Derived');
  });

  it('recomputes on every edit, marks it, and resets to the record value', async () => {
    await renderCard();
    fireEvent.click(screen.getByRole('button', { name: 'Edit Lymphovascular invasion' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Lymphovascular invasion' }), { target: { value: 'true' } });
    // Vector A with LVI: LP −0.757117 + 0.55069459 → 44.86%.
    expect(within(modelCard('MSKCC non-sentinel node nomogram')).getByText('45%')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe(
      'What-if: 1 input entered or edited by you; results below use them.',
    );
    const row = document.getElementById('input-lvi') as HTMLElement;
    expect(row.className).toBe('edited');
    fireEvent.click(within(row).getByRole('button', { name: 'Reset Lymphovascular invasion to the record' }));
    expect(within(modelCard('MSKCC non-sentinel node nomogram')).getByText('32%')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('offers the candidates of a conflict and uses the one chosen', async () => {
    await renderCard();
    const row = document.getElementById('input-clinicalT') as HTMLElement;
    expect(within(row).getByText('Conflict')).toBeTruthy();
    // Both values and their sources on the row itself.
    expect(row.textContent).toContain('sources disagree: cT1 vs cT2');
    expect(within(row).getByRole('button', { name: 'Observation/ct1 · 2026-03-02' })).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'DiagnosticReport/path1 · 2026-03-02' })).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Use cT1 for Clinical T' }));
    const sysu = modelCard('Sun Yat-sen Memorial nomogram for four or more involved nodes');
    expect(sysu.textContent).toContain('×9.15 (not a percentage)');
    expect(sysu.textContent).not.toContain('Sources disagree');
    expect(sysu.textContent).not.toContain('Sources disagree');
    expect(sysu.textContent).toContain(
      'Observed: 47 of 511 patients (9.2%) with 1 positive sentinel node had four or more axillary nodes involved (pN2–3) at completion dissection (ASCO abstract e12606)',
    );
  });

  it('a typed number outside the plausible range is refused with a message, not applied', async () => {
    await renderCard();
    const age = screen.getByRole('spinbutton', { name: 'Age (years)' });
    fireEvent.input(age, { target: { value: '400' } });
    expect(screen.getByRole('alert').textContent).toBe('expected a number of years from 0 to 120, got 400');
    expect(screen.queryByRole('status')).toBeNull();
    fireEvent.input(age, { target: { value: '52' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status')).toBeTruthy();
  });

  it('shows the report with the source line highlighted, EHR text as text', async () => {
    await renderCard();
    const row = document.getElementById('input-lvi') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: /DiagnosticReport\/path1/ }));
    // The viewer is loaded on demand (its first import is transformed here, hence the wait).
    const dialog = await screen.findByRole('dialog', {}, { timeout: 10_000 });
    expect(dialog.querySelector('mark')?.textContent).toBe('Lymphovascular Invasion: Not identified\n');
    expect(dialog.querySelector('img')).toBeNull();
    expect(dialog.textContent).toContain('<img src=x onerror=alert(1)>');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('summarises a coded source resource', async () => {
    await renderCard();
    fireEvent.click(screen.getByRole('button', { name: 'Observation/size · 2026-03-02' }));
    const dialog = await screen.findByRole('dialog', {}, { timeout: 10_000 });
    expect(dialog.textContent).toContain('Tumor size <script>x</script>');
    expect(dialog.querySelector('script')).toBeNull();
    expect(dialog.textContent).toContain('2 cm');
  });

  it('shows each trial with its verdict, criteria, questions and results, and the disclaimer', async () => {
    await renderCard();
    const evidence = screen.getByRole('region', { name: 'Evidence for this situation' });
    const z0011 = within(evidence)
      .getByRole('heading', { level: 3, name: /^ACOSOG Z0011/ })
      .closest('article') as HTMLElement;
    expect(within(z0011).getByText('unknown', { selector: '.verdict' })).toBeTruthy();
    expect(within(z0011).getByRole('list', { name: 'ACOSOG Z0011 criteria' }).textContent).toContain(
      'unknown Lumpectomy (planned mastectomy not permitted)',
    );
    expect(within(z0011).getByRole('list', { name: 'ACOSOG Z0011 criteria' }).textContent).toContain(
      'absent Exclusion: Metastasis seen on IHC only',
    );
    expect(z0011.textContent).toContain('To answer: Sex? Age? Clinical N? Breast surgery?');
    // Clinical T is disputed (cT1 vs cT2) but both satisfy T1–T2: met, not a question.
    expect(within(z0011).getByRole('list', { name: 'ACOSOG Z0011 criteria' }).textContent).toContain(
      'met T1 or T2 tumour (clinical)',
    );
    // A single focus of invasive carcinoma is not multicentric.
    expect(within(z0011).getByRole('list', { name: 'ACOSOG Z0011 criteria' }).textContent).toContain(
      'absent Exclusion: Multicentric disease',
    );
    // The main result is shown; every result and source is one click away.
    expect(z0011.querySelector('.headline-result')?.textContent).toContain(
      'Overall survival at 10 years: 86.3% SLND alone vs 83.6% ALND',
    );
    const sources = within(z0011).getByText('All 5 results and sources').closest('details') as HTMLDetailsElement;
    expect(sources.open).toBe(false);
    expect(sources.querySelector('ul.evidence-results')?.textContent).toContain(
      'Additional positive nodes found by ALND: 27% ALND, at dissection',
    );
    // Clinical N is missing: a question, never a verdict.
    expect(within(evidence).getByRole('heading', { level: 3, name: /^AMAROS/ }).textContent).toContain('unknown');
    expect(within(evidence).getByRole('heading', { level: 3, name: 'Why the count may matter next' })).toBeTruthy();
    expect(evidence.textContent).not.toContain('Oncotype');
    expect(screen.getByText(/supports and does not\s+replace clinical judgement/)).toBeTruthy();
    expect(screen.getByText('Data not used (1)')).toBeTruthy();
  });
});

describe('render order at launch', () => {
  it('paints the bottom line and the estimates first, then the same full card', async () => {
    const { container } = renderCardNow(recordFacts(), { detailsAfterFirstPaint: true });
    const card = screen.getByRole('main');
    expect(card.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('region', { name: 'Bottom line' }).textContent).toMatch(/\d+%/);
    expect(screen.getByRole('region', { name: 'Estimates' })).toBeTruthy();
    expect(screen.getByText(/not of recurrence or survival/)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Inputs and where they came from' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Evidence for this situation' })).toBeNull();

    await screen.findByRole('region', { name: 'Inputs and where they came from' }, { timeout: 5_000 });
    expect(card.hasAttribute('aria-busy')).toBe(false);
    const deferred = container.innerHTML;
    cleanup();
    expect((await renderCard()).container.innerHTML).toBe(deferred);
  });
});
