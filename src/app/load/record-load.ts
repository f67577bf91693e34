// Starts loading a session's record: the server's CapabilityStatement (for write-back, and the
// plan of the next launch on a server without a profile) and the searches of this server's plan,
// all at once. boot.ts starts the first load straight after the token response, so the searches do
// not wait for the app's code to run or render; the app takes that load and starts a new one on retry.
import type { VendorProfile } from '../../fhir/queries.ts';
import { loadPatientData, type FhirTransport, type PatientData } from './load-patient-data.ts';
import { capabilityStatement, planForServer } from './server-plan.ts';

export interface RecordSource {
  patientId: string;
  grantedScope?: string;
  transport: FhirTransport;
  vendor?: VendorProfile;
  getPublic?: (url: string) => Promise<unknown>;
}

/** What has arrived so far: the resources (unsorted, possibly repeated) and the report documents read. */
export interface Arrived {
  resources: readonly unknown[];
  binaries: Readonly<Record<string, string>>;
  /** Searches and reads still to answer (those the results so far have asked for included). */
  pending: number;
}

export interface RecordLoad {
  data: Promise<PatientData>;
  /** The CapabilityStatement, or undefined when it cannot be read. */
  capability: Promise<unknown>;
  /** Reports the progress so far at once, then each step; one listener. */
  onProgress(listener: (done: number, total: number) => void): void;
  /** Reports what has arrived so far at once (if anything), then after each arrival; one listener. */
  onArrival(listener: (arrived: Arrived) => void): void;
}

export function startRecordLoad(source: RecordSource): RecordLoad {
  const base = source.transport.baseUrl;
  const capability = source.getPublic
    ? capabilityStatement(base, source.getPublic, { derivePlan: source.vendor === undefined })
    : Promise.resolve(undefined);
  let progress: [done: number, total: number] | undefined;
  let listener: ((done: number, total: number) => void) | undefined;
  const resources: unknown[] = [];
  let arrived: Arrived | undefined;
  let arrivalListener: ((arrived: Arrived) => void) | undefined;
  const data = loadPatientData(source.transport, source.patientId, {
    grantedScope: source.grantedScope,
    plan: planForServer(source.vendor, base),
    onProgress: (done, total) => {
      progress = [done, total];
      listener?.(done, total);
    },
    onArrival: (more, binaries, pending) => {
      for (const r of more) resources.push(r);
      arrived = { resources, binaries, pending };
      arrivalListener?.(arrived);
    },
  });
  // Awaited by the app, which may subscribe only after a failure: not an unhandled rejection meanwhile.
  data.catch(() => undefined);
  return {
    data,
    capability,
    onProgress(l) {
      listener = l;
      if (progress) l(...progress);
    },
    onArrival(l) {
      arrivalListener = l;
      if (arrived) l(arrived);
    },
  };
}
