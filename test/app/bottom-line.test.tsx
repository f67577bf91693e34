// @vitest-environment happy-dom
// The top of the card: the bottom line, the consolidated prompts (what-if answers, marked and
// resettable), words instead of codes, colours by risk direction, and why "Save to chart" is absent.
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AssessmentView } from '../../src/app/components/AssessmentView.tsx';
import { Problem } from '../../src/app/components/StatusViews.tsx';
import { emptyFacts, present, type ClinicalFacts } from '../../src/domain/facts.ts';
import { cardProps, untilCardSettled } from '../helpers/card.ts';

afterEach(cleanup);

const obs = (id: string) => [{ reference: `Observation/${id}`, date: '2026-03-02' }];
const report = (text: string) => [
  { reference: 'DiagnosticReport/path1', date: '2026-03-02', text },
  { reference: 'DiagnosticReport/path1', date: '2026-03-02', text: `${text} (synoptic)` },
];

/** A macrometastasis in 1 of 2 sentinel nodes, ductal grade 2, 20 mm; no frozen-section or detection data; no treatment history. */
function facts(): ClinicalFacts {
  const f = emptyFacts();
  f.tumorSizeMm = present(20, 'fhir', obs('size'));
  f.histologicType = present('ductal', 'report-text', report('Histologic Type: Invasive ductal carcinoma'));
  f.nuclearGrade = present(2, 'fhir', obs('ng'));
  f.erStatus = present('positive', 'fhir', obs('er'));
  f.slnExamined = present(2, 'fhir', obs('slnex'));
  f.slnPositive = present(1, 'fhir', obs('slnpos'));
  f.slnItcOnly = present(0, 'fhir', obs('itc'));
  f.lvi = present(true, 'fhir', obs('lvi'));
  f.multifocal = present(false, 'fhir', obs('mf'));
  f.nodalBurden = present('macro', 'fhir', obs('pn'));
  f.axillaryUltrasoundSuspicious = present(false, 'fhir', obs('us'));
  f.clinicalT = present('cT2', 'fhir', obs('ct'));
  f.clinicalN = present('cN0', 'fhir', obs('cn'));
  f.quadrant = present('UOQ', 'fhir', obs('q'));
  return f;
}

/** The card with its sections below the estimates (their own chunk) loaded. */
async function renderCard(f = facts()) {
  const view = render(
    <AssessmentView
      {...cardProps(f)}
      ignored={[
        { reference: 'Observation/x', reason: 'tumorSizeMm: a preferred result for the same specimen is present' },
        { reference: 'Observation/y', reason: 'unknown code http://loinc.org|8867-4' },
      ]}
    />,
  );
  // The sections below the estimates load in their own chunk.
  await untilCardSettled();
  return view;
}

const bottomLine = () => screen.getByRole('region', { name: 'Bottom line' });
const prompts = () => screen.getByRole('region', { name: 'Questions that change the result' });

describe('bottom line and prompts', () => {
  it('leads with one line per model and the trials that apply or might apply', async () => {
    await renderCard();
    const text = bottomLine().textContent ?? '';
    // No frozen-section information and no detection method: the form without frozen section, as a range over the method.
    expect(text).toMatch(
      /Any further node: \d+–\d+% \(MSKCC without frozen section\), depending on method that detected the sentinel metastasis/,
    );
    // Sun Yat-sen stratum "1 positive sentinel node": 47/511 = 9.2% (ASCO abstract e12606).
    expect(text).toContain('Four or more nodes: 9.2% observed in the SYSU cohort with 1 positive sentinel node');
    expect(within(bottomLine()).getByRole('list', { name: 'Trials that apply or might apply' }).textContent).toMatch(
      /Z0011: might apply; [^?]+\?/,
    );
  });

  it('asks about systemic therapy once, instead of a warning under every model; the answer is a marked, resettable what-if', async () => {
    await renderCard();
    expect(prompts().textContent).toContain(
      'Was systemic therapy given before surgery? Not recorded — the models assume not',
    );
    expect(
      screen
        .queryAllByRole('list', { name: 'Warnings' })
        .map((l) => l.textContent)
        .join(' '),
    ).not.toContain('Systemic therapy before surgery is not recorded');
    const row = within(prompts()).getByRole('group', { name: 'Was systemic therapy given before surgery?' });
    fireEvent.click(within(row).getByRole('button', { name: 'Yes' }));
    expect(bottomLine().textContent).toContain('No nodal risk model applies after systemic therapy before surgery');
    expect(row.textContent).toContain('What-if Yes');
    expect(screen.getByRole('status').textContent).toContain('What-if: 1 input');
    fireEvent.click(within(row).getByRole('button', { name: 'Reset' }));
    expect(bottomLine().textContent).toContain('Four or more nodes: 9.2%');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('frozen section, then how the metastasis was found: the answers choose the MSKCC form and give its number', async () => {
    await renderCard();
    const fs = within(prompts()).getByRole('group', { name: 'Was a frozen section of the sentinel node done?' });
    expect(within(prompts()).queryByRole('group', { name: 'How was the metastasis found?' })).toBeNull();
    fireEvent.click(within(fs).getByRole('button', { name: 'Not done' }));
    const how = within(prompts()).getByRole('group', { name: 'How was the metastasis found?' });
    fireEvent.click(within(how).getByRole('button', { name: 'Routine H&E' }));
    expect(how.textContent).toContain('What-if Routine H&E');
    // One MSKCC form per patient: the one without frozen-section information.
    expect(bottomLine().textContent).toMatch(/Any further node: \d+% \(MSKCC without frozen section\)/);
    expect(bottomLine().textContent).not.toMatch(/\(MSKCC\)/);
    // One reset clears both answers.
    fireEvent.click(
      within(prompts())
        .getByRole('group', { name: 'Was a frozen section of the sentinel node done?' })
        .querySelector('button') as HTMLElement,
    );
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('a positive frozen section sets the detection method and computes the standard form', async () => {
    await renderCard();
    fireEvent.click(
      within(
        within(prompts()).getByRole('group', { name: 'Was a frozen section of the sentinel node done?' }),
      ).getByRole('button', { name: 'Yes, positive' }),
    );
    expect(within(prompts()).queryByRole('group', { name: 'How was the metastasis found?' })).toBeNull();
    expect(bottomLine().textContent).toMatch(/Any further node: \d+% \(MSKCC\)/);
    expect((document.getElementById('input-detectionMethod') as HTMLElement).textContent).toContain('frozen section');
  });
});

describe('words, colours and sources', () => {
  it('shows words, not codes: quadrant, detection method choices, input names in "Data not used"', async () => {
    await renderCard();
    expect((document.getElementById('input-quadrant') as HTMLElement).textContent).toContain('upper outer quadrant');
    const options = [...(document.getElementById('edit-detectionMethod') as HTMLSelectElement).options].map(
      (o) => o.textContent,
    );
    expect(options).toEqual([
      '— not known —',
      'frozen section',
      'routine H&E',
      'deeper levels (serial H&E)',
      'immunohistochemistry',
    ]);
    const ignored = screen.getByText('Data not used (2)').closest('details')?.textContent ?? '';
    expect(ignored).toContain('Pathologic tumour size: a preferred result');
    expect(ignored).toContain('a LOINC code (8867-4) that no model uses');
    expect(ignored).not.toMatch(/tumorSizeMm|loinc\.org\|/);
    expect(document.body.textContent).not.toContain('log-odds');
  });

  it('cites a report once per input, whatever the number of its lines', async () => {
    await renderCard();
    const row = document.getElementById('input-histologicType') as HTMLElement;
    expect(within(row).getAllByRole('button', { name: /DiagnosticReport\/path1/ })).toHaveLength(1);
  });

  it('colours risk factors by risk direction: present is the risk colour, absent the reassuring one', async () => {
    await renderCard({ ...facts(), nodalBurden: present('micro', 'fhir', obs('pn')) });
    const dbcg = document.querySelector('article[aria-labelledby="model-dbcg-micro"]') as HTMLElement;
    const lvi = [...dbcg.querySelectorAll('li.factor')].find((li) =>
      li.textContent?.includes('Lymphovascular invasion'),
    ) as HTMLElement;
    expect(lvi.className).toBe('factor factor-present');
    const css = readFileSync('src/app/styles.css', 'utf8');
    const colourOf = (selector: string) =>
      new RegExp(`(^|\\n)${selector.replace(/[.]/g, '\\.')}\\s*\\{\\s*color:\\s*([^;]+);`).exec(css)?.[2];
    expect(colourOf('.factor-present .factor-status')).toBe('var(--risk)');
    expect(colourOf('.factor-absent .factor-status')).toBe('var(--ok)');
    expect(/--risk: #[0-9a-f]{6}/.exec(css)?.[0]).not.toBe(
      /--ok: var\(--smart-color-success, (#[0-9a-f]{6})/.exec(css)?.[1],
    );
  });

  it('says why "Save to chart" is absent', async () => {
    await renderCard();
    expect(
      screen.getByText(
        /Save to chart is not offered: the EHR did not give Nodal Risk permission to write risk assessments/,
      ),
    ).toBeTruthy();
  });
});

describe('error titles', () => {
  it('an authorization server refusal shows its description, not "session expired"', () => {
    render(
      <Problem
        problem={{
          kind: 'authorization-refused',
          message: 'The EHR refused to authorize Nodal Risk: invalid_scope: requested scope is not allowed',
        }}
      />,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('The EHR did not authorize Nodal Risk');
    expect(screen.getByRole('alert').textContent).toContain('requested scope is not allowed');
    expect(document.body.textContent).not.toMatch(/expired/i);
  });

  it('403 says which permission is missing and what to ask for', () => {
    render(
      <Problem
        problem={{ kind: 'forbidden', message: 'the EHR refused access (permission not granted) (HTTP 403)' }}
      />,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'The EHR did not give Nodal Risk permission to read this patient’s record',
    );
    expect(document.body.textContent).toContain('Ask the EHR administrator to grant Nodal Risk read access');
  });
});
