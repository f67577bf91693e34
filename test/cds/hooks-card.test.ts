// The service's card is the CDS Hooks card the sandbox EHR receives: one type, and at run time only
// the fields the specification defines (an EHR may reject a card with fields it does not know).
import { describe, expect, it } from 'vitest';
import { renderCard, type Card } from '../../src/cds/cards.ts';
import type { CdsCard } from '../../src/cds/hooks-card.ts';
import { assessResources } from '../../src/pipeline.ts';
import { loadAllScenarios } from '../../src/sandbox/patients/index.ts';

const CARD_FIELDS = [
  'uuid',
  'summary',
  'detail',
  'indicator',
  'source',
  'suggestions',
  'selectionBehavior',
  'overrideReasons',
  'links',
];
const SOURCE_FIELDS = ['label', 'url', 'icon', 'topic'];
const LINK_FIELDS = ['label', 'url', 'type', 'appContext', 'autolaunchable'];

describe('the CDS Hooks card', () => {
  it('every sandbox card has only the fields of the specification', () => {
    for (const s of loadAllScenarios()) {
      const a = assessResources(s.resources, { patientId: s.patientId, now: new Date('2026-06-01T00:00:00Z') });
      const card: Card = renderCard(a, {
        hook: 'order-select',
        hookInstance: 'h1',
        source: { label: 'Nodal Risk', url: 'http://app/', topic: { system: 's', code: 'c', display: 'd' } },
        appLaunchUrl: 'http://app/launch.html',
      });
      const received: CdsCard = card; // what the sandbox EHR's client reads, without a cast
      expect(CARD_FIELDS).toEqual(expect.arrayContaining(Object.keys(received)));
      expect(SOURCE_FIELDS).toEqual(expect.arrayContaining(Object.keys(received.source)));
      for (const link of received.links ?? []) expect(LINK_FIELDS).toEqual(expect.arrayContaining(Object.keys(link)));
      expect(['info', 'warning', 'critical']).toContain(received.indicator);
    }
  });
});
