// Every code table Nodal Risk reads, in one place. Sources refer to docs/fhir-mapping.md
// ("§n" = its section), which names the public IG / repository each code was seen in.
// Codes are the key; displays vary by release and are never relied on.
import type { HistologicType, Quadrant, Side } from '../domain/vocabulary.ts';

/** Canonical code-system URIs, and the spellings seen in the wild that mean the same system (§8 pitfall 3). */
export const SYSTEM = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  icdo3: 'http://terminology.hl7.org/CodeSystem/icd-o-3',
  ajcc: 'http://cancerstaging.org',
  cap: 'http://cap.org/eCC',
  v2_0074: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  ncit: 'http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
} as const;
export type SystemName = keyof typeof SYSTEM;

/** Lower-cased alternative URIs → system name. OIDs are the HL7 registered ones for each system. */
export const SYSTEM_ALIASES: Record<string, SystemName> = {
  'http://loinc.org': 'loinc',
  'https://loinc.org': 'loinc',
  'loinc.org': 'loinc',
  'urn:oid:2.16.840.1.113883.6.1': 'loinc',
  'http://snomed.info/sct': 'snomed',
  'https://snomed.info/sct': 'snomed',
  'urn:oid:2.16.840.1.113883.6.96': 'snomed',
  'http://hl7.org/fhir/sid/icd-10-cm': 'icd10cm',
  'urn:oid:2.16.840.1.113883.6.90': 'icd10cm',
  'http://terminology.hl7.org/codesystem/icd-o-3': 'icdo3',
  'http://hl7.org/fhir/sid/icd-o-3': 'icdo3',
  'urn:oid:2.16.840.1.113883.6.43.1': 'icdo3',
  'http://cancerstaging.org': 'ajcc',
  'https://cancerstaging.org': 'ajcc',
  // CAP eCC system URIs vary across IG versions and examples (§4 "CAP ckeys vary").
  'http://cap.org/ecc': 'cap',
  'https://cap.org/ecc': 'cap',
  'http://hl7.org/fhir/us/cancer-reporting/codesystem/cap-ecc-codesystem': 'cap',
  'http://terminology.hl7.org/codesystem/v2-0074': 'v2_0074',
  'http://terminology.hl7.org/codesystem/v3-observationinterpretation': 'interpretation',
  'http://hl7.org/fhir/v3/observationinterpretation': 'interpretation',
  'http://ncicb.nci.nih.gov/xml/owl/evs/thesaurus.owl': 'ncit',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'rxnorm',
  'urn:oid:2.16.840.1.113883.6.88': 'rxnorm',
};

/**
 * What an Observation's code says it measures. One concept may have several codes; the
 * extractor works on concepts, never on raw codes.
 */
export type ObservationConcept =
  | 'tumorSizeInvasive'
  | 'tumorSize'
  | 'tumorSizeOverall'
  | 'tumorLongestDimension'
  | 'histologicType'
  | 'grade'
  | 'gradeTotalScore'
  | 'nuclearPleomorphism'
  | 'dcisNuclearGrade'
  | 'lvi'
  | 'focality'
  | 'erStatus'
  | 'erPercent'
  | 'prStatus'
  | 'prPercent'
  | 'her2Overall'
  | 'her2Ihc'
  | 'her2Ish'
  | 'her2Serum'
  | 'her2Other'
  | 'ki67'
  | 'slnExamined'
  | 'slnPositive'
  | 'regionalExamined'
  | 'regionalPositive'
  | 'nodesItc'
  | 'nodesMicro'
  | 'nodesMacro'
  | 'largestDeposit'
  | 'extranodalExtension'
  | 'clinicalT'
  | 'clinicalN'
  | 'pathologicT'
  | 'pathologicN'
  | 'menopausalStatus'
  | 'laterality'
  | 'procedure'
  | 'treatmentEffect'
  | 'clockPosition'
  | 'regionalNodeStatus'
  | 'tnmDescriptors'
  | 'notInput'
  | 'narrative';

type CodeTable<V> = Partial<Record<SystemName, Record<string, V>>>;

/** Observation.code → concept. */
export const OBSERVATION_CODES: CodeTable<ObservationConcept> = {
  loinc: {
    // Size (§1 "Primary tumour pathological size"; mCODE TumorSize; BreastCancerSpec).
    '44635-1': 'tumorSizeInvasive', // Invasive component size.maximum dimension [Length] in Breast tumor
    '21889-1': 'tumorSize', // Size Tumor (mCODE TumorSize; value in component 33728-7 or, in the wild, valueQuantity)
    '33728-7': 'tumorSizeOverall', // Size.maximum dimension in Tumor — as a top-level code MII uses it for overall size incl. DCIS
    // Histology and grade (§1, §3).
    '31206-6': 'histologicType', // mCODE STU4 HistologicBehaviorAndType (ICD-O-3 value)
    '44638-5': 'histologicType', // Histo type BT (MII / BreastCancerSpec)
    '44648-4': 'grade', // Histologic grade [Score] in Breast cancer specimen by Nottingham (mCODE example)
    '33732-9': 'grade', // Histology grade [Identifier] in Cancer specimen (MII onko grading)
    '44645-0': 'nuclearPleomorphism', // Nuclear pleomorphism [Score] by Nottingham (BreastCancerSpec)
    '59544-7': 'lvi', // Lymph-vascular invasion Ca spec (BreastCancerSpec)
    // Receptors (§3 "LOINC (receptors, Ki-67)", CMS EOM Biomarkers page).
    '85337-4': 'erStatus', // Estrogen receptor Ag [Presence] in Breast cancer specimen by Immune stain
    '16112-5': 'erStatus', // Estrogen receptor [Interpretation] in Tissue
    '40556-3': 'erStatus', // Estrogen receptor Ag [Presence] in Tissue by Immune stain
    '85329-1': 'erPercent', // ER % of nuclei positive (EOM list)
    '14228-1': 'erPercent', // ER % (EOM list)
    '85339-0': 'prStatus', // Progesterone receptor Ag [Presence] in Breast cancer specimen by Immune stain
    '16113-3': 'prStatus', // Progesterone receptor [Interpretation] in Tissue
    '40557-1': 'prStatus', // Progesterone receptor Ag [Presence] in Tissue by Immune stain
    '10861-3': 'prStatus', // PR presence (EOM list)
    '85325-9': 'prPercent', // PR % (EOM list)
    '14230-7': 'prPercent', // PR % (EOM list)
    '48676-1': 'her2Overall', // HER2 [Interpretation] in Tissue (mCODE example)
    '85319-2': 'her2Ihc', // HER2 [Presence] in Breast cancer specimen by Immune stain
    '18474-7': 'her2Ihc', // HER2 Ag [Presence] in Tissue by Immune stain
    '85318-4': 'her2Ish', // ERBB2 gene duplication [Presence] in Breast cancer specimen by FISH
    '72383-3': 'her2Other', // EOM HER2 list: not a status we read
    '31150-6': 'her2Other',
    '74860-8': 'her2Other',
    '49683-6': 'her2Other', // HER2/CEP17 ratio
    '96893-3': 'her2Other',
    '74885-5': 'her2Other', // panel
    '72382-5': 'her2Other',
    '32996-1': 'her2Serum', // serum HER2 (EOM list; excluded, §1)
    '51981-9': 'her2Serum',
    '42914-2': 'her2Serum',
    '85330-9': 'ki67', // Cells.Ki-67 nuclear Ag/cells in Breast cancer specimen by Immune stain
    // Nodes (§1 rows on nodes, §3).
    '85347-3': 'slnExamined', // Sentinel lymph nodes examined [#]
    '92832-5': 'slnPositive', // Sentinel lymph nodes with metastasis [#]
    '21894-1': 'regionalExamined', // Regional lymph nodes examined [#] — sentinel-inclusive in MII, non-sentinel in BreastCancerSpec
    '21893-3': 'regionalPositive', // Regional lymph nodes positive [#]
    '92833-3': 'regionalExamined', // Lymph nodes examined [#] in Cancer specimen (not sentinel-specific)
    '92831-7': 'regionalPositive', // Lymph nodes with metastasis [#] in Cancer specimen
    '85352-3': 'nodesItc', // Lymph nodes with isolated tumor cells [#]
    '85344-0': 'nodesMicro', // Lymph nodes with micrometastases [#]
    '85343-2': 'nodesMacro', // Lymph nodes with macrometastases [#]
    '85351-5': 'largestDeposit', // Lymph node metastatic deposit.max dimension [Length]
    '85350-7': 'extranodalExtension', // Extranodal extension of carcinoma [Presence]
    // TNM (§2 TNM profiles; "Max" value sets allow LOINC).
    '21905-5': 'clinicalT',
    '21906-3': 'clinicalN', // MII puts pN values under it: the value's prefix decides (tnm.ts)
    '21899-0': 'pathologicT',
    '21900-6': 'pathologicN',
    '20228-3': 'laterality', // Anatomic part Laterality (BreastCancerSpec)
    // Narrative sections of a pathology report (MII patho section types, §3).
    '22637-3': 'narrative',
    '22634-0': 'narrative',
    '22635-7': 'narrative',
    '83321-0': 'narrative',
    '11529-5': 'narrative',
    '60568-3': 'narrative',
  },
  snomed: {
    '399504009': 'clinicalT', // cT category (mCODE)
    '399534004': 'clinicalN', // cN category
    '384625004': 'pathologicT', // pT category
    '371494008': 'pathologicN', // pN category
    '444411008': 'slnExamined', // MII onko profile, paired with 85347-3
    '1264491009': 'slnPositive', // Number of sentinel lymph nodes containing metastatic neoplasm (BreastCancerSpec)
    '444025001': 'regionalExamined', // paired with 21894-1
    '443527007': 'regionalPositive', // paired with 21893-3
    '371512006': 'lvi', // LVI observable (§1)
    '1157128007': 'focality', // Qualitative distribution of primary malignant neoplasm of breast (MII)
    '1287461000': 'gradeTotalScore', // Nottingham total score 3–9: not the grade (§1)
    '2890001000004108': 'dcisNuclearGrade', // DCIS nuclear grade (MII) — never the invasive nuclear grade
    '1237281001': 'ki67', // MII
    '161712005': 'menopausalStatus', // MII onko menopause (display not verified, §1)
    '384727002': 'laterality', // Specimen laterality (MII)
  },
  ncit: {
    C18000: 'grade', // mCODE STU4 HistologicGrade
  },
  // CAP eCC question ckeys (§4): the answer is a coded choice whose display we read as text.
  cap: {
    '351607.100004300': 'slnExamined', // Number of Sentinel Nodes Examined (protocol 4.009)
    '56964.100004300': 'slnExamined', // same question, protocol 4.002 (IHE SDC Connectathon bundle)
    '351602.100004300': 'regionalExamined', // Total Number of Lymph Nodes Examined
    '763178.100004300': 'pathologicN', // pN Category
    '30148.100004300': 'tumorSize', // Tumor Size
    '41794.100004300': 'histologicType', // Histologic Type
    '38391.100004300': 'grade', // Overall Grade
    '38392.100004300': 'focality', // Tumor Focality
    '45138.100004300': 'erStatus', // ER Status
    // US Pathology IG breast resection example (HL7/cancer-reporting), protocol 4.009.
    '38125.100004300': 'nuclearPleomorphism', // Nuclear Pleomorphism
    '52399.100004300': 'her2Ihc', // HER2 (by immunohistochemistry)
    '16214.100004300': 'laterality', // Specimen Laterality
    '58807.100004300': 'procedure', // Procedure
    '327740.100004300': 'pathologicT', // pT Category
    '38124.100004300': 'notInput', // Glandular (Acinar) / Tubular Differentiation
    '38390.100004300': 'notInput', // Mitotic Rate
    '380281.100004300': 'notInput', // Histologic Grade (Nottingham Histologic Score): "Nottingham Score" chosen
    '31359.100004300': 'notInput', // Additional Dimension: a second dimension, not the size
    // Breast resection protocol items seen in public HL7 v2 CAP eCC messages.
    '16259.100004300': 'clockPosition', // Specify Clock Position
    '39858.100004300': 'regionalNodeStatus', // Regional Lymph Nodes (protocol 4.002)
    '351589.100004300': 'regionalNodeStatus', // Regional Lymph Node Status (protocol 4.009)
    '16718.100004300': 'tnmDescriptors', // TNM Descriptors (m, r, y)
    '16455.100004300': 'treatmentEffect', // Treatment Effect in the Breast
    '37850.100004300': 'treatmentEffect', // Treatment Effect in the Lymph Nodes
  },
};

/** mCODE TumorSize components (§2): the longest dimension is the size; others are not. */
export const TUMOR_SIZE_COMPONENT = { longest: '33728-7', other: '33729-5' } as const;

/** TumorSize.method codes that mean a clinical (not pathologic) size (mCODE TumorSizeMethodVS, §2). */
export const NON_PATHOLOGIC_SIZE_METHODS: Record<string, string> = {
  '5880005': 'physical examination',
  '16310003': 'ultrasound',
  '113091000': 'MRI',
  '77477000': 'CT',
  '82918005': 'PET',
  '363680008': 'radiographic imaging',
  '363679005': 'imaging',
};

/**
 * The axillary ultrasound finding has no standard code of its own (docs/fhir-mapping.md "Axillary
 * ultrasound"): an ultrasound of the axilla is recognised by these SNOMED CT codes or by words.
 */
export const AXILLARY_ULTRASOUND = {
  ultrasonography: '16310003', // Ultrasonography (procedure) — mCODE TumorSizeMethodVS (§2)
  axillaryLymphNodes: '68171009', // Axillary lymph node structure (body structure)
  normalScan: '169254007', // Ultrasound scan normal (finding) — DICOM CID 6064 "Ultrasound Finding for Breast"
} as const;

export type Polarity = 'positive' | 'negative';

/** Coded answers meaning positive/present or negative/absent (§1 ER row, LVI row; §3 SNOMED table). */
export const POLARITY_ANSWERS: CodeTable<Polarity> = {
  loinc: { 'LA6576-8': 'positive', 'LA6577-6': 'negative' },
  snomed: {
    '10828004': 'positive', // Positive (qualifier) — Synthea, mCODE
    '260385009': 'negative', // Negative (qualifier)
    '52101004': 'positive', // Present
    '2667000': 'negative', // Absent
  },
  interpretation: { POS: 'positive', NEG: 'negative', DET: 'positive', ND: 'negative' },
};

/** Grade answers (§1 Grade row). Only codes seen in a public source are listed; displays are read as text otherwise. */
export const GRADE_ANSWERS: CodeTable<1 | 2 | 3> = {
  loinc: { 'LA27824-4': 2 }, // "Nottingham grade 2" (mCODE example)
  snomed: {
    '1155708003': 1, // low (mCODE STU4 HistologicGrade)
    '1286893008': 2, // intermediate
    '1155707008': 3, // high
    '1155703007': 2, // G2: Moderately differentiated (MII)
  },
};

/** Focality answers (§1 Multifocality row: HL7 LT lab IG tumor-focality). */
export const FOCALITY_ANSWERS: CodeTable<boolean> = {
  snomed: { '399389000': false, '399506006': true },
};

/** Menopausal status answers (§1, MII onko ValueSet). */
export const MENOPAUSE_ANSWERS: CodeTable<'pre' | 'post' | 'unknown'> = {
  snomed: { '22636003': 'pre', '76498008': 'post', '261665006': 'unknown' },
};

/** Histology: SNOMED morphology and ICD-O-3 morphology (without the /3 behaviour). */
export const HISTOLOGY_SNOMED: Record<string, HistologicType> = {
  '82711006': 'ductal', // Infiltrating duct carcinoma (mCODE Jenny M)
  '408643008': 'ductal', // Infiltrating duct carcinoma of breast (a Condition.code in the wild)
};

/** Condition codes that name a breast cancer, beyond ICD-10-CM C50 (SNOMED CT). */
export const BREAST_CANCER_SNOMED: Record<string, true> = {
  '254837009': true, // Malignant neoplasm of breast (Synthea, mCODE)
  '353431000119107': true, // Primary malignant neoplasm of female left breast (mCODE)
  '408643008': true, // Infiltrating duct carcinoma of breast
};

/** Generic cancer codes that name a breast cancer only with a breast body site. */
export const GENERIC_CANCER_SNOMED: Record<string, true> = {
  '363346000': true, // Malignant neoplastic disease
  '372087000': true, // Primary malignant neoplasm
  '68453008': true, // Carcinoma (morphologic abnormality)
};

/** Breast body structures (SNOMED CT), either side or unsided. */
export const BREAST_SITE_SNOMED: Record<string, true> = {
  '76752008': true, // Breast structure
  '80248007': true, // Left breast structure
  '73056007': true, // Right breast structure
};
/**
 * ICD-O-3 morphology (WHO ICD-O-3.2). 8500 and 8520 are verified in §1; 8522 (duct and lobular)
 * is flagged "not verified" there but is the standard ICD-O-3 code; the "other" rows are the
 * standard codes of the special breast carcinoma types.
 */
export const HISTOLOGY_ICDO3: Record<string, HistologicType> = {
  '8500': 'ductal',
  '8520': 'lobular',
  '8522': 'mixed',
  '8480': 'other', // mucinous
  '8211': 'other', // tubular
  '8510': 'other', // medullary
  '8507': 'other', // invasive micropapillary
  '8201': 'other', // cribriform
  '8575': 'other', // metaplastic
};

/** Laterality: mCODE LateralityQualifierVS and pre-coordinated breast structures (§1, §3). */
export const LATERALITY_SNOMED: Record<string, Side | 'both'> = {
  '7771000': 'left',
  '24028007': 'right',
  '51440002': 'both',
  '80248007': 'left', // Left breast structure
  '73056007': 'right', // Right breast structure
  '353431000119107': 'left', // Primary malignant neoplasm of female left breast (mCODE Condition.code)
};

/** Quadrant body structures (§3 SNOMED table; MII examples). Some IGs swap the first two — see §1. */
export const QUADRANT_SNOMED: Record<string, Quadrant> = {
  '76365002': 'UOQ',
  '77831004': 'UIQ',
  '33564002': 'LOQ',
  '19100000': 'LIQ',
};

/** ICD-O-3 topography C50.x and the 4th character of ICD-10-CM C50.xyz (§1 Quadrant row). 0 nipple and 9 NOS give no quadrant. */
export const QUADRANT_BY_C50_DIGIT: Record<string, Quadrant> = {
  '1': 'central',
  '2': 'UIQ',
  '3': 'LIQ',
  '4': 'UOQ',
  '5': 'LOQ',
  '6': 'axillary-tail',
  '8': 'overlapping',
};

/** Procedures (§1 SLNB row; Synthea; mCODE). */
export const PROCEDURE_SNOMED = {
  sentinelNodeBiopsy: '396487001',
  sentinelNodeExcision: '443497002', // Excision of sentinel lymph node (Synthea, after 396487001)
  axillaryDissection: '234262008',
  breastExcision: '69031006', // Excision of breast tissue (Synthea): a breast surgery of unstated extent
  chemotherapy: '367336001', // Chemotherapy (procedure) — SNOMED CT; not in the public IG tables (docs/fhir-mapping.md §1)
} as const;
export const BREAST_CONSERVING_SNOMED: Record<string, true> = {
  '392021009': true, // Lumpectomy of breast (§1)
  '64368001': true, // Partial mastectomy (mCODE Jenny M)
};

/** Pathology DiagnosticReport / DocumentReference recognition (§5 "Query strategy", §3, §4). */
export const PATHOLOGY_REPORT_CODES: Record<string, true> = {
  '11529-5': true, // Surgical pathology study
  '60568-3': true, // Pathology Synoptic report
  '22637-3': true, // Pathology report final diagnosis Narrative
  '11526-1': true, // Pathology study
};
export const PATHOLOGY_CATEGORY = {
  loinc: 'LP7839-6', // US Core DiagnosticReport category "Pathology"
  v2: ['SP', 'LAB'] as const, // v2-0074 Surgical Pathology, Laboratory
} as const;

/**
 * Why a systemic agent before surgery may not mean neoadjuvant therapy of this cancer: chemotherapy
 * and HER2-directed agents are read as given; endocrine, CDK4/6 and PI3K/mTOR agents also treat
 * other conditions (leuprolide in prostate cancer, methotrexate in arthritis), so they count only
 * with a breast-cancer reason.
 */
export type AgentClass =
  'chemotherapy' | 'her2' | 'immunotherapy' | 'endocrine' | 'cdk46' | 'pi3k-mtor' | 'antimetabolite-other-uses';

export interface SystemicAgent {
  /** Generic name, as shown in provenance notes. */
  name: string;
  class: AgentClass;
  /** Other words that name the agent in medication text: brand names and abbreviations. */
  aliases: readonly string[];
}

/**
 * Systemic anticancer agents used in breast cancer, matched in medication text by generic name,
 * brand name or abbreviation (whole words), or by the RxNorm codes below.
 */
export const SYSTEMIC_AGENTS: readonly SystemicAgent[] = [
  { name: 'doxorubicin', class: 'chemotherapy', aliases: ['adriamycin'] },
  { name: 'epirubicin', class: 'chemotherapy', aliases: ['ellence'] },
  { name: 'cyclophosphamide', class: 'chemotherapy', aliases: ['cytoxan'] },
  { name: 'paclitaxel', class: 'chemotherapy', aliases: ['taxol', 'abraxane'] },
  { name: 'docetaxel', class: 'chemotherapy', aliases: ['taxotere'] },
  { name: 'carboplatin', class: 'chemotherapy', aliases: ['paraplatin'] },
  { name: 'cisplatin', class: 'chemotherapy', aliases: [] },
  { name: 'capecitabine', class: 'chemotherapy', aliases: ['xeloda'] },
  { name: 'fluorouracil', class: 'chemotherapy', aliases: ['5-fu', '5-fluorouracil'] },
  { name: 'gemcitabine', class: 'chemotherapy', aliases: ['gemzar'] },
  { name: 'methotrexate', class: 'antimetabolite-other-uses', aliases: [] },
  { name: 'trastuzumab', class: 'her2', aliases: ['herceptin'] },
  { name: 'pertuzumab', class: 'her2', aliases: ['perjeta'] },
  { name: 'ado-trastuzumab emtansine', class: 'her2', aliases: ['kadcyla', 't-dm1', 'tdm-1'] },
  { name: 'lapatinib', class: 'her2', aliases: ['tykerb'] },
  { name: 'neratinib', class: 'her2', aliases: ['nerlynx'] },
  { name: 'pembrolizumab', class: 'immunotherapy', aliases: ['keytruda'] },
  { name: 'tamoxifen', class: 'endocrine', aliases: ['nolvadex', 'soltamox'] },
  { name: 'letrozole', class: 'endocrine', aliases: ['femara'] },
  { name: 'anastrozole', class: 'endocrine', aliases: ['arimidex'] },
  { name: 'exemestane', class: 'endocrine', aliases: ['aromasin'] },
  { name: 'fulvestrant', class: 'endocrine', aliases: ['faslodex'] },
  { name: 'goserelin', class: 'endocrine', aliases: ['zoladex'] },
  { name: 'leuprolide', class: 'endocrine', aliases: ['leuprorelin', 'lupron', 'eligard'] },
  { name: 'palbociclib', class: 'cdk46', aliases: ['ibrance'] },
  { name: 'ribociclib', class: 'cdk46', aliases: ['kisqali'] },
  { name: 'abemaciclib', class: 'cdk46', aliases: ['verzenio'] },
  { name: 'alpelisib', class: 'pi3k-mtor', aliases: ['piqray'] },
  { name: 'everolimus', class: 'pi3k-mtor', aliases: ['afinitor'] },
];

/** Classes that count as neoadjuvant therapy only when the medication names a breast-cancer reason. */
export const NEEDS_BREAST_CANCER_REASON: ReadonlySet<AgentClass> = new Set([
  'endocrine',
  'cdk46',
  'pi3k-mtor',
  'antimetabolite-other-uses',
]);

/**
 * RxNorm codes of Synthea's breast-cancer module (synthetichealth/synthea,
 * src/main/resources/modules/breast_cancer/*.json: clinical drugs and the brand concepts of older
 * releases) → generic name of SYSTEMIC_AGENTS. Bone agents (zoledronic acid, denosumab,
 * pamidronate) are not systemic anticancer therapy and are left out.
 */
export const SYSTEMIC_AGENT_RXNORM: Record<string, string> = {
  '1734919': 'cyclophosphamide', // Cyclophosphamide 1000 MG Injection
  '597195': 'carboplatin', // Carboplatin 10 MG/ML Injectable Solution
  '1791701': 'fluorouracil', // 10 ML Fluorouracil 50 MG/ML Injection
  '1790099': 'doxorubicin', // 10 ML Doxorubicin Hydrochloride 2 MG/ML Injection
  '1732186': 'epirubicin', // 100 ML Epirubicin Hydrochloride 2 MG/ML Injection
  '583214': 'paclitaxel', // Paclitaxel 100 MG Injection
  '727762': 'fulvestrant', // 5 ML fulvestrant 50 MG/ML Prefilled Syringe
  '203870': 'fulvestrant', // Faslodex
  '200064': 'letrozole', // letrozole 2.5 MG Oral Tablet
  '203769': 'letrozole', // Femara
  '199224': 'anastrozole', // anastrozole 1 MG Oral Tablet
  '262485': 'anastrozole', // Arimidex
  '310261': 'exemestane', // exemestane 25 MG Oral Tablet
  '262105': 'exemestane', // Aromasin
  '198240': 'tamoxifen', // Tamoxifen 10 MG Oral Tablet
  '10324': 'tamoxifen', // Tamoxifen (ingredient)
  '1658084': 'ado-trastuzumab emtansine', // ado-trastuzumab emtansine 100 MG Injection
  '1371046': 'ado-trastuzumab emtansine', // Kadcyla
  '672149': 'lapatinib', // lapatinib 250 MG Oral Tablet
  '659616': 'lapatinib', // Tykerb
  '1940648': 'neratinib', // neratinib 40 MG Oral Tablet
  '1940649': 'neratinib', // Nerlynx
  '2119714': 'trastuzumab', // 5 ML hyaluronidase-oysk 2000 UNT/ML / trastuzumab 120 MG/ML Injection
  '101306': 'trastuzumab', // Herceptin
  '1298949': 'pertuzumab', // Perjeta
  '1946840': 'abemaciclib', // Verzenio 100 MG Oral Tablet
  '1601380': 'palbociclib', // palbociclib 100 MG Oral Capsule
  '1873983': 'ribociclib', // ribociclib 200 MG Oral Tablet
};

/**
 * AJCC 8th categories as SNOMED CT (§3 "AJCC categories as SNOMED", from the CMS EOM IG breast
 * columns and mCODE examples), written as the AJCC string they stand for.
 */
export const TNM_SNOMED: Record<string, string> = {
  // cT
  '1222604002': 'cTX',
  '1228882005': 'cT0',
  '1228885007': 'cTis',
  '1228888009': 'cTis',
  '1228889001': 'cT1',
  '1228891009': 'cT1mi',
  '1228892002': 'cT1a',
  '1228895000': 'cT1b',
  '1228899006': 'cT1c',
  '1228929004': 'cT2',
  '1228938002': 'cT3',
  '1228944003': 'cT4',
  '1228945002': 'cT4a',
  '1228946001': 'cT4b',
  '1228947005': 'cT4c',
  '1228948000': 'cT4d',
  // cN
  '1229966003': 'cNX',
  '1229967007': 'cN0',
  '1229973008': 'cN1',
  '1229974002': 'cN1mi',
  '1229978004': 'cN2',
  '1229981009': 'cN2a',
  '1229982002': 'cN2b',
  '1229984001': 'cN3',
  '1229985000': 'cN3a',
  '1229986004': 'cN3b',
  '1229987008': 'cN3c',
  // pT
  '1228950008': 'pTX',
  '1228951007': 'pT0',
  '1228954004': 'pTis',
  '1228956002': 'pTis',
  '1228957006': 'pT1',
  '1228958001': 'pT1mi',
  '1228959009': 'pT1a',
  '1228962007': 'pT1b',
  '1229846008': 'pT1c',
  '1229852009': 'pT2',
  '1229859000': 'pT3',
  // pN
  '1229945006': 'pNX',
  '1229947003': 'pN0',
  '1229949000': 'pN0(i+)',
  '1229950000': 'pN0(mol+)',
  '1229951001': 'pN1',
  '1229952008': 'pN1mi',
  '1229953003': 'pN1a(sn)', // as listed by the EOM IG; unverified (§9)
  '1229954009': 'pN1a',
  '1229955005': 'pN1b',
  '1229956006': 'pN1c',
  '1229957002': 'pN2',
  '1229959004': 'pN2a',
  '1229960009': 'pN2b',
  '1229962001': 'pN3',
  '1229963006': 'pN3a',
  '1229964000': 'pN3b',
  '1229965004': 'pN3c',
  // Legacy "T/N category (finding)" codes without a clinical/pathologic axis (Synthea, §1).
  '23351008': 'T1',
  '67673008': 'T2',
  '62455006': 'N0',
  '53623008': 'N1',
};
