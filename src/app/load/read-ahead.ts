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
 * Runs `extract` at most once per arrival, in idle time (arrivals while a run waits join it), on
 * the resources not run yet plus every report so far: each resource is run about once, and a
 * report again when a document it cites arrives.
 */
export function readAheadWhileLoading(
  record: RecordLoad,
  extract: (resources: unknown[], binaries: Record<string, string>, reportTexts: ReportTextCache) => unknown,
  schedule: Schedule = whenIdle,
): ReadAhead {
  const reportTexts = new ReportTextCache();
  const reports: unknown[] = [];
  let taken = 0;
  let stopped = false;
  let scheduled = false;
  let latest: Arrived | undefined;
  record.onArrival((arrived) => {
    latest = arrived;
    if (stopped || scheduled) return;
    scheduled = true;
    schedule(() => {
      scheduled = false;
      const arrived = latest;
      if (stopped || !arrived) return;
      const fresh = arrived.resources.slice(taken);
      taken = arrived.resources.length;
      reports.push(...fresh.filter(isReport));
      try {
        const run = extract([...fresh.filter((r) => !isReport(r)), ...reports], { ...arrived.binaries }, reportTexts);
        Promise.resolve(run).catch(() => undefined);
      } catch {
        // The final extraction reports what is wrong with the data; a run ahead only prepares it.
      }
    });
  });
  return {
    reportTexts,
    stop: () => {
      stopped = true;
    },
  };
}
