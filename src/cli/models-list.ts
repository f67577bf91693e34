// `nodal-risk models`: the models with kind, outcome, population and citation.
import type { ModelDefinition } from '../models/definition.ts';
import { KNOWN_UNIMPLEMENTABLE } from '../models/registry.ts';

export function modelsAsJson(models: readonly ModelDefinition[]) {
  return models.map((m) => ({
    id: m.id,
    title: m.title,
    kind: m.kind,
    outcome: m.outcome,
    population: m.population,
    citation: m.citations.map((c) => (c.doi ? `${c.text} doi:${c.doi}` : c.text)).join(' '),
    ...(m.performance ? { performance: m.performance } : {}),
    ...(m.locallyConfigured ? { locallyConfigured: true } : {}),
  }));
}

export function modelsAsText(models: readonly ModelDefinition[]): string {
  const lines: string[] = [];
  for (const m of modelsAsJson(models)) {
    lines.push(`${m.id} (${m.kind})${m.locallyConfigured ? ' — locally configured' : ''}`, `  ${m.title}`);
    lines.push(`  Outcome: ${m.outcome}`, `  Population: ${m.population}`, `  Citation: ${m.citation}`, '');
  }
  lines.push('Known but not implementable (coefficients or point tables not available):');
  for (const k of KNOWN_UNIMPLEMENTABLE) lines.push(`  ${k.name} (${k.citation}): ${k.why}`);
  return `${lines.join('\n')}\n`;
}
