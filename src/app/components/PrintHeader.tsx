// Shown on paper only: who the summary is about, when and by which version it was made, so a
// printed or PDF copy can be filed even when the EHR hides the banner on screen.
import type { BannerPatient } from './PatientBanner.tsx';

export function PrintHeader(props: {
  patient: BannerPatient | null;
  reference: string | undefined;
  version: string;
  generatedAt: Date;
}) {
  const { patient } = props;
  return (
    <div class="print-only print-header">
      <p class="print-title">Nodal Risk — summary for the tumour board</p>
      <p>
        Patient: <strong>{patient?.name ?? 'name not available'}</strong>
        {patient?.birthDate && ` · born ${patient.birthDate}`}
        {patient?.gender && ` · ${patient.gender}`}
        {patient?.mrn && ` · MRN ${patient.mrn}`}
        {props.reference && ` · ${props.reference}`}
      </p>
      <p>
        Generated {props.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC · Nodal Risk {props.version}
      </p>
    </div>
  );
}
