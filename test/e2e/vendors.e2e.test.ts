// The production app against the sandbox's Epic-like and Oracle Health-like FHIR bases (their
// search, paging, Binary and token rules: src/sandbox/fhir/vendor-modes.ts), in Debian's chromium:
// the same full card as on the generic server, write-back by what each server takes, launch with
// sessionStorage blocked or not shared, and a session that ends mid-load.
import type { DocumentReference } from '@medplum/fhirtypes';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFrame, openChart, screenshot, startStack, type Stack } from './harness.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const MODES = ['generic', 'epic', 'oracle'] as const;
const PATIENTS = ['macro-z0011', 'micrometastasis', 'two-macro'] as const;

/** What a full card shows: every estimate, and every input with its value and source badge. */
async function cardFacts(app: Frame): Promise<{ estimates: string; inputs: string[]; problems: string }> {
  const text = await app.locator('body').innerText();
  const estimates = text.slice(text.indexOf('Estimates'), text.indexOf('Inputs and where they came from'));
  const inputs = await app
    .locator('[id^="input-"]')
    .evaluateAll((rows) => rows.map((r) => `${r.id}: ${(r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()}`));
  const problems =
    (await app.locator('.search-notice').count()) > 0 ? await app.locator('.search-notice').innerText() : '';
  return { estimates, inputs, problems };
}

describe('the same full card on every vendor mode', () => {
  const generic = new Map<string, Awaited<ReturnType<typeof cardFacts>>>();

  for (const mode of MODES) {
    for (const patient of PATIENTS) {
      it(`${mode}: ${patient}`, async () => {
        const { page, app } = await openChart(stack, patient, { vendor: mode });
        expect(await app.locator('main.risk-card').count()).toBe(1);
        const facts = await cardFacts(app);
        expect(facts.problems).toBe('');
        expect(facts.estimates).toMatch(/MSKCC non-sentinel node nomogram|DBCG/);
        expect(facts.inputs.length).toBeGreaterThan(10);
        if (mode === 'generic') generic.set(patient, facts);
        else expect(facts).toEqual(generic.get(patient));
        if (patient === 'macro-z0011') {
          const mskcc = app.locator('article.model', {
            has: app.getByRole('heading', { name: 'MSKCC non-sentinel node nomogram', exact: true }),
          });
          await expect(mskcc.locator('.big-number').textContent()).resolves.toBe('41%');
          await screenshot(page, `vendor-${mode}-${patient}`);
        }
        await page.close();
      });
    }
  }

  it('the app asked the Epic-like base only what its rules allow (no Specimen?patient, Observation by category)', async () => {
    const page = await stack.browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${stack.sandbox.ehrOrigin}/ehr/chart?patient=macro-z0011&vendor=epic`);
    const app = await appFrame(page, stack.app.origin);
    await app.locator('main.risk-card:not([aria-busy])').waitFor({ timeout: 20_000 });
    const fhir = requests.filter((u) => u.startsWith(`${stack.sandbox.fhirBases.epic}/`));
    expect(fhir.some((u) => /\/Specimen\?_id=/.test(u))).toBe(true);
    expect(fhir.some((u) => /\/Specimen\?patient=/.test(u))).toBe(false);
    expect(
      fhir
        .filter((u) => /\/Observation\?/.test(u))
        .map((u) => new URL(u).searchParams.get('category'))
        .sort(),
    ).toEqual(['imaging', 'laboratory']);
    await page.close();
  });
});

describe('scopes per registration', () => {
  it('the Oracle Health-like registration forces v1 scopes although the server advertises v2; the card is full', async () => {
    const page = await stack.browser.newPage();
    const scopes: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/auth/authorize') scopes.push(url.searchParams.get('scope') ?? '');
    });
    await page.goto(`${stack.sandbox.ehrOrigin}/ehr/chart?patient=macro-z0011&vendor=oracle`);
    const app = await appFrame(page, stack.app.origin);
    await app.locator('main.risk-card:not([aria-busy])').waitFor({ timeout: 20_000 });
    expect(scopes).toHaveLength(1);
    expect(scopes[0]).toContain('patient/Observation.read');
    expect(scopes[0]).toContain('patient/DocumentReference.write');
    expect(scopes[0]).not.toMatch(/\.rs\b/);
    await page.close();
  });
});

describe('write-back by what each server takes', () => {
  it('generic: RiskAssessment', async () => {
    const { page, app } = await openChart(stack, 'macro-z0011', { vendor: 'generic' });
    await app.getByRole('button', { name: 'Save to chart' }).click();
    await expect(app.getByRole('status').innerText()).resolves.toMatch(/^Saved to the chart: RiskAssessment\//);
    await page.close();
  });

  it('Oracle Health-like: one DocumentReference clinical note, readable in the EHR', async () => {
    const { page, app } = await openChart(stack, 'macro-z0011', { vendor: 'oracle' });
    await app.getByRole('button', { name: 'Save note to chart' }).click();
    const status = await app.getByRole('status').innerText();
    const id = /DocumentReference\/([\w.-]+)/.exec(status)?.[1];
    expect(id).toBeDefined();
    const note = await stack.sandbox.repo.readResource<DocumentReference>('DocumentReference', id as string);
    expect(note.type?.coding?.[0]?.code).toBe('11488-4');
    expect(Buffer.from(note.content[0]?.attachment.data ?? '', 'base64').toString()).toContain(
      'MSKCC non-sentinel node nomogram',
    );
    await page.close();
  });

  it('Epic-like: no save button; the card says why and offers print', async () => {
    const { page, app } = await openChart(stack, 'macro-z0011', { vendor: 'epic' });
    // The note comes with "Save to chart" (loaded after the card paints): then no button may show.
    await expect(app.getByRole('note').innerText()).resolves.toBe(
      'Not saved to the chart: this EHR accepts neither a RiskAssessment nor a clinical note (DocumentReference) from apps. Use Print / Download PDF to keep a copy.',
    );
    expect(await app.getByRole('button', { name: /Save/ }).count()).toBe(0);
    expect(await app.getByRole('button', { name: 'Print / Download PDF' }).count()).toBe(1);
    await page.close();
  });
});

describe('embedded browsers', () => {
  const BLOCKED = `Object.defineProperty(window, 'sessionStorage', { configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });`;
  // A new, empty sessionStorage on every page, as when the launch and the redirect run in different browser instances.
  const NOT_SHARED = `try { window.sessionStorage.clear(); } catch (e) {}`;

  for (const [name, script] of [
    ['sessionStorage blocked', BLOCKED],
    ['sessionStorage not shared between launch and redirect', NOT_SHARED],
  ] as const) {
    it(`${name}: the launch completes and the card is full; no token in a cookie or in localStorage`, async () => {
      const { page, app } = await openChart(stack, 'macro-z0011', { vendor: 'oracle', initScript: script });
      expect(await app.locator('main.risk-card').count()).toBe(1);
      expect(await app.locator('.search-notice').count()).toBe(0);
      const cookies = await page.context().cookies();
      expect(cookies.filter((c) => c.name.startsWith('nr-launch-'))).toEqual([]);
      expect(await app.evaluate(() => Object.keys(localStorage).length)).toBe(0);
      expect(app.url()).not.toMatch(/access_token|code=|state=/);
      await page.close();
    });
  }
});

describe('a session that ends mid-load', () => {
  it('FHIR 401 after 3 requests: one refresh, then a clear message, never a spinner', async () => {
    const started = Date.now();
    const { page, app } = await openChart(stack, 'micrometastasis', { fault: '401-after:3', timeoutMs: 40_000 });
    await expect(app.locator('main.problem h1').innerText()).resolves.toBe('The session with the EHR has expired');
    expect(Date.now() - started).toBeLessThan(35_000);
    await page.close();
  }, 60_000);
});
