// Every sandbox patient's card fits the CDS Hooks limits: a summary under 140 characters and a
// detail of at most eight Markdown lines with no table, the app reached through `links[]`.
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../src/cds/cards.ts';
import { DETAIL_MAX_LINES } from '../../src/cds/markdown.ts';
import { assessResources } from '../../src/pipeline.ts';
import { loadAllScenarios } from '../../src/sandbox/patients/index.ts';

const ctx = {
  hook: 'order-select' as const,
  hookInstance: 'h1',
  source: { label: 'Nodal Risk', url: 'http://app/', topic: { system: 's', code: 'c', display: 'd' } },
  appLaunchUrl: 'http://app/launch.html',
};

describe('CDS card of every sandbox patient', () => {
  for (const s of loadAllScenarios()) {
    it(s.name, () => {
      const a = assessResources(s.resources, { patientId: s.patientId, now: new Date('2026-06-01T00:00:00Z') });
      const card = renderCard(a, ctx);
      expect([...card.summary].length).toBeLessThan(140);
      const lines = card.detail.split('\n');
      expect(lines.length).toBeLessThanOrEqual(DETAIL_MAX_LINES);
      expect(lines.every((l) => l.trim() !== '')).toBe(true);
      expect(card.detail).not.toMatch(/^\|/m);
      expect(card.links).toEqual([expect.objectContaining({ type: 'smart', label: 'Open Nodal Risk' })]);
      // A number, a range or a stated reason leads the detail.
      expect(lines[0]).toMatch(/\d+(\.\d)?%|not computed|no percentage published|No nodal risk model applies/);
    });
  }
});
