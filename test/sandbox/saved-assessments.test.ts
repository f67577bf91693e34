// The launcher lists saved RiskAssessments (escaped); deny-scope:RiskAssessment takes the create grant away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/server.ts';
import { launchToToken, start } from './helpers.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(async () => {
  await sb.close();
});

describe('saved risk assessments on the launcher', () => {
  it('lists what was posted for each patient, newest first, with EHR-side strings escaped', async () => {
    const t = await launchToToken(sb, { patient: 'two-macro', scope: 'launch patient/RiskAssessment.c' });
    const post = (body: object) =>
      fetch(`${sb.fhirBase}/RiskAssessment`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${String(t.access_token)}`, 'Content-Type': 'application/fhir+json' },
        body: JSON.stringify({
          resourceType: 'RiskAssessment',
          status: 'final',
          subject: { reference: 'Patient/two-macro' },
          ...body,
        }),
      });
    expect(
      (
        await post({
          occurrenceDateTime: '2026-01-01T00:00:00Z',
          method: { text: 'Older' },
          prediction: [{ probabilityDecimal: 0.2 }],
        })
      ).status,
    ).toBe(201);
    const res = await post({
      occurrenceDateTime: '2026-02-01T00:00:00Z',
      method: { coding: [{ code: 'x', display: '<script>alert(1)</script>' }] },
      prediction: [{ qualitativeRisk: { text: 'relative odds ×9.15 vs the reference patient' } }],
      note: [{ text: '<img src=x onerror=alert(1)>' }],
    });
    expect(res.status).toBe(201);
    const page = await (await fetch(`${sb.ehrOrigin}/`)).text();
    const row = page.slice(
      page.indexOf('id="patient-two-macro"'),
      page.indexOf('</tr>', page.indexOf('id="patient-two-macro"')),
    );
    expect(row).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(row).toContain('&#60;img src&#61;x onerror&#61;alert(1)&#62;');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(row).toContain('relative odds ×9.15 vs the reference patient');
    expect(row.indexOf('&#60;script')).toBeLessThan(row.indexOf('Older'));
    expect(row).toContain('20%');
    const other = page.slice(page.indexOf('id="patient-micrometastasis"'));
    expect(other.slice(0, other.indexOf('</tr>'))).toContain('None saved');
  });

  it('deny-scope:RiskAssessment grants everything asked except RiskAssessment, so a create is refused', async () => {
    const t = await launchToToken(sb, {
      patient: 'macro-z0011',
      scope: 'launch patient/Observation.rs patient/RiskAssessment.c',
      fault: 'deny-scope:RiskAssessment',
    });
    expect(String(t.scope).split(' ')).toEqual(['launch', 'patient/Observation.rs']);
    const res = await fetch(`${sb.fhirBase}/RiskAssessment`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${String(t.access_token)}`, 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'RiskAssessment',
        status: 'final',
        subject: { reference: 'Patient/macro-z0011' },
      }),
    });
    expect(res.status).toBe(403);
  });
});
