// The SMART app in headless chromium on the sandbox EHR (production build), measured from the app
// frame's own performance timeline: resource timing, and the mark the app sets when the card with
// its numbers is painted (src/app/card-painted.ts).
// - client time on the critical path (median of 10 launches): token response end → first FHIR
//   request start, plus the gaps with no request in flight, plus last response end → card painted;
// - token → card for the long-history patient (thousands of Observations);
// - gzip of the JS and CSS the page loaded before the card painted, and of everything shipped.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Frame } from 'playwright-core';
import { CARD_PAINTED_MARK } from '../src/app/card-painted.ts';
import { appFrame, startStack, type Stack } from '../test/e2e/harness.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const LAUNCHES = 10;
const LONG_HISTORY_LAUNCHES = 3;

interface Timing {
  name: string;
  initiatorType: string;
  startTime: number;
  responseEnd: number;
}

/** Rounds of requests where each round starts only after the previous one finished. */
export function sequentialRounds(requests: Timing[]): number {
  const sorted = [...requests].sort((a, b) => a.startTime - b.startTime);
  let rounds = 0;
  let roundEnd = -Infinity;
  for (const r of sorted) {
    if (r.startTime >= roundEnd) {
      rounds++;
      roundEnd = r.responseEnd;
    } else roundEnd = Math.max(roundEnd, r.responseEnd);
  }
  return rounds;
}

/** The app's own time on the launch path, in its three parts (ms). */
export interface CriticalPath {
  /** Token response end → first request start. */
  beforeFirst: number;
  /** Time between requests with none in flight. */
  gaps: number;
  /** Last response end → card painted. */
  afterLast: number;
  total: number;
}

/**
 * The app's own time between the token response and the painted card: before the first request,
 * between requests (no request in flight), and after the last response.
 */
export function criticalPath(tokenEnd: number, requests: Timing[], paintedAt: number): CriticalPath {
  const sorted = requests
    .filter((r) => r.startTime >= tokenEnd && r.responseEnd <= paintedAt)
    .sort((a, b) => a.startTime - b.startTime);
  if (sorted.length === 0) {
    const total = paintedAt - tokenEnd;
    return { beforeFirst: total, gaps: 0, afterLast: 0, total };
  }
  const beforeFirst = sorted[0]!.startTime - tokenEnd;
  let gaps = 0;
  let busyUntil = sorted[0]!.startTime;
  for (const r of sorted) {
    if (r.startTime > busyUntil) gaps += r.startTime - busyUntil;
    busyUntil = Math.max(busyUntil, r.responseEnd);
  }
  const afterLast = paintedAt - busyUntil;
  return { beforeFirst, gaps, afterLast, total: beforeFirst + gaps + afterLast };
}

interface Launch {
  tokenEnd: number;
  paintedAt: number;
  entries: Timing[];
}

async function launch(stack: Stack, patient: string): Promise<Launch & { frame: Frame; close: () => Promise<void> }> {
  const page = await stack.browser.newPage();
  await page.goto(`${stack.sandbox.ehrOrigin}/ehr/chart?patient=${patient}`);
  const frame = await appFrame(page, stack.app.origin);
  // Strings, not functions: tsx's transpiled functions reference a helper absent in the page.
  const mark = JSON.stringify(CARD_PAINTED_MARK);
  // Waits on the mark itself (a PerformanceObserver), then reads its time.
  const paintedAt = (await frame.evaluate(`new Promise((resolve) => {
    const found = () => performance.getEntriesByName(${mark}, 'mark')[0];
    if (found()) return resolve(found().startTime);
    new PerformanceObserver((list, observer) => {
      if (!found()) return;
      observer.disconnect();
      resolve(found().startTime);
    }).observe({ type: 'mark' });
  })`)) as number;
  const entries = (await frame.evaluate(
    `performance.getEntriesByType('resource').map((e) => ({ name: e.name, initiatorType: e.initiatorType, startTime: e.startTime, responseEnd: e.responseEnd }))`,
  )) as Timing[];
  const token = entries.find((e) => e.name.endsWith('/auth/token'));
  if (!token) throw new Error('no token request seen');
  return { tokenEnd: token.responseEnd, paintedAt, entries, frame, close: () => page.close() };
}

const isFhir = (e: Timing) => e.name.includes('/fhir/');
const isAsset = (appOrigin: string) => (e: Timing) =>
  e.name.startsWith(`${appOrigin}/`) && /\.(js|css)$/.test(new URL(e.name).pathname);

function gzipOf(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

/** JS and CSS files (paths under dist/app) with their gzip sizes, largest first. */
type Sized = { path: string; bytes: number }[];

function sized(paths: Iterable<string>): Sized {
  return [...paths]
    .map((path) => ({ path, bytes: gzipOf(`${root}dist/app${path}`) }))
    .sort((a, b) => b.bytes - a.bytes);
}

function shippedFiles(): Sized {
  return sized(
    readdirSync(`${root}dist/app/assets`)
      .filter((f) => /\.(js|css)$/.test(f))
      .map((f) => `/assets/${f}`),
  );
}

/** The JS and CSS files the app page fetched before the card painted. */
function firstPaintFiles(appOrigin: string, run: Launch): Sized {
  return sized(
    new Set(
      run.entries
        .filter(isAsset(appOrigin))
        .filter((e) => e.startTime < run.paintedAt)
        .map((e) => new URL(e.name).pathname),
    ),
  );
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const total = (files: Sized) => files.reduce((sum, f) => sum + f.bytes, 0);
/** "main 57.4, app 22.9, …": each file by its chunk name (the part before vite's content hash). */
const list = (files: Sized) =>
  files.map((f) => `${f.path.replace(/^.*\//, '').replace(/-[\w-]{8}(\.\w+)$/, '$1')} ${kb(f.bytes)}`).join(', ');

export async function benchApp(): Promise<string[]> {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
  });
  const stack = await startStack();
  const tokenToCard: number[] = [];
  const critical: CriticalPath[] = [];
  const searchRounds: number[] = [];
  const documentRounds: number[] = [];
  const longHistory: number[] = [];
  let firstPaint: Sized = [];
  try {
    for (let i = 0; i < LAUNCHES; i++) {
      const run = await launch(stack, 'macro-z0011');
      await run.close();
      tokenToCard.push(run.paintedAt - run.tokenEnd);
      // Requests on the critical path: FHIR reads and the app's own chunks loaded on demand.
      const inFlight = run.entries.filter((e) => isFhir(e) || isAsset(stack.app.origin)(e));
      critical.push(criticalPath(run.tokenEnd, inFlight, run.paintedAt));
      const fhir = run.entries.filter((e) => isFhir(e) && !/[?&](_page|_offset|page)=/.test(e.name));
      searchRounds.push(sequentialRounds(fhir.filter((e) => !e.name.includes('/Binary/'))));
      documentRounds.push(sequentialRounds(fhir.filter((e) => e.name.includes('/Binary/'))));
      if (i === 0) firstPaint = firstPaintFiles(stack.app.origin, run);
    }
    for (let i = 0; i < LONG_HISTORY_LAUNCHES; i++) {
      const run = await launch(stack, 'long-history');
      await run.close();
      longHistory.push(run.paintedAt - run.tokenEnd);
    }
  } finally {
    await stack.close();
  }
  const shipped = shippedFiles();
  const part = (key: keyof CriticalPath) => median(critical.map((c) => c[key])).toFixed(1);
  return [
    `app: client time on the critical path: ${part('total')} ms median of ${LAUNCHES} launches (target ≤ 30 ms)`,
    `app: critical path parts (medians): token → first request ${part('beforeFirst')} ms, gaps ${part('gaps')} ms, last response → painted ${part('afterLast')} ms`,
    `app: token response → card painted: ${median(tokenToCard).toFixed(0)} ms median of ${LAUNCHES} launches`,
    `app: sequential rounds of FHIR searches: ${median(searchRounds)} median of ${LAUNCHES} (target 1), then ${median(documentRounds)} round of report documents`,
    `app: long-history token → card: ${median(longHistory).toFixed(0)} ms median of ${LONG_HISTORY_LAUNCHES} launches (target ≤ 500 ms)`,
    `app: first-paint JS + CSS: ${kb(total(firstPaint))} KB gzip in ${firstPaint.length} files (target ≤ 45 KB): ${list(firstPaint)}`,
    `app: JS + CSS shipped: ${kb(total(shipped))} KB gzip in ${shipped.length} files: ${list(shipped)}`,
  ];
}
