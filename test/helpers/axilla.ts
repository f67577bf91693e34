// A patient's sentinel node biopsy (2024-03-01) and completion axillary dissection (2024-03-20) as
// US Core records: SNOMED CT Procedures 396487001 / 234262008 and Specimens with their collection
// date and notes. Shared by the tests of what belongs to the dissection rather than the sentinel nodes.
export const SNOMED = 'http://snomed.info/sct';
export const subject = { reference: 'Patient/p' };
export const patient = { resourceType: 'Patient', id: 'p', gender: 'female', birthDate: '1961-04-02' };

export const procedure = (id: string, code: string, display: string, date: string) => ({
  resourceType: 'Procedure',
  id,
  status: 'completed',
  code: { coding: [{ system: SNOMED, code, display }], text: display },
  subject,
  performedDateTime: date,
});
export const slnb = procedure('slnb', '396487001', 'Sentinel lymph node biopsy (procedure)', '2024-03-01T09:40:00Z');
export const alnd = procedure(
  'alnd',
  '234262008',
  'Excision of axillary lymph node (procedure)',
  '2024-03-20T10:00:00Z',
);

export const specimen = (id: string, note: string, collected: string) => ({
  resourceType: 'Specimen',
  id,
  status: 'available',
  subject,
  collection: { collectedDateTime: collected },
  note: [{ text: note }],
});
export const slnSpecimen = specimen('spec-sln', 'LEFT AXILLARY SENTINEL LYMPH NODE(S)', '2024-03-01T09:40:00Z');
export const alndSpecimen = specimen(
  'spec-alnd',
  'LEFT AXILLARY CONTENTS, COMPLETION DISSECTION',
  '2024-03-20T10:00:00Z',
);
