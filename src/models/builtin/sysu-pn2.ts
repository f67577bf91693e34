// Sun Yat-sen Memorial Hospital nomogram for pN2–3 upstaging (ASCO abstract
// e12606). Odds ratios without an intercept: the result is the odds relative to a patient with
// none of the factors, never a percentage unless a deployment configures a local intercept.
import type { ModelDefinition } from '../definition.ts';

export const sysuPn2: ModelDefinition = {
  id: 'sysu-pn2',
  title: 'Sun Yat-sen Memorial nomogram for four or more involved nodes',
  shortTitle: 'Sun Yat-sen',
  kind: 'relative-odds',
  outcome: 'four or more axillary nodes involved (pN2–3) at completion dissection',
  population:
    'cT1–2, cN0, 1–2 positive sentinel nodes, no neoadjuvant therapy (733 patients, all with ALND, 2011–2022)',
  citations: [{ text: 'ASCO Annual Meeting abstract e12606 (Sun Yat-sen Memorial Hospital).' }],
  docsSection: 'Sun Yat-sen nomogram (sysu-pn2)',
  performance:
    '127 of 733 (17.3%) had ≥4 positive nodes; training 488 (18.2% upstaged); AUC 0.819 (training), 0.827 (validation).',
  notes: [
    'Odds ratios from a conference abstract; no intercept is published, so the result is relative odds, not a percentage.',
  ],
  requirements: [
    {
      condition: { input: 'slnPositive', atLeast: 1, atMost: 2 },
      reason: 'applies to 1–2 positive sentinel nodes (here: {slnPositive})',
      whenUnknown: 'missing',
    },
    {
      condition: { input: 'clinicalT', in: ['cT1', 'cT2'] },
      reason: 'applies to cT1–2 tumours (here: {clinicalT})',
      whenUnknown: 'warn',
      unknownText: 'Clinical T category is not recorded; the model was built in cT1–2 tumours.',
    },
    {
      condition: { input: 'clinicalN', equals: 'cN0' },
      reason: 'applies to clinically node-negative patients (here: {clinicalN})',
      whenUnknown: 'warn',
      unknownText: 'Clinical nodal status is not recorded; the model was built in cN0 patients.',
    },
    {
      condition: { not: { input: 'neoadjuvantTherapy', equals: true } },
      reason: 'systemic therapy was given before surgery; the model was built in patients operated first',
      whenUnknown: 'warn',
      unknownText: 'Systemic therapy before surgery is not recorded; the model does not apply if it was given.',
    },
  ],
  oddsFactors: [
    {
      id: 'ultrasoundSuspicious',
      label: 'Suspicious node on axillary ultrasound',
      oddsRatio: 1.93,
      ci95: [1.08, 3.47],
      when: { input: 'axillaryUltrasoundSuspicious', equals: true },
      shows: ['axillaryUltrasoundSuspicious'],
    },
    {
      id: 'lvi',
      label: 'Lymphovascular invasion',
      oddsRatio: 2.27,
      ci95: [1.25, 4.13],
      when: { input: 'lvi', equals: true },
      shows: ['lvi'],
    },
    {
      id: 'largerTumour',
      label: 'Larger tumour size',
      oddsRatio: 2.07,
      ci95: [1.15, 3.73],
      shows: ['tumorSizeMm', 'clinicalT'],
      uncodableReason: 'the size cut-off is not published; value shown, left out of the product',
    },
    {
      id: 'macrometastasis',
      label: 'Sentinel macrometastasis (vs micrometastasis)',
      oddsRatio: 9.15,
      ci95: [1.07, 78.13],
      when: { input: 'nodalBurden', equals: 'macro' },
      shows: ['nodalBurden'],
    },
    {
      id: 'twoPositive',
      label: 'Two positive sentinel nodes (vs one)',
      oddsRatio: 6.59,
      ci95: [3.7, 11.76],
      when: { input: 'slnPositive', equals: 2 },
      shows: ['slnPositive'],
    },
    {
      id: 'fewerNegative',
      label: 'Fewer negative sentinel nodes (per node less)',
      oddsRatio: 1.54,
      ci95: [1.22, 1.89],
      shows: ['slnNegative'],
      uncodableReason: 'the coding of the negative-node count is not published; value shown, left out of the product',
    },
  ],
  caveats: [
    { when: { input: 'sex', equals: 'male' }, text: "The cohort's sex is not published; this patient is male." },
  ],
  // Absolute context, each shown only for the stratum it was observed in; the model's own cohort first (the headline).
  observedRates: [
    {
      when: { input: 'slnPositive', equals: 1 },
      label: '1 positive sentinel node',
      events: 47,
      total: 511,
      source: 'ASCO abstract e12606',
    },
    {
      when: { input: 'slnPositive', equals: 2 },
      label: '2 positive sentinel nodes',
      events: 80,
      total: 222,
      source: 'ASCO abstract e12606',
    },
    // SENOMAC figures as given on the DBCG guideline page: after sentinel MACROmetastases only. The
    // 2-node figures (34% pN2–3, 50% further nodes) need both nodes macrometastatic, which the
    // vocabulary cannot state yet (no count of macrometastatic nodes), so they are not shown.
    {
      when: {
        all: [
          { input: 'slnPositive', equals: 1 },
          { input: 'nodalBurden', equals: 'macro' },
        ],
      },
      label: '1 positive sentinel node with a macrometastasis',
      outcome: 'four or more involved nodes (pN2–3)',
      rate: 0.1,
      source: 'SENOMAC, as reported in the DBCG guidelines (dbcg.dk)',
    },
    {
      when: {
        all: [
          { input: 'slnPositive', equals: 1 },
          { input: 'nodalBurden', equals: 'macro' },
        ],
      },
      label: '1 positive sentinel node with a macrometastasis',
      outcome: 'further nodal metastases',
      rate: 0.3,
      source: 'SENOMAC, as reported in the DBCG guidelines (dbcg.dk)',
    },
    {
      when: { input: 'nodalBurden', equals: 'micro' },
      label: 'sentinel micrometastases',
      outcome: 'a positive non-sentinel node',
      events: 13,
      total: 137,
      source: 'SERC trial, completion ALND arm (BMC Cancer 2018, doi:10.1186/s12885-018-5053-7)',
    },
    {
      when: { input: 'nodalBurden', equals: 'macro' },
      label: 'sentinel macrometastases',
      outcome: 'a positive non-sentinel node',
      events: 61,
      total: 255,
      source: 'SERC trial, completion ALND arm (BMC Cancer 2018, doi:10.1186/s12885-018-5053-7)',
    },
  ],
};
