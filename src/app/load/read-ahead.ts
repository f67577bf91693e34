// Work ahead while the record loads: each time data arrives, the extraction runs in the next task on
// what is new, with the reports so far, keeping the report texts it parsed. After the last
// response the final extraction reuses those parses and finds its code already compiled, so the
// card paints sooner. Nothing of these runs is shown: their results are dropped, their errors ignored.
import { ReportTextCache } from '../../fhir/extract/read-ahead.ts';
import { isRecord } from '../../domain/json.ts';
import type { Arrived, RecordLoad } from './record-load.ts';

/** Runs `work` in a task of its own, after the one that scheduled it. */
export type Schedule = (work: () => void) => void;

/** New resources a run takes at most: enough to compile the code, and a bounded task on a long history. */
export const MAX_NEW_PER_RUN = 1000;

/**
 * The next task, not idle time: while the record loads, the page seldom has an idle period, so an
 * idle callback mostly ran on its timeout, just when the last responses arrived, and held them up.
 * Run at once, the work is done in the wait for the slower searches; responses that arrive during
 * it are handed to the page right after, and those arriving meanwhile join the run.
 */
const nextTask: Schedule = (work) => {
  setTimeout(work, 0);
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
 * After a search, in the next task (arrivals while a run waits join it); after a report document, at
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
  schedule: Schedule = nextTask,
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
