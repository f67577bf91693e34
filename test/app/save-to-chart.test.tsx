// @vitest-environment happy-dom
import type { DocumentReference, RiskAssessment } from '@medplum/fhirtypes';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AssessmentView } from '../../src/app/components/AssessmentView.tsx';
import type { WriteBack } from '../../src/app/components/SaveToChart.tsx';
import { FhirHttpError } from '../../src/app/load/errors.ts';
import { createdReference, type CreateResponse, type WritableResource } from '../../src/app/record/save.ts';
import { saveBranch } from '../../src/app/record/branch.ts';
import { emptyFacts, present, type ClinicalFacts } from '../../src/domain/facts.ts';
import { cardProps, untilCardSettled } from '../helpers/card.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const obs = (id: string) => [{ reference: `Observation/${id}`, date: '2026-03-02' }];

/** docs/models.md MSKCC check vector A: MSKCC 32%, Sun Yat-sen ×9.15. */
function recordFacts(): ClinicalFacts {
  const f = emptyFacts();
  f.tumorSizeMm = present(20, 'fhir', obs('size'));
  f.histologicType = present('ductal', 'fhir', obs('hist'));
  f.nuclearGrade = present(2, 'fhir', obs('grade'));
  f.erStatus = present('positive', 'fhir', obs('er'));
  f.slnExamined = present(2, 'fhir', obs('slnex'));
  f.slnPositive = present(1, 'fhir', obs('slnpos'));
  f.slnItcOnly = present(0, 'fhir', obs('slnitc'));
  f.lvi = present(false, 'fhir', obs('lvi'));
  f.multifocal = present(false, 'fhir', obs('mf'));
  f.detectionMethod = present('frozen-section', 'fhir', obs('fs'));
  f.nodalBurden = present('macro', 'fhir', obs('pn'));
  f.axillaryUltrasoundSuspicious = present(false, 'fhir', obs('us'));
  f.clinicalT = present('cT1', 'fhir', obs('ct'));
  return f;
}

/** A fake FHIR create: resolves when the test says so, numbering ids like a server. */
function fakeServer() {
  const received: any[] = [];
  const pending: (() => void)[] = [];
  let fail: FhirHttpError | undefined;
  const create = vi.fn((r: WritableResource): Promise<CreateResponse> => {
    received.push(r);
    const id = `${r.resourceType === 'RiskAssessment' ? 'ra' : 'doc'}${received.length}`;
    return new Promise((resolve, reject) =>
      pending.push(() =>
        fail ? reject(fail) : resolve({ location: `http://ehr.test/fhir/${r.resourceType}/${id}/_history/1` }),
      ),
    );
  });
  return {
    received,
    create,
    failWith(e: FhirHttpError) {
      fail = e;
    },
    /** Lets every request sent so far (and those that follow them) complete. */
    async flush() {
      for (let i = 0; i < 10; i++) {
        await act(async () => {
          pending.splice(0).forEach((f) => f());
          await Promise.resolve();
        });
      }
    },
  };
}

/** The card, once its details and "Save to chart" (loaded after the card paints) are in place. */
async function renderCard(writeBack?: WriteBack) {
  const view = render(
    <AssessmentView
      {...cardProps(recordFacts())}
      printPatient={{ name: 'Maria Jensen', birthDate: '1968-04-12', gender: 'female' }}
      {...(writeBack ? { writeBack } : {})}
    />,
  );
  // The sections below the estimates, and Save to chart, load in their own chunks after the card paints.
  await untilCardSettled();
  if (writeBack)
    await waitFor(() => expect(document.querySelector('.save-to-chart, .save-result')).not.toBeNull(), {
      timeout: 10_000,
    });
  return view;
}

const saveButton = () =>
  screen.getByRole('button', { name: /Save to chart|Saving…|Saved to chart/ }) as HTMLButtonElement;

describe('Save to chart', () => {
  it('is not offered without write-back (scope not granted); Print is', async () => {
    await renderCard();
    expect(screen.queryByRole('button', { name: 'Save to chart' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Print / Download PDF' })).toBeTruthy();
  });

  it('writes one RiskAssessment per computed model, once for a double click, then confirms the created ids', async () => {
    const server = fakeServer();
    await renderCard({
      branch: { kind: 'risk-assessment' },
      create: server.create,
      patientReference: 'Patient/p1',
      performer: 'Practitioner/dr-rivera',
    });
    fireEvent.click(saveButton());
    fireEvent.click(saveButton());
    expect(saveButton().disabled).toBe(true);
    expect(saveButton().textContent).toBe('Saving…');
    await server.flush();
    fireEvent.click(saveButton());
    await server.flush();
    expect(server.create).toHaveBeenCalledTimes(2);
    expect(server.received.map((r) => r.method?.coding?.[0]?.code)).toEqual(['mskcc-nsn', 'sysu-pn2']);
    expect(server.received[0]?.subject).toEqual({ reference: 'Patient/p1' });
    expect(server.received[0]?.performer).toEqual({ reference: 'Practitioner/dr-rivera' });
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('RiskAssessment/ra1 (MSKCC non-sentinel node nomogram)');
    expect(status.textContent).toContain('RiskAssessment/ra2 (Sun Yat-sen Memorial nomogram');
    expect(saveButton().textContent).toBe('Saved to chart');
    expect(saveButton().disabled).toBe(true);
  });

  it('writes the what-if edits shown on the card, recorded in the note, and can save again after an edit', async () => {
    const server = fakeServer();
    await renderCard({ branch: { kind: 'risk-assessment' }, create: server.create, patientReference: 'Patient/p1' });
    fireEvent.click(saveButton());
    await server.flush();
    fireEvent.click(screen.getByRole('button', { name: 'Edit Lymphovascular invasion' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Lymphovascular invasion' }), { target: { value: 'true' } });
    expect(screen.getByText(/The inputs have changed since/)).toBeTruthy();
    expect(saveButton().disabled).toBe(false);
    fireEvent.click(saveButton());
    await server.flush();
    expect(server.create).toHaveBeenCalledTimes(4);
    const edited = server.received[2] as RiskAssessment;
    expect(edited.prediction?.[0]?.probabilityDecimal).toBeCloseTo(0.4486, 3);
    expect(edited.note?.[0]?.text).toContain(
      'Lymphovascular invasion: yes (edited by the clinician; the record said no)',
    );
    expect(edited.performer).toBeUndefined();
  });

  it('on failure leaves the card as it was, says why, and a retry sends only what was not created', async () => {
    const server = fakeServer();
    await renderCard({ branch: { kind: 'risk-assessment' }, create: server.create, patientReference: 'Patient/p1' });
    const before = within(screen.getByRole('region', { name: 'Estimates' })).getByText('32%');
    server.failWith(new FhirHttpError(403));
    fireEvent.click(saveButton());
    await server.flush();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(
      'Not saved: the EHR did not allow saving a RiskAssessment (permission not granted)',
    );
    expect(alert.textContent).toContain('The card is unchanged');
    expect(within(screen.getByRole('region', { name: 'Estimates' })).getByText('32%')).toBe(before);
    expect(saveButton().disabled).toBe(false);
    expect(server.create).toHaveBeenCalledTimes(1);
  });

  it('reports a partial save and retries only the rest', async () => {
    const server = fakeServer();
    let calls = 0;
    const create = vi.fn(async (r: WritableResource) => {
      calls++;
      if (calls === 2) throw new FhirHttpError(500);
      return server.create(r).then(() => ({ body: { resourceType: 'RiskAssessment', id: `x${calls}` } }));
    });
    await renderCard({ branch: { kind: 'risk-assessment' }, create, patientReference: 'Patient/p1' });
    fireEvent.click(saveButton());
    await server.flush();
    expect(screen.getByRole('alert').textContent).toContain(
      'Saved RiskAssessment/x1; the rest was not saved: the EHR answered HTTP 500',
    );
    fireEvent.click(saveButton());
    await server.flush();
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('RiskAssessment/x1 (MSKCC'));
    expect(screen.getByRole('status').textContent).toContain('RiskAssessment/x3 (Sun Yat-sen');
    expect(server.received.map((r) => r.method?.coding?.[0]?.code)).toEqual(['mskcc-nsn', 'sysu-pn2']);
  });
});

describe('Save to chart by what the EHR takes', () => {
  const cs = (creatable: string[]) => ({
    resourceType: 'CapabilityStatement',
    rest: [
      {
        mode: 'server',
        resource: ['RiskAssessment', 'DocumentReference'].map((type) => ({
          type,
          interaction: [{ code: 'read' }, ...(creatable.includes(type) ? [{ code: 'create' }] : [])],
        })),
      },
    ],
  });
  const scope = 'launch patient/*.rs patient/RiskAssessment.c patient/DocumentReference.c';

  it('chooses RiskAssessment where declared and granted, else a DocumentReference note, else none with the reason', () => {
    expect(
      saveBranch({
        enabled: true,
        capabilityStatement: cs(['RiskAssessment', 'DocumentReference']),
        grantedScope: scope,
      }),
    ).toEqual({ kind: 'risk-assessment' });
    expect(saveBranch({ enabled: true, capabilityStatement: cs(['DocumentReference']), grantedScope: scope })).toEqual({
      kind: 'document-reference',
    });
    expect(
      saveBranch({ enabled: true, capabilityStatement: cs(['RiskAssessment']), grantedScope: 'launch patient/*.rs' }),
    ).toEqual({
      kind: 'none',
      reason: 'the EHR did not grant Nodal Risk permission to save',
    });
    expect(saveBranch({ enabled: true, capabilityStatement: cs([]), grantedScope: scope })).toEqual({
      kind: 'none',
      reason: 'this EHR accepts neither a RiskAssessment nor a clinical note (DocumentReference) from apps',
    });
    expect(saveBranch({ enabled: true, capabilityStatement: undefined, grantedScope: scope }).kind).toBe('none');
    expect(saveBranch({ enabled: false, capabilityStatement: cs(['RiskAssessment']), grantedScope: scope }).kind).toBe(
      'none',
    );
  });

  it('writes one clinical note (LOINC consult note) with inputs, sources and results where the EHR takes no RiskAssessment', async () => {
    const server = fakeServer();
    await renderCard({
      branch: { kind: 'document-reference' },
      create: server.create,
      patientReference: 'Patient/p1',
      performer: 'Practitioner/dr-rivera',
    });
    const button = screen.getByRole('button', { name: 'Save note to chart' });
    fireEvent.click(button);
    fireEvent.click(button);
    // The note writer is loaded on demand before the one request goes out.
    await waitFor(() => expect(server.create).toHaveBeenCalled(), { timeout: 10_000 });
    await server.flush();
    expect(server.create).toHaveBeenCalledTimes(1);
    const note = server.received[0] as DocumentReference;
    expect(note.resourceType).toBe('DocumentReference');
    expect(note.type?.coding?.[0]).toMatchObject({ system: 'http://loinc.org', code: '11488-4' });
    expect(note.subject).toEqual({ reference: 'Patient/p1' });
    expect(note.author).toEqual([{ reference: 'Practitioner/dr-rivera' }]);
    expect(note.context?.related).toContainEqual({ reference: 'Observation/size' });
    const text = Buffer.from(note.content[0]!.attachment.data ?? '', 'base64').toString('utf8');
    // The numbers the card shows for these inputs (vector A of the model tests): MSKCC 32%, Sun Yat-sen ×9.15.
    expect(text).toContain('MSKCC non-sentinel node nomogram: ');
    expect(text).toMatch(/MSKCC non-sentinel node nomogram: .*: 32%/);
    expect(text).toContain('relative odds ×9.15');
    expect(text).toContain('- Pathologic tumour size: 20 mm (EHR data, Observation/size)');
    expect(screen.getByRole('status').textContent).toContain('DocumentReference/doc1');
  });

  it('offers no save button where the EHR takes neither, says why and points to print', async () => {
    await renderCard({
      branch: {
        kind: 'none',
        reason: 'this EHR accepts neither a RiskAssessment nor a clinical note (DocumentReference) from apps',
      },
      create: vi.fn(),
      patientReference: 'Patient/p1',
    });
    expect(screen.queryByRole('button', { name: /Save/ })).toBeNull();
    expect(screen.getByRole('note').textContent).toBe(
      'Not saved to the chart: this EHR accepts neither a RiskAssessment nor a clinical note (DocumentReference) from apps. Use Print / Download PDF to keep a copy.',
    );
  });
});

describe('printable summary', () => {
  it('prints through the browser, with a print-only header naming the patient, date and version', async () => {
    const print = vi.fn();
    vi.stubGlobal('print', print);
    await renderCard();
    fireEvent.click(screen.getByRole('button', { name: 'Print / Download PDF' }));
    expect(print).toHaveBeenCalledTimes(1);
    const header = document.querySelector('.print-only.print-header') as HTMLElement;
    expect(header.textContent).toContain('Maria Jensen · born 1968-04-12');
    expect(header.textContent).toContain('Patient/p1');
    expect(header.textContent).toContain('Generated 2026-11-21 10:00 UTC · Nodal Risk 0.1.0');
    vi.unstubAllGlobals();
  });
});

describe('createdReference', () => {
  it('reads the id from Location (with or without _history) or from the returned resource', () => {
    expect(createdReference('RiskAssessment', { location: 'http://x/fhir/RiskAssessment/7/_history/1' })).toBe(
      'RiskAssessment/7',
    );
    expect(createdReference('RiskAssessment', { location: 'RiskAssessment/abc-1' })).toBe('RiskAssessment/abc-1');
    expect(createdReference('RiskAssessment', { body: { resourceType: 'RiskAssessment', id: 'b2' } })).toBe(
      'RiskAssessment/b2',
    );
    expect(createdReference('RiskAssessment', { location: 'http://x/fhir/Observation/1' })).toBeUndefined();
  });
});

describe('printed sources', () => {
  it('cites each input source as a numbered note, with one legend listing every resource once', async () => {
    await renderCard();
    const legend = screen.getByRole('list', { name: 'Sources', hidden: true });
    const items = within(legend)
      .getAllByRole('listitem', { hidden: true })
      .map((li) => li.textContent);
    expect(items[0]).toBe('[1] Observation/size (2026-03-02)');
    expect(new Set(items).size).toBe(items.length);
    const marks = (document.getElementById('input-slnNegative') as HTMLElement).querySelector(
      '.source-ref',
    )?.textContent;
    expect(marks).toMatch(/^\[\d+(, \d+)*\]$/);
  });
});
