// Work ahead while the record loads: each time data arrives, the extraction runs in idle time on
// what is new, with the reports so far, keeping the report texts it parsed. After the last
// response the final extraction reuses those parses and finds its code already compiled, so the
// card paints sooner. Nothing of these runs is shown: their results are dropped, their errors ignored.
import { ReportTextCache } from '../../fhir/extract/read-ahead.ts';
import { isRecord } from '../../domain/json.ts';
import type { Arrived, RecordLoad } from './record-load.ts';

/** Runs `work` once the page is idle (or soon after, if it never is). */
export type Schedule = (work: () => void) => void;

const IDLE_TIMEOUT_MS = 100;
/** New resources a run takes at most: enough to compile the code, and a bounded task on a long history. */
export const MAX_NEW_PER_RUN = 1000;

/**
 * Idle time, not the next task: measured, idle callbacks mostly ran a few ms after the arrival,
 * and the wait joins arrivals that come in a burst; runs in the next task were twice as many, and
 * more of them were still running when the last response came.
 */
const whenIdle: Schedule = (work) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(work, 0);
};

/** Resources whose text is read with the documents they cite (which may arrive later). */
const REPORT_TYPES = new Set(['DiagnosticReport', 'DocumentReference', 'Composition']);
const isReport = (r: unknown) => isRecord(r) && typeof r.resourceType === 'string' && REPORT_TYPES.has(r.resourceType);

export interface ReadAhead {
  /** The report texts parsed so far, for the final extraction. */
  reportTexts: ReportTextCache;
  /** No run starts after this (call it when the load ends). */
  stop(): void;
}

/**
 * Runs `extract` at most once per arrival, on the resources not run yet plus every report so far
 * (each resource is run about once, and the reports again when a document they cite arrives).
 * After a search, in idle time (arrivals while a run waits join it); after a report document, at
 * once: its text is what the final pass would otherwise parse after the last response. No run
 * after the last arrival (nothing pending): the final pass follows it. `after` says which, so the
 * caller can keep the run after a document to the extraction alone.
 */
export function readAheadWhileLoading(
  record: RecordLoad,
  extract: (
    resources: unknown[],
    binaries: Record<string, string>,
    reportTexts: ReportTextCache,
    after: 'search' | 'document',
  ) => unknown,
  schedule: Schedule = whenIdle,
): ReadAhead {
  const reportTexts = new ReportTextCache();
  const reports: unknown[] = [];
  let taken = 0;
  let documents = 0;
  let stopped = false;
  let scheduled = false;
  let latest: Arrived | undefined;
  const run = (after: 'search' | 'document') => {
    const arrived = latest;
    // With nothing left to come, the final pass starts at once: a run now would only repeat its work.
    if (stopped || !arrived || arrived.pending === 0) return;
    const fresh = arrived.resources.slice(taken);
    const documentCount = Object.keys(arrived.binaries).length;
    // Nothing new since the last run.
    if (fresh.length === 0 && documentCount === documents) return;
    taken = arrived.resources.length;
    documents = documentCount;
    reports.push(...fresh.filter(isReport));
    try {
      const resources = [...fresh.filter((r) => !isReport(r)).slice(0, MAX_NEW_PER_RUN), ...reports];
      const done = extract(resources, { ...arrived.binaries }, reportTexts, after);
      Promise.resolve(done).catch(() => undefined);
    } catch {
      // The final extraction reports what is wrong with the data; a run ahead only prepares it.
    }
  };
  record.onArrival((arrived) => {
    latest = arrived;
    if (stopped) return;
    if (Object.keys(arrived.binaries).length > documents) return run('document');
    if (scheduled) return;
    scheduled = true;
    schedule(() => {
      scheduled = false;
      run('search');
    });
  });
  return {
    reportTexts,
    stop: () => {
      stopped = true;
    },
  };
}
