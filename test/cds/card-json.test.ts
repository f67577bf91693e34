// The service answers with card text built from a part serialised once per assessment: it must be
// the very text JSON.stringify gives of the card object, for every sandbox card and call context.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cardContent, cardJson, cardText, finishCard, type CardContext } from '../../src/cds/cards.ts';
import { assessResources } from '../../src/pipeline.ts';
import { loadAllScenarios } from '../../src/sandbox/patients/index.ts';

const SOURCE = { label: 'Nodal Risk', url: 'http://app/', topic: { system: 's', code: 'c', display: 'd' } };

const CONTEXTS: CardContext[] = [
  {
    hook: 'order-select',
    hookInstance: 'h1',
    orders: ['ServiceRequest/a1'],
    source: SOURCE,
    appLaunchUrl: 'http://app/l',
  },
  {
    hook: 'order-sign',
    hookInstance: 'a "quoted" \\ \u2028 id',
    orders: [],
    source: SOURCE,
    appLaunchUrl: 'http://app/l',
  },
  // An empty display and launch URL are pruned from the card object: from the text too.
  {
    hook: 'patient-view',
    hookInstance: randomUUID(),
    source: { ...SOURCE, topic: { ...SOURCE.topic, display: '' } },
    appLaunchUrl: '',
  },
];

describe('card JSON text', () => {
  it('is JSON.stringify of finishCard for every sandbox card and context', () => {
    for (const s of loadAllScenarios()) {
      const a = assessResources(s.resources, { patientId: s.patientId, now: new Date('2026-06-01T00:00:00Z') });
      for (const ctx of CONTEXTS) {
        const content = cardContent(a, ctx.hook);
        const card = finishCard(content, ctx);
        expect(cardJson(cardText(content, ctx), ctx, card.uuid)).toBe(JSON.stringify(card));
      }
    }
  });

  it('keeps a detail with markdown, quotes and line breaks, and draws a fresh uuid per call', () => {
    const content = { summary: 'S "1"', detail: '**a**\n\n| b | c |\n\\', indicator: 'warning' as const };
    const ctx = CONTEXTS[0] as CardContext;
    const text = cardText(content, ctx);
    const card = finishCard(content, ctx);
    expect(cardJson(text, ctx, card.uuid)).toBe(JSON.stringify(card));
    const [one, two] = [JSON.parse(cardJson(text, ctx)), JSON.parse(cardJson(text, ctx))] as { uuid: string }[];
    expect(one?.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(one?.uuid).not.toBe(two?.uuid);
  });
});
