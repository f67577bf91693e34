// The DocumentReference note (write-back where a server takes notes but not RiskAssessments): each
// model's line says what the card says, on every sandbox scenario.
import { describe, expect, it } from 'vitest';
import { binariesIn } from '../../src/cli/read-resources.ts';
import { clinicalNoteFor, noteText } from '../../src/fhir/writeback-note.ts';
import { assessResources } from '../../src/pipeline.ts';
import { loadAllScenarios } from '../../src/sandbox/patients/index.ts';

const ctx = { patientReference: 'Patient/x', now: new Date('2026-12-01T10:00:00Z'), appVersion: '0.1.0' };

describe('clinical note text', () => {
  for (const s of loadAllScenarios()) {
    it(s.name, () => {
      const a = assessResources(s.resources, {
        patientId: s.patientId,
        now: ctx.now,
        binaries: binariesIn(s.resources),
      });
      const text = noteText(a, { ...ctx, patientReference: `Patient/${s.patientId}` });
      for (const m of a.models) {
        const line = text.split('\n').find((l) => l.startsWith(`- ${m.title}:`));
        expect(line, m.id).toBeDefined();
        if (m.result === 'probability' || m.result === 'range') expect(line).toContain(m.display);
        if (m.result === 'range') expect(line).toMatch(/depending on /);
        if (m.result === 'not-applicable') expect(line).toContain(m.reason);
        // Relative odds are never a percentage; an observed rate is the only percent on that line.
        if (m.result === 'relative-odds' && m.relativeOdds !== null)
          expect(line).toMatch(/relative odds ×[\d.]+ vs the model's reference patient \(not a probability\)/);
      }
      const note = clinicalNoteFor(a, ctx);
      if (note)
        expect(Buffer.from(note.content[0]!.attachment.data!, 'base64').toString('utf8')).toBe(noteText(a, ctx));
    });
  }
});
