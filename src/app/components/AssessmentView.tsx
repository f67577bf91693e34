// Holds the clinician's edits and recomputes the assessment on every change (what-if): its first
// part here, the rest in the card once the sections below the estimates have loaded.
import { useMemo, useState } from 'preact/hooks';
import type { ClinicalFacts, IgnoredItem } from '../../domain/facts.ts';
import { applyOverrides, type Overrides } from '../../domain/overrides.ts';
import type { InputName, InputValue } from '../../domain/vocabulary.ts';
import type { ModelDefinition } from '../../models/definition.ts';
import { firstLook } from '../../models/first-look.ts';
import type { BannerPatient } from './PatientBanner.tsx';
import { RiskCard } from './RiskCard.tsx';
import type { WriteBack } from './SaveToChart.tsx';
import type { SourceIndex } from './SourceViewer.tsx';

export interface AssessmentViewProps {
  recordFacts: ClinicalFacts;
  patient: { reference: string } | null;
  ignored: IgnoredItem[];
  definitions: readonly ModelDefinition[];
  sources: SourceIndex;
  version: string;
  generatedAt: Date;
  printPatient?: BannerPatient | null;
  writeBack?: WriteBack;
  /** See RiskCard: the sections below the estimates render after the first paint. */
  detailsAfterFirstPaint?: boolean;
}

export function AssessmentView(props: AssessmentViewProps) {
  const [overrides, setOverrides] = useState<Overrides>({});
  const look = useMemo(
    () =>
      firstLook(applyOverrides(props.recordFacts, overrides), {
        models: props.definitions,
        patient: props.patient,
        ignored: props.ignored,
      }),
    [props.recordFacts, overrides, props.definitions, props.patient, props.ignored],
  );
  const onChange = (name: InputName, value: InputValue | undefined) =>
    setOverrides((current) => {
      const next = { ...current };
      if (value === undefined) delete next[name];
      else next[name] = value;
      return next;
    });
  return (
    <RiskCard
      look={look}
      recordFacts={props.recordFacts}
      overrides={overrides}
      onChange={onChange}
      definitions={props.definitions}
      sources={props.sources}
      version={props.version}
      generatedAt={props.generatedAt}
      printPatient={props.printPatient ?? null}
      {...(props.writeBack ? { writeBack: props.writeBack } : {})}
      detailsAfterFirstPaint={props.detailsAfterFirstPaint === true}
    />
  );
}
