// The SMART app in headless chromium on the sandbox EHR (production build): time from the token
// response to the card rendered (median of 10 launches), how many sequential rounds of FHIR
// requests it takes (next pages excepted), and the gzip size of all JS and CSS shipped.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { appFrame, startStack } from '../test/e2e/harness.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const LAUNCHES = 10;

interface Timing {
  name: string;
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

function shippedGzipBytes(): { bytes: number; files: number } {
  const dir = `${root}dist/app/assets`;
  const files = readdirSync(dir).filter((f) => /\.(js|css)$/.test(f));
  return {
    bytes: files.reduce((sum, f) => sum + gzipSync(readFileSync(`${dir}/${f}`), { level: 9 }).length, 0),
    files: files.length,
  };
}

export async function benchApp(): Promise<string[]> {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
  });
  const stack = await startStack();
  const durations: number[] = [];
  const searchRounds: number[] = [];
  const documentRounds: number[] = [];
  try {
    for (let i = 0; i < LAUNCHES; i++) {
      const page = await stack.browser.newPage();
      await page.goto(`${stack.sandbox.ehrOrigin}/ehr/chart?patient=macro-z0011`);
      const app = await appFrame(page, stack.app.origin);
      // A string, not a function: tsx's transpiled functions reference a helper absent in the page.
      const renderedAt = (await app.evaluate(`new Promise((resolve) => {
        const check = () => (document.querySelector('main.risk-card') ? resolve(performance.now()) : requestAnimationFrame(check));
        check();
      })`)) as number;
      const entries = (await app.evaluate(
        `performance.getEntriesByType('resource').map((e) => ({ name: e.name, startTime: e.startTime, responseEnd: e.responseEnd }))`,
      )) as Timing[];
      const token = entries.find((e) => e.name.endsWith('/auth/token'));
      if (!token) throw new Error('no token request seen');
      durations.push(renderedAt - token.responseEnd);
      const fhir = entries.filter((e) => e.name.includes('/fhir/') && !/[?&](_page|_offset|page)=/.test(e.name));
      searchRounds.push(sequentialRounds(fhir.filter((e) => !e.name.includes('/Binary/'))));
      documentRounds.push(sequentialRounds(fhir.filter((e) => e.name.includes('/Binary/'))));
      await page.close();
    }
  } finally {
    await stack.close();
  }
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
  };
  const shipped = shippedGzipBytes();
  return [
    `app: token response → card rendered: ${median(durations).toFixed(0)} ms median of ${LAUNCHES} launches (target < 300 ms)`,
    `app: sequential rounds of FHIR searches: ${median(searchRounds)} median of ${LAUNCHES} (target 1), then ${median(documentRounds)} round of report documents`,
    `app: JS + CSS shipped: ${(shipped.bytes / 1024).toFixed(1)} KB gzip in ${shipped.files} files (target < 60 KB)`,
  ];
}
