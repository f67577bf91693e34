// The card as a clinician first sees it, for every sandbox patient at 1280×800 and at 600 px wide:
// a number, a range or a stated reason in the first screen; the consolidated prompts; no serious
// accessibility violation; and the error titles of an authorization refusal and a 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAllScenarios } from '../../src/sandbox/patients/index.ts';
import { openChart, screenshot, seriousAccessibilityViolations, startStack, type Stack } from './harness.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const SCREENS = [
  { width: 1280, height: 800 },
  { width: 600, height: 800 },
];
const NUMBER_RANGE_OR_REASON = /\d+(\.\d)?%|not computed|no percentage published|No nodal risk model applies/;

describe('bottom line in the first screen', () => {
  for (const scenario of loadAllScenarios()) {
    for (const screen of SCREENS) {
      it(`${scenario.name} at ${screen.width} px`, async () => {
        const { page, app } = await openChart(stack, scenario.patientId, { width: screen.width });
        await page.setViewportSize(screen);
        const first = app.locator('.bottom-models li').first();
        await expect(first.innerText()).resolves.toMatch(NUMBER_RANGE_OR_REASON);
        const box = await first.boundingBox();
        expect(box).not.toBeNull();
        expect((box?.y ?? Infinity) + (box?.height ?? 0)).toBeLessThanOrEqual(screen.height);
        if (screen.width === 600) {
          // One column: the model cards stack.
          const lefts = await app
            .locator('article.model')
            .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
          expect(new Set(lefts).size).toBeLessThanOrEqual(1);
        } else {
          expect(await seriousAccessibilityViolations(app)).toEqual([]);
        }
        await screenshot(page, `card-${scenario.name}-${screen.width}`);
        await page.close();
      }, 60_000);
    }
  }
});

describe('prompts and warnings', () => {
  it('asks each unknown once, and answering it is a marked, resettable what-if', async () => {
    const { page, app } = await openChart(stack, 'two-macro');
    const prompts = app.getByRole('region', { name: 'Questions that change the result' });
    await expect(prompts.innerText()).resolves.toContain('Was systemic therapy given before surgery?');
    await expect(app.locator('ul.warnings').allInnerTexts()).resolves.not.toContain(
      expect.stringContaining('Systemic therapy before surgery is not recorded'),
    );
    const fs = prompts.getByRole('group', { name: 'Was a frozen section of the sentinel node done?' });
    await fs.getByRole('button', { name: 'Not done' }).click();
    const how = prompts.getByRole('group', { name: 'How was the metastasis found?' });
    await how.getByRole('button', { name: 'Routine H&E' }).click();
    await expect(how.innerText()).resolves.toContain('Routine H&E');
    await expect(app.getByRole('status').innerText()).resolves.toContain('What-if: 2 inputs');
    expect(await seriousAccessibilityViolations(app)).toEqual([]);
    await screenshot(page, 'card-prompts-answered');
    await fs.getByRole('button', { name: 'Reset' }).click();
    await expect(app.getByRole('status').count()).resolves.toBe(0);
    await page.close();
  }, 60_000);
});

describe('error titles', () => {
  it('an authorization refusal shows the authorization server’s description', async () => {
    const { page, app } = await openChart(stack, 'micrometastasis', { fault: 'invalid-scope' });
    await expect(app.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
      'The EHR did not authorize Nodal Risk',
    );
    await expect(app.getByRole('alert').innerText()).resolves.toContain('requested scope is not allowed');
    await screenshot(page, 'card-error-invalid-scope');
    await page.close();
  }, 60_000);

  it('403 explains the missing permission', async () => {
    const { page, app } = await openChart(stack, 'micrometastasis', { fault: '403' });
    await expect(app.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
      'The EHR did not give Nodal Risk permission to read this patient’s record',
    );
    await screenshot(page, 'card-error-403');
    await page.close();
  }, 60_000);
});
