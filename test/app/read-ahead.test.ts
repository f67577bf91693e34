// Work ahead while the record loads: what arrives is handed on as it arrives, and the extraction
// ahead runs at most once per arrival, on what is new plus the reports, and never after the load.
import { describe, expect, it } from 'vitest';
import type { FhirTransport } from '../../src/app/load/load-patient-data.ts';
import { MAX_NEW_PER_RUN, readAheadWhileLoading } from '../../src/app/load/read-ahead.ts';
import { startRecordLoad, type Arrived, type RecordLoad } from '../../src/app/load/record-load.ts';

const BASE = 'https://read-ahead.example.org/fhir';
const searchset = (resources: unknown[]) => ({
  resourceType: 'Bundle',
  entry: resources.map((resource) => ({ resource })),
});
const report = {
  resourceType: 'DiagnosticReport',
  id: 'r1',
  code: { coding: [{ system: 'http://loinc.org', code: '11529-5' }] },
  presentedForm: [{ contentType: 'text/plain', url: 'Binary/b1' }],
};
const condition = { resourceType: 'Condition', id: 'c1' };

/** An EHR whose answers wait until the test releases them, one URL prefix at a time. */
function heldEhr() {
  const held = new Map<string, () => void>();
  const gates = new Map<string, Promise<void>>();
  const gate = (prefix: string) => {
    if (!gates.has(prefix)) gates.set(prefix, new Promise<void>((resolve) => held.set(prefix, resolve)));
    return gates.get(prefix)!;
  };
  const answer = (url: string): unknown => {
    if (url.startsWith('DiagnosticReport?')) return searchset([report]);
    if (url.startsWith('Condition?')) return searchset([condition]);
    if (url === 'Binary/b1')
      return { resourceType: 'Binary', contentType: 'text/plain', data: Buffer.from('pN1a').toString('base64') };
    return searchset([]);
  };
  const transport: FhirTransport = {
    baseUrl: BASE,
    async get(url: string) {
      const prefix = ['DiagnosticReport?', 'Condition?', 'Binary/'].find((p) => url.startsWith(p)) ?? 'other';
      await gate(prefix);
      return answer(url);
    },
  };
  const release = async (prefix: string) => {
    void gate(prefix);
    held.get(prefix)!();
    // Lets the answer pass through the load's promise chain.
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { transport, release };
}

const ids = (resources: unknown[]) => resources.map((r) => (r as { id: string }).id);

describe('the record load hands on what arrives', () => {
  it('each search result, then each document, as it arrives, and all of it when a listener comes late', async () => {
    const ehr = heldEhr();
    const record = startRecordLoad({ patientId: 'p1', transport: ehr.transport, vendor: 'epic' });
    await ehr.release('other');
    await ehr.release('DiagnosticReport?');
    const seen: { ids: string[]; documents: string[]; pending: number }[] = [];
    record.onArrival((a) =>
      seen.push({ ids: ids([...a.resources]), documents: Object.keys(a.binaries), pending: a.pending }),
    );
    // Pending: the condition search and the report's document, which the report's arrival asked for.
    expect(seen.at(-1)).toEqual({ ids: ['r1'], documents: [], pending: 2 });
    await ehr.release('Binary/');
    expect(seen.at(-1)).toEqual({ ids: ['r1'], documents: ['Binary/b1'], pending: 1 });
    await ehr.release('Condition?');
    expect(seen.at(-1)).toEqual({ ids: ['r1', 'c1'], documents: ['Binary/b1'], pending: 0 });
    const data = await record.data;
    expect(data.binaries).toEqual({ 'Binary/b1': 'pN1a' });
  });
});

/** A record load driven by hand: `arrive` stands for the load reporting new data. */
function manualRecord() {
  const resources: unknown[] = [];
  const binaries: Record<string, string> = {};
  let listener: ((a: Arrived) => void) | undefined;
  const record: RecordLoad = {
    data: new Promise(() => undefined),
    capability: Promise.resolve(undefined),
    onProgress: () => undefined,
    onArrival: (l) => (listener = l),
  };
  /** `pending`: searches and reads still to answer after this arrival. */
  const arrive = (more: unknown[], documents: Record<string, string> = {}, pending = 3) => {
    resources.push(...more);
    Object.assign(binaries, documents);
    listener?.({ resources, binaries, pending });
  };
  return { record, arrive };
}

describe('readAheadWhileLoading', () => {
  it('runs once per idle time on what is new plus every report, and the reports again when a document arrives', () => {
    const { record, arrive } = manualRecord();
    const queued: (() => void)[] = [];
    const runs: { ids: string[]; documents: string[]; after: string }[] = [];
    readAheadWhileLoading(
      record,
      (resources, binaries, _, after) => runs.push({ ids: ids(resources), documents: Object.keys(binaries), after }),
      (work) => queued.push(work),
    );
    arrive([report]);
    arrive([condition]);
    // Two arrivals before the page was idle: one run, with both.
    expect(queued).toHaveLength(1);
    queued.shift()!();
    expect(runs).toEqual([{ ids: ['c1', 'r1'], documents: [], after: 'search' }]);
    // A document is read ahead at once, with the reports that may cite it.
    arrive([], { 'Binary/b1': 'pN1a' });
    expect(runs.at(-1)).toEqual({ ids: ['r1'], documents: ['Binary/b1'], after: 'document' });
    expect(queued).toHaveLength(0);
    expect(runs).toHaveLength(2);
  });

  it('a document arriving while a run waits runs at once with what is new; the waiting run then has nothing to do', () => {
    const { record, arrive } = manualRecord();
    const queued: (() => void)[] = [];
    const runs: string[][] = [];
    readAheadWhileLoading(
      record,
      (resources) => runs.push(ids(resources)),
      (work) => queued.push(work),
    );
    arrive([condition]);
    arrive([report]);
    arrive([], { 'Binary/b1': 'pN1a' });
    expect(runs).toEqual([['c1', 'r1']]);
    queued.shift()!();
    expect(runs).toHaveLength(1);
  });

  it('starts no run once stopped, and a failing run changes nothing', async () => {
    const { record, arrive } = manualRecord();
    const queued: (() => void)[] = [];
    let runs = 0;
    const ahead = readAheadWhileLoading(
      record,
      () => {
        runs++;
        throw new Error('partial data');
      },
      (work) => queued.push(work),
    );
    arrive([condition]);
    expect(() => queued.shift()!()).not.toThrow();
    arrive([report]);
    ahead.stop();
    queued.shift()?.();
    arrive([report]);
    expect(queued).toHaveLength(0);
    expect(runs).toBe(1);
  });

  it('starts no run after the last arrival: the final pass follows it at once', () => {
    const { record, arrive } = manualRecord();
    const queued: (() => void)[] = [];
    const runs: string[] = [];
    readAheadWhileLoading(
      record,
      (_resources, _binaries, _texts, after) => runs.push(after),
      (work) => queued.push(work),
    );
    arrive([report], {}, 2);
    queued.shift()!();
    arrive([condition], {}, 1);
    // The last document: nothing is pending, so the final pass parses its text.
    arrive([], { 'Binary/b1': 'pN1a' }, 0);
    expect(runs).toEqual(['search']);
    // The search run queued before it finds nothing pending either.
    queued.shift()!();
    expect(runs).toEqual(['search']);
  });

  it('takes at most a bounded number of new resources per run, and every report', () => {
    const { record, arrive } = manualRecord();
    const queued: (() => void)[] = [];
    const runs: number[] = [];
    readAheadWhileLoading(
      record,
      (resources) => runs.push(resources.length),
      (work) => queued.push(work),
    );
    const many = Array.from({ length: MAX_NEW_PER_RUN + 500 }, (_, i) => ({
      resourceType: 'Observation',
      id: `o${i}`,
    }));
    arrive([report, ...many]);
    queued.shift()!();
    expect(runs).toEqual([MAX_NEW_PER_RUN + 1]);
  });
});
