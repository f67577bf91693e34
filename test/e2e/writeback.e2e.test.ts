// Save to chart through the sandbox EHR, the scope gate, and the printed summary, in Debian's chromium.
import type { RiskAssessment } from '@medplum/fhirtypes';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedAssessments } from '../../src/sandbox/ehr/saved-assessments.ts';
import { writeFileSync } from 'node:fs';
import {
  OUTPUT_DIR,
  openChart,
  screenshot,
  seriousAccessibilityViolations,
  startStack,
  type Stack,
} from './harness.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

/** Every RiskAssessment POST the page (app frame included) sends. */
function countCreates(page: Page): { count: () => number } {
  let n = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/fhir\/RiskAssessment$/.test(r.url())) n++;
  });
  return { count: () => n };
}

describe('Save to chart', () => {
  it('macro-z0011: one write per model for a double click, confirmed with the ids, and read back from the EHR', async () => {
    const { page, app } = await openChart(stack, 'macro-z0011');
    const creates = countCreates(page);
    const save = app.getByRole('button', { name: 'Save to chart' });
    await save.dblclick();
    const status = app.getByRole('status');
    await status.waitFor();
    const confirmation = await status.innerText();
    expect(confirmation).toMatch(/^Saved to the chart: RiskAssessment\/[\w.-]+ \(MSKCC non-sentinel node nomogram\)/);
    await expect(app.getByRole('button', { name: 'Saved to chart' }).isDisabled()).resolves.toBe(true);
    await app.getByRole('button', { name: 'Saved to chart' }).click({ force: true });

    const saved = await savedAssessments(stack.sandbox.repo, 'macro-z0011');
    expect(saved).toHaveLength(1); // MSKCC; Sun Yat-sen lacks the ultrasound finding here, DBCG has no single estimate
    expect(creates.count()).toBe(1);
    const ids = [...confirmation.matchAll(/RiskAssessment\/([\w.-]+)/g)].map((m) => m[1]);
    expect(saved.map((r) => r.id).sort()).toEqual([...ids].sort());
    const mskcc = saved.find((r) => r.method?.coding?.[0]?.code === 'mskcc-nsn') as RiskAssessment;
    expect(mskcc.prediction?.[0]?.probabilityDecimal).toBeCloseTo(0.41, 2);
    expect(mskcc.subject?.reference).toBe('Patient/macro-z0011');
    expect(mskcc.performer?.reference).toBe('Practitioner/dr-rivera');
    expect(mskcc.basis?.map((b) => b.reference)).toContain('DiagnosticReport/macro-z0011-pathology');
    for (const r of saved.filter((x) => x !== mskcc)) expect(r.prediction?.[0]?.probabilityDecimal).toBeUndefined();
    expect(await seriousAccessibilityViolations(app)).toEqual([]);
    await screenshot(page, 'writeback-saved');

    // The EHR's launcher lists them.
    await page.goto(`${stack.sandbox.ehrOrigin}/`);
    const row = await page.locator('#patient-macro-z0011').innerText();
    for (const id of ids) expect(row).toContain(`RiskAssessment/${id}`);
    expect(row).toContain('MSKCC non-sentinel node nomogram: 41%');
    await page.close();
  });

  it('without the RiskAssessment grant (deny-scope:RiskAssessment): no button, no write', async () => {
    const before = (await savedAssessments(stack.sandbox.repo, 'two-macro')).length;
    const { page, app } = await openChart(stack, 'two-macro', { fault: 'deny-scope:RiskAssessment' });
    const creates = countCreates(page);
    await expect(app.locator('main.risk-card').count()).resolves.toBe(1);
    await expect(app.getByRole('button', { name: 'Save to chart' }).count()).resolves.toBe(0);
    await expect(app.getByRole('button', { name: 'Print / Download PDF' }).count()).resolves.toBe(1);
    expect(creates.count()).toBe(0);
    expect((await savedAssessments(stack.sandbox.repo, 'two-macro')).length).toBe(before);
    await page.close();
  });
});

describe('printable summary', () => {
  it('Print calls the browser print; the printed page is one A4 page with the patient, inputs, results and evidence', async () => {
    // Standalone launch: the app is the top-level page, so page.pdf() prints exactly what window.print() would.
    const page = await stack.browser.newPage();
    await page.goto(`${stack.app.origin}/launch/launch.html?iss=${encodeURIComponent(stack.sandbox.fhirBase)}`);
    await page.getByRole('button', { name: /Leila Haddad/ }).click();
    await page.locator('main.risk-card:not([aria-busy])').waitFor({ timeout: 20_000 });
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await page.getByRole('button', { name: 'Print / Download PDF' }).click();
    await expect(page.evaluate(() => (window as unknown as { printed: number }).printed)).resolves.toBe(1);

    await page.emulateMedia({ media: 'print' });
    const header = await page.locator('.print-header').innerText();
    expect(header).toContain('Leila Haddad · born 1971-02-20');
    expect(header).toMatch(/Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC · Nodal Risk \d+\.\d+\.\d+/);
    await expect(page.getByRole('button', { name: 'Print / Download PDF' }).isVisible()).resolves.toBe(false);
    const text = await page.locator('main.risk-card').innerText();
    for (const part of [
      'Estimates',
      '41%',
      'Inputs and where they came from',
      'DiagnosticReport/macro-z0011-pathology',
      'Evidence for this situation',
      'ACOSOG Z0011',
    ]) {
      expect(text).toContain(part);
    }
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    // One page object per printed page (the page tree itself is /Type /Pages).
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length).toBe(1);
    writeFileSync(new URL('print-summary.pdf', OUTPUT_DIR), pdf);
    await page.close();
  });
});
