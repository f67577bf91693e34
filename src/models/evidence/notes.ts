// Evidence that is not a verdict: the ITC definition, the neoadjuvant caveat, and what the nodal
// count changes next (systemic therapy, nodal radiotherapy, staging). Stated as evidence, never orders.
import { valueOf, type ClinicalFacts } from '../../domain/facts.ts';
import type { EvidenceNote, Situation } from './types.ts';

const PDQ = 'AJCC 8th edition pN definitions, NCI PDQ table NBK65744';
const DBCG = 'DBCG guidelines, dbcg.dk/vaerktoejer/retningslinjer-vejledninger (undated web page)';

const ITC_NOTE: EvidenceNote = {
  id: 'definition-itc',
  title: 'Isolated tumour cells only',
  statements: [
    {
      text: 'Isolated tumour cells (clusters 0.2 mm or smaller, single cells, or fewer than 200 cells in one cross-section) are staged pN0(i+) and excluded from the positive-node count.',
      citation: PDQ,
    },
    {
      text: 'More than 200 cells in one cross-section is a micrometastasis (pN1mi); cells in different sections are not added together.',
      citation: `${PDQ}; CAP checklist note`,
    },
  ],
};

const NEOADJUVANT_NOTE: EvidenceNote = {
  id: 'neoadjuvant',
  title: 'Systemic therapy given before surgery',
  statements: [
    {
      text: 'These models were built in patients operated first; none applies after neoadjuvant therapy.',
      citation: 'Model populations, see About the models',
    },
    {
      text: 'Z0011 excluded neoadjuvant chemotherapy or hormonal therapy; SINODAR-ONE excluded neoadjuvant therapy.',
      citation: 'Z0011 methods text (pubcompare.ai); SINODAR-ONE trial-in-progress abstract',
    },
    {
      text: 'SENOMAC’s protocol and POSNOC allowed sentinel node biopsy before neoadjuvant therapy.',
      citation: 'SENOMAC protocol, PMC5446737; POSNOC trial page, Association of Breast Surgery',
    },
  ],
};

const MONARCHE =
  'Johnston SRD, et al. J Clin Oncol 2020 (PMC7768339); Rastogi P, et al. J Clin Oncol 2024;42(9):987–993. doi:10.1200/JCO.23.01994; NCT03155997';
const RXPONDER =
  'Kalinsky K, Barlow WE, Gralow JR, et al. N Engl J Med 2021;385(25):2336–2347. doi:10.1056/NEJMoa2108873';
const MA20 = 'Whelan TJ, Olivotto IA, Parulekar WR, et al. N Engl J Med 2015;373(4):307–316. doi:10.1056/NEJMoa1415340';
const EORTC =
  'Poortmans PM, Weltens C, Fortpied C, et al. Lancet Oncol 2020 (as reported by The ASCO Post, November 2020)';

function countMattersNote(facts: ClinicalFacts): EvidenceNote {
  const statements = [
    {
      text: 'monarchE (abemaciclib) enrolled HR-positive/HER2-negative patients with pathological axillary node involvement and either 4 or more positive axillary nodes, or 1–3 with grade 3, a tumour of 5 cm or more, or central Ki-67 of 20% or more. Whether micrometastases counted as positive nodes was not found.',
      citation: MONARCHE,
    },
    {
      text: 'RxPONDER enrolled women with HR-positive/HER2-negative cancer, 1–3 positive axillary nodes (N1) and a recurrence score of 25 or lower: after menopause no chemotherapy benefit (invasive disease-free survival at 5 years 91.9% endocrine-only vs 91.3% chemoendocrine); the benefit differed by menopausal status (P = 0.008).',
      citation: RXPONDER,
    },
    {
      text: 'Regional nodal irradiation: MA.20 (node-positive or high-risk node-negative, breast-conserving surgery) 10-year overall survival 82.8% with nodal irradiation vs 81.8% without; EORTC 22922 (involved axillary nodes or central/medial tumour) 15-year breast cancer mortality 16.0% vs 19.8%.',
      citation: `${MA20}; ${EORTC}`,
    },
    {
      text: 'DBCG: when ALND is omitted with 1–2 positive sentinel nodes the pN stage stays unknown; PET-CT or similar is offered to every patient with nodal metastases and unknown pN stage.',
      citation: DBCG,
    },
  ];
  if (valueOf(facts, 'nodalBurden') === 'macro') {
    statements.push({
      text: 'Observed in SENOMAC’s dissection arm: after 1 sentinel macrometastasis, 30% had further nodal metastases and 10% had 4 or more (pN2–3); after 2, 50% and 34%. These are group rates, not this patient’s risk.',
      citation: `SENOMAC data as reported by ${DBCG}`,
    });
  }
  return { id: 'count-matters-next', title: 'Why the count may matter next', statements };
}

/** The notes for the patient's situation. */
export function notesFor(facts: ClinicalFacts, situation: Situation | null): EvidenceNote[] {
  const notes: EvidenceNote[] = [];
  if (situation === 'itc') notes.push(ITC_NOTE);
  if (valueOf(facts, 'neoadjuvantTherapy') === true) notes.push(NEOADJUVANT_NOTE);
  if (situation !== null && situation !== 'itc') notes.push(countMattersNote(facts));
  return notes;
}
