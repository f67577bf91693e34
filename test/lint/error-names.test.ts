// Error classes name themselves one way: a `name` class field equal to the class name, so logs and
// `instanceof`-free checks read the same everywhere (no `this.name =` in constructors, no unnamed errors).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const sources = readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
  .map((e) => relative(ROOT, join(e.parentPath, e.name)))
  .map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));

const CLASS = /class (\w+) extends (\w+)[^{]*\{([^\n]*\n[^\n]*\n[^\n]*\n)?/g;

/** Every class that extends Error, directly or through another error class of src/. */
function errorClasses(): { file: string; name: string; head: string }[] {
  const all = sources.flatMap(({ file, text }) =>
    [...text.matchAll(CLASS)].map((m) => ({ file, name: m[1]!, base: m[2]!, head: m[0] })),
  );
  const errors = new Set(['Error']);
  for (let grew = true; grew;) {
    grew = false;
    for (const c of all)
      if (errors.has(c.base) && !errors.has(c.name)) {
        errors.add(c.name);
        grew = true;
      }
  }
  return all.filter((c) => errors.has(c.base));
}

describe('error classes', () => {
  it('each declares `override readonly name` as its own class name', () => {
    const classes = errorClasses();
    expect(classes.length).toBeGreaterThan(10);
    const unnamed = classes.filter(
      (c) => !new RegExp(`override readonly name(?:: string)? = '${c.name}';`).test(c.head),
    );
    expect(unnamed.map((c) => `${c.file}: ${c.name}`)).toEqual([]);
  });

  it('no constructor assigns this.name', () => {
    expect(sources.filter(({ text }) => /this\.name\s*=/.test(text)).map((s) => s.file)).toEqual([]);
  });
});
