// Thousands of unrelated labs and vitals for the long-history patient, generated deterministically
// (seeded PRNG, fixed dates) so tests can rely on exact counts without committing megabytes of JSON.
import type { Observation } from '@medplum/fhirtypes';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const CAT = 'http://terminology.hl7.org/CodeSystem/observation-category';

interface Series {
  code: string;
  display: string;
  unit: string;
  mean: number;
  sd: number;
  category: 'laboratory' | 'vital-signs';
  digits: number;
}

const SERIES: Series[] = [
  { code: '8867-4', display: 'Heart rate', unit: '/min', mean: 74, sd: 8, category: 'vital-signs', digits: 0 },
  {
    code: '8480-6',
    display: 'Systolic blood pressure',
    unit: 'mm[Hg]',
    mean: 132,
    sd: 12,
    category: 'vital-signs',
    digits: 0,
  },
  {
    code: '8462-4',
    display: 'Diastolic blood pressure',
    unit: 'mm[Hg]',
    mean: 80,
    sd: 8,
    category: 'vital-signs',
    digits: 0,
  },
  { code: '29463-7', display: 'Body weight', unit: 'kg', mean: 71, sd: 2, category: 'vital-signs', digits: 1 },
  { code: '8310-5', display: 'Body temperature', unit: 'Cel', mean: 36.8, sd: 0.3, category: 'vital-signs', digits: 1 },
  {
    code: '718-7',
    display: 'Hemoglobin [Mass/volume] in Blood',
    unit: 'g/dL',
    mean: 13.1,
    sd: 0.8,
    category: 'laboratory',
    digits: 1,
  },
  {
    code: '6690-2',
    display: 'Leukocytes [#/volume] in Blood by Automated count',
    unit: '10*3/uL',
    mean: 6.4,
    sd: 1.2,
    category: 'laboratory',
    digits: 1,
  },
  {
    code: '777-3',
    display: 'Platelets [#/volume] in Blood by Automated count',
    unit: '10*3/uL',
    mean: 255,
    sd: 40,
    category: 'laboratory',
    digits: 0,
  },
  {
    code: '2345-7',
    display: 'Glucose [Mass/volume] in Serum or Plasma',
    unit: 'mg/dL',
    mean: 104,
    sd: 15,
    category: 'laboratory',
    digits: 0,
  },
  {
    code: '2160-0',
    display: 'Creatinine [Mass/volume] in Serum or Plasma',
    unit: 'mg/dL',
    mean: 0.9,
    sd: 0.12,
    category: 'laboratory',
    digits: 2,
  },
  {
    code: '2951-2',
    display: 'Sodium [Moles/volume] in Serum or Plasma',
    unit: 'mmol/L',
    mean: 139,
    sd: 2,
    category: 'laboratory',
    digits: 0,
  },
  {
    code: '2823-3',
    display: 'Potassium [Moles/volume] in Serum or Plasma',
    unit: 'mmol/L',
    mean: 4.2,
    sd: 0.3,
    category: 'laboratory',
    digits: 1,
  },
];

/** Visits: every ~10 days for ten years before the diagnosis. */
export const LONG_HISTORY_VISITS = 360;
export const LONG_HISTORY_OBSERVATIONS = LONG_HISTORY_VISITS * SERIES.length;

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateLongHistory(patientId: string): Observation[] {
  const rand = mulberry32(20250818);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const start = Date.UTC(2015, 7, 1, 14, 0, 0);
  const out: Observation[] = [];
  for (let v = 0; v < LONG_HISTORY_VISITS; v++) {
    const when = new Date(start + v * 10 * 86_400_000 + Math.floor(rand() * 4) * 3_600_000).toISOString();
    SERIES.forEach((s, i) => {
      const value = Number((s.mean + gauss() * s.sd).toFixed(s.digits));
      out.push({
        resourceType: 'Observation',
        id: `${patientId}-hx-${v}-${i}`,
        status: 'final',
        category: [{ coding: [{ system: CAT, code: s.category }] }],
        code: { coding: [{ system: LOINC, code: s.code, display: s.display }], text: s.display },
        subject: { reference: `Patient/${patientId}` },
        effectiveDateTime: when,
        valueQuantity: { value, unit: s.unit, system: UCUM, code: s.unit },
      });
    });
  }
  return out;
}
