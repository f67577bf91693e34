// The whole stack for browser tests: sandbox EHR + production app on free loopback ports, and
// Debian's chromium driven by playwright-core (never a downloaded browser).
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../../src/sandbox/app-origin.ts';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.ts';
import { freePort } from '../helpers/ports.ts';

export const OUTPUT_DIR = new URL('../../test-output/e2e/', import.meta.url);
const HOST = '127.0.0.1';

export interface Stack {
  sandbox: Sandbox;
  app: AppServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const appPort = await freePort();
  const appOrigin = `http://${HOST}:${appPort}`;
  const sandbox = await startSandbox({ host: HOST, port: await freePort(), appOrigin });
  const app = await startAppServer({ host: HOST, port: appPort, ehrOrigin: sandbox.ehrOrigin, production: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(OUTPUT_DIR, { recursive: true });
  return {
    sandbox,
    app,
    browser,
    async close() {
      await browser.close();
      await app.close();
      await sandbox.close();
    },
  };
}

/** Opens the patient's chart in the sandbox EHR (EHR launch in an iframe) and returns the app frame once it settled. */
export async function openChart(
  stack: Stack,
  patient: string,
  opts: { fault?: string; width?: number; vendor?: string; initScript?: string; timeoutMs?: number } = {},
): Promise<{ page: Page; app: Frame }> {
  const page = await stack.browser.newPage({ viewport: { width: opts.width ?? 1280, height: 1000 } });
  // Runs in every frame before the page's own scripts (over the devtools protocol, so the app's CSP stays as shipped).
  if (opts.initScript) await page.addInitScript(opts.initScript);
  const query = new URLSearchParams({
    patient,
    fault: opts.fault ?? '',
    ...(opts.vendor ? { vendor: opts.vendor } : {}),
  });
  await page.goto(`${stack.sandbox.ehrOrigin}/ehr/chart?${query}`);
  const app = await appFrame(page, stack.app.origin);
  await app
    .locator('main.risk-card:not([aria-busy]), main.problem')
    .first()
    .waitFor({ timeout: opts.timeoutMs ?? 20_000 });
  return { page, app };
}

export async function appFrame(page: Page, appOrigin: string): Promise<Frame> {
  for (let i = 0; i < 400; i++) {
    const frame = page.frames().find((f) => f.url().startsWith(`${appOrigin}/index.html`));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  const where = await Promise.all(
    page.frames().map(
      async (f) =>
        `${f.url()}: ${(
          await f
            .locator('body')
            .innerText()
            .catch(() => '')
        ).slice(0, 200)}`,
    ),
  );
  throw new Error(`the app frame never reached index.html; frames: ${where.join(' | ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: new URL(`${name}.png`, OUTPUT_DIR).pathname, fullPage: true });
}

const AXE_SOURCE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** axe-core's serious and critical violations in a frame (evaluated over the devtools protocol, so the app's CSP stays as shipped). */
export async function seriousAccessibilityViolations(frame: Frame): Promise<string[]> {
  await frame.evaluate(AXE_SOURCE);
  const violations = await frame.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (
            ctx: Document,
            o: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}
