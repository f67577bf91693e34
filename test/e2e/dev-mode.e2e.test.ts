// `npm start` without NODE_ENV=production: the app from the vite dev server, under its dev
// Content-Security-Policy, still launches from the sandbox EHR and renders with no CSP violation.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../../src/sandbox/app-origin.ts';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.ts';
import { freePort } from '../helpers/ports.ts';
import { appFrame } from './harness.ts';

const HOST = '127.0.0.1';
let sandbox: Sandbox;
let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  const appPort = await freePort();
  sandbox = await startSandbox({ host: HOST, port: await freePort(), appOrigin: `http://${HOST}:${appPort}` });
  app = await startAppServer({ host: HOST, port: appPort, ehrOrigin: sandbox.ehrOrigin, production: false });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await sandbox?.close();
});

it('the dev app launches in the EHR frame and renders the risk card without CSP violations', async () => {
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(`${sandbox.ehrOrigin}/ehr/chart?patient=micrometastasis`);
  const frame = await appFrame(page, app.origin);
  await frame.locator('main.risk-card:not([aria-busy])').waitFor({ timeout: 60_000 });
  expect(violations).toEqual([]);
}, 120_000);
