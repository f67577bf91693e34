// Shown only when the EHR asks for it (need_patient_banner): name, sex, birth date, identifier.
import { isRecord } from '../../domain/json.ts';

export interface BannerPatient {
  name: string;
  birthDate?: string;
  gender?: string;
  mrn?: string;
}

export function PatientBanner({ patient }: { patient: BannerPatient }) {
  return (
    <header class="patient-banner" aria-label="Patient">
      <strong>{patient.name}</strong>
      {patient.gender && <span> · {patient.gender}</span>}
      {patient.birthDate && <span> · born {patient.birthDate}</span>}
      {patient.mrn && <span> · MRN {patient.mrn}</span>}
    </header>
  );
}

/** Reads the banner fields from an untrusted Patient resource. */
export function bannerPatient(resource: unknown): BannerPatient | null {
  if (!isRecord(resource) || resource.resourceType !== 'Patient') return null;
  const names = Array.isArray(resource.name) ? resource.name.filter(isRecord) : [];
  const name = names.find((n) => n.use === 'official') ?? names[0];
  const text =
    (name && typeof name.text === 'string' && name.text) ||
    (name &&
      [...(Array.isArray(name.given) ? name.given : []), typeof name.family === 'string' ? name.family : '']
        .filter((s) => typeof s === 'string' && s)
        .join(' ')) ||
    'Unnamed patient';
  const ids = Array.isArray(resource.identifier) ? resource.identifier.filter(isRecord) : [];
  const mr = ids.find(
    (i) =>
      isRecord(i.type) && Array.isArray(i.type.coding) && i.type.coding.some((c) => isRecord(c) && c.code === 'MR'),
  );
  const banner: BannerPatient = { name: text };
  if (typeof resource.birthDate === 'string') banner.birthDate = resource.birthDate;
  if (typeof resource.gender === 'string') banner.gender = resource.gender;
  if (mr && typeof mr.value === 'string') banner.mrn = mr.value;
  return banner;
}
