// The app after launch: load the record, run the pure pipeline, show the card — or say clearly
// what went wrong. Never a blank page.
import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ClinicalFacts, IgnoredItem } from '../domain/facts.ts';
import { documentText } from '../fhir/documents.ts';
import { INPUT_NAMES } from '../domain/vocabulary.ts';
import type { ModelDefinition } from '../models/definition.ts';
import { firstLook } from '../models/first-look.ts';
import { AssessmentView } from './components/AssessmentView.tsx';
import { PatientBanner, bannerPatient, type BannerPatient } from './components/PatientBanner.tsx';
import { SearchNotice } from './components/SearchNotice.tsx';
import { TypeSamples } from './components/TypeSamples.tsx';
import type { SourceIndex } from './components/SourceViewer.tsx';
import { Loading, Problem, type AppProblem } from './components/StatusViews.tsx';
import { LoadError } from './load/errors.ts';
import type { FhirTransport, PatientData } from './load/load-patient-data.ts';
import { startRecordLoad, type RecordLoad } from './load/record-load.ts';
import { readAheadWhileLoading } from './load/read-ahead.ts';
import type { ReportTextCache } from '../fhir/extract/read-ahead.ts';
import type { CreateResource } from './record/save.ts';
import { saveBranch, type SaveBranch } from './record/branch.ts';
import type { WriteBack } from './components/SaveToChart.tsx';
import type { VendorProfile } from '../fhir/queries.ts';

export interface SmartSession {
  patientId: string;
  grantedScope?: string;
  needPatientBanner: boolean;
  transport: FhirTransport;
  /** FHIR create, for "Save to chart" (offered only when the EHR and the grant allow it). */
  create?: CreateResource;
  /** The EHR's registration allows write-back. */
  writeBackEnabled?: boolean;
  /** The vendor profile named in the EHR's registration; absent: plan from its CapabilityStatement. */
  vendor?: VendorProfile;
  /** GET of an absolute URL without the token (the public CapabilityStatement). */
  getPublic?: (url: string) => Promise<unknown>;
  /** The signed-in user, "Practitioner/abc", when the EHR said. */
  fhirUser?: string;
  /** The record's load, started at launch before the app rendered; the app's first load takes it. */
  startedLoad?: RecordLoad;
}

type Analysis = { facts: ClinicalFacts; ignored: IgnoredItem[]; patient: { reference: string } | null };

/** The extraction; async when it first loads the reader of a rare document format. */
export type Analyse = (
  resources: unknown[],
  options: { patientId: string; now: Date; binaries: Record<string, string>; reportTexts?: ReportTextCache },
) => Analysis | Promise<Analysis>;

interface Ready {
  data: PatientData;
  facts: ClinicalFacts;
  ignored: IgnoredItem[];
  patient: { reference: string } | null;
  banner: BannerPatient | null;
  printPatient: BannerPatient | null;
  sources: SourceIndex;
  nothingFound: boolean;
  saveBranch: SaveBranch;
}

type State =
  | { phase: 'loading'; done: number; total: number }
  | { phase: 'ready'; ready: Ready }
  | { phase: 'problem'; problem: AppProblem };

const DEMOGRAPHIC = new Set(['ageYears', 'sex', 'menopausalStatus']);

function sourceIndex(data: PatientData): SourceIndex {
  const byReference = new Map<string, unknown>();
  const reportTexts = new Map<string, string>();
  for (const r of data.resources) {
    if (typeof r !== 'object' || r === null) continue;
    const { resourceType, id } = r as { resourceType?: unknown; id?: unknown };
    if (typeof resourceType !== 'string' || typeof id !== 'string') continue;
    const reference = `${resourceType}/${id}`;
    byReference.set(reference, r);
    const text = documentText(r, data.binaries);
    if (text) reportTexts.set(reference, text);
  }
  return { resource: (ref) => byReference.get(ref), reportText: (ref) => reportTexts.get(ref) };
}

export function App(props: {
  session: SmartSession;
  analyse: Analyse;
  definitions: readonly ModelDefinition[];
  version: string;
}) {
  const { session, analyse } = props;
  const [state, setState] = useState<State>({ phase: 'loading', done: 0, total: 1 });
  const [generatedAt, setGeneratedAt] = useState(() => new Date());
  const startedLoad = useRef(session.startedLoad);

  const load = useCallback(async () => {
    setState({ phase: 'loading', done: 0, total: 1 });
    // Searches still settling after the load ended (a 401 ends it at once) must not put the spinner back.
    let loading = true;
    try {
      // The load started at launch is taken once; a retry starts a new one.
      const record = startedLoad.current ?? startRecordLoad(session);
      startedLoad.current = undefined;
      record.onProgress((done, total) => loading && setState({ phase: 'loading', done, total }));
      // What arrives is analysed ahead (and after a search assessed too) to prepare the final pass;
      // only the assessment of the whole record is shown.
      const ahead = readAheadWhileLoading(record, async (resources, binaries, reportTexts, after) => {
        const some = await analyse(resources, { patientId: session.patientId, now: new Date(), binaries, reportTexts });
        if (after === 'search')
          firstLook(some.facts, { models: props.definitions, patient: some.patient, ignored: some.ignored });
      });
      const data = await record.data.finally(ahead.stop);
      loading = false;
      const branch = saveBranch({
        enabled: session.writeBackEnabled === true && session.create !== undefined,
        capabilityStatement: await record.capability,
        grantedScope: session.grantedScope,
      });
      const now = new Date();
      const { facts, ignored, patient } = await analyse(data.resources, {
        patientId: session.patientId,
        now,
        binaries: data.binaries,
        reportTexts: ahead.reportTexts,
      });
      const patientResource = data.resources.find((r) => (r as { resourceType?: unknown })?.resourceType === 'Patient');
      const nothingFound = INPUT_NAMES.every((n) => DEMOGRAPHIC.has(n) || facts[n].status === 'missing');
      const printPatient = bannerPatient(patientResource);
      setGeneratedAt(now);
      setState({
        phase: 'ready',
        ready: {
          data,
          facts,
          ignored,
          patient,
          banner: session.needPatientBanner ? printPatient : null,
          printPatient,
          sources: sourceIndex(data),
          nothingFound,
          saveBranch: branch,
        },
      });
    } catch (e) {
      loading = false;
      const problem: AppProblem =
        e instanceof LoadError
          ? { kind: e.kind, message: e.message }
          : { kind: 'unexpected', message: 'The data could not be processed. Nothing was saved.' };
      setState({ phase: 'problem', problem });
    }
  }, [session, analyse, props.definitions]);

  // A layout effect runs right after the first render, not a frame later: the searches start at once.
  useLayoutEffect(() => {
    void load();
  }, [load]);

  if (state.phase === 'loading')
    return (
      <>
        <Loading done={state.done} total={state.total} />
        <TypeSamples />
      </>
    );
  if (state.phase === 'problem') {
    const retry = state.problem.kind === 'session-expired' ? undefined : () => void load();
    return <Problem problem={state.problem} onRetry={retry} />;
  }
  const { ready } = state;
  const create: CreateResource = session.create ?? (() => Promise.reject(new Error('no create')));
  const writeBack: WriteBack = {
    branch: ready.saveBranch,
    create,
    patientReference: `Patient/${session.patientId}`,
    ...(session.fhirUser ? { performer: session.fhirUser } : {}),
  };
  return (
    <>
      {ready.banner && <PatientBanner patient={ready.banner} />}
      <SearchNotice
        searches={ready.data.searches}
        documentProblems={ready.data.documentProblems}
        nothingFound={ready.nothingFound}
      />
      <AssessmentView
        recordFacts={ready.facts}
        patient={ready.patient}
        ignored={ready.ignored}
        definitions={props.definitions}
        sources={ready.sources}
        version={props.version}
        generatedAt={generatedAt}
        printPatient={ready.printPatient}
        writeBack={writeBack}
        // The bottom line with its numbers is painted before the long sections below it.
        detailsAfterFirstPaint
      />
    </>
  );
}
