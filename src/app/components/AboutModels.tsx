// The models' limits: populations, performance, and the models that cannot be implemented.
import type { ModelDefinition } from '../../models/definition.ts';
import { KNOWN_UNIMPLEMENTABLE } from '../../models/registry.ts';

export function AboutModels({ definitions }: { definitions: readonly ModelDefinition[] }) {
  return (
    <details class="about">
      <summary>About the models and their limits</summary>
      <ul>
        {definitions.map((d) => (
          <li key={d.id}>
            <strong>{d.title}</strong>
            {d.locallyConfigured && ' (locally configured)'}: {d.population}. {d.performance}
          </li>
        ))}
      </ul>
      <p>Published but not implementable here (coefficients or point tables not available):</p>
      <ul>
        {KNOWN_UNIMPLEMENTABLE.map((k) => (
          <li key={k.name}>
            {k.name} ({k.citation}): {k.why}
          </li>
        ))}
      </ul>
    </details>
  );
}
