// Synthetic patients: one FHIR Bundle per scenario (file named after the scenario), reusable by tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Bundle, Patient, Resource } from '@medplum/fhirtypes';
import { generateLongHistory } from './long-history.ts';

export interface ScenarioInfo {
  /** File name without .json; also the scenario's name in the launcher. */
  name: string;
  title: string;
  description: string;
}

export interface Scenario extends ScenarioInfo {
  patientId: string;
  patient: Patient;
  resources: Resource[];
}

export const SCENARIOS: readonly ScenarioInfo[] = [
  {
    name: 'micrometastasis',
    title: 'Micrometastasis',
    description:
      'One of three sentinel nodes with a 1.1 mm micrometastasis; discrete US Core/mCODE observations plus the synoptic report.',
  },
  {
    name: 'itc-only',
    title: 'Isolated tumour cells only',
    description:
      'ITCs in one of two sentinel nodes, seen on IHC only (pN0(i+)(sn)); lobular; report category v2-0074 LAB as Oracle Health sends it.',
  },
  {
    name: 'macrometastasis-z0011-eligible',
    title: 'One macrometastasis, Z0011-eligible',
    description:
      'cT2 cN0, breast-conserving surgery, one of three sentinel nodes with a 4.5 mm macrometastasis; a preoperative axillary ultrasound (radiology report) without suspicious nodes.',
  },
  {
    name: 'two-macrometastases',
    title: 'Two macrometastases',
    description: 'Two of four sentinel nodes positive, mastectomy; grade only as text ("Grade 3").',
  },
  {
    name: 'three-positive-sentinel-nodes',
    title: 'Three positive sentinel nodes',
    description: 'Three of three sentinel nodes positive with extranodal extension; multifocal.',
  },
  {
    name: 'neoadjuvant-therapy',
    title: 'Neoadjuvant therapy',
    description:
      'Chemotherapy and trastuzumab before surgery (MedicationRequest); ypT1c ypN1a; most models do not apply.',
  },
  {
    name: 'lvi-unknown',
    title: 'LVI unknown',
    description: 'No LVI observation; the report says "Cannot be determined".',
  },
  {
    name: 'conflicting-tumour-sizes',
    title: 'Conflicting tumour sizes',
    description:
      'Amended report (18 mm) vs superseded 21 mm, gross 2.1 cm, an entered-in-error 45 mm and a 24 mm ultrasound size; one size uses https://loinc.org.',
  },
  {
    name: 'report-text-only-epic',
    title: 'Pathology only as report text (Epic-like)',
    description:
      'DiagnosticReport with Epic-local codes, text/html Binary and a "Narrative" valueString Observation; no discrete pathology.',
  },
  {
    name: 'discrete-mcode-only',
    title: 'Only discrete mCODE data',
    description: 'mCODE TumorSize in cm with components, counts in {count}, TNM as SNOMED; no report document.',
  },
  {
    name: 'male-patient',
    title: 'Male patient',
    description: 'Male breast cancer (ICD-10-CM C50.922), single sentinel node with a macrometastasis.',
  },
  {
    name: 'bilateral-cancer',
    title: 'Bilateral cancer',
    description:
      'Left and right primaries, each with its own specimens, observations and report; only the left has a positive node.',
  },
  {
    name: 'long-history',
    title: 'Long history',
    description:
      'One macrometastasis, buried among thousands of unrelated labs and vitals generated deterministically over ten years.',
  },
];

const dir = new URL('./', import.meta.url);

export function readScenarioBundle(name: string): Bundle {
  if (!SCENARIOS.some((s) => s.name === name)) throw new Error(`unknown scenario: ${name}`);
  return JSON.parse(readFileSync(fileURLToPath(new URL(`${name}.json`, dir)), 'utf8')) as Bundle;
}

export function loadScenario(name: string): Scenario {
  const info = SCENARIOS.find((s) => s.name === name);
  if (!info) throw new Error(`unknown scenario: ${name}`);
  const resources = (readScenarioBundle(name).entry ?? [])
    .map((e) => e.resource)
    .filter((r): r is Resource => r !== undefined);
  const patient = resources.find((r): r is Patient => r.resourceType === 'Patient');
  if (!patient?.id) throw new Error(`scenario ${name} has no Patient`);
  if (name === 'long-history') resources.push(...generateLongHistory(patient.id));
  return { ...info, patientId: patient.id, patient, resources };
}

export function loadAllScenarios(): Scenario[] {
  return SCENARIOS.map((s) => loadScenario(s.name));
}
