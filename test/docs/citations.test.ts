// Sources must live in the repository: a comment or text that cites a reference document a clone
// does not have (the design notes, the model and evidence notes, the FHIR/SMART/EHR research notes)
// sends the next engineer nowhere. Citations of `docs/…` files are fine and must name a file that exists.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_MODELS } from '../../src/models/registry.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCANNED = ['src', 'test', 'bench', 'scripts', 'README.md'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'test-output']);
const TEXT_FILE = /\.(ts|tsx|js|mjs|cjs|json|ndjson|md|html|css|txt|sh|ya?ml)$/;
const THIS_FILE = relative(ROOT, fileURLToPath(import.meta.url));

/** Names of the reference documents that live outside the repository. */
const OUTSIDE_DOCUMENT = /(?:models|fhir-mapping|smart-cds|design|evidence)\.md|ehr-vendors|models-research/g;
/** A `docs/<name>.md` citation, with or without a leading path. */
const DOCS_CITATION = /(?<![\w-])docs\/([\w-]+\.md)/g;

function filesUnder(path: string): string[] {
  const full = join(ROOT, path);
  if (!existsSync(full)) return [];
  if (TEXT_FILE.test(path) && !path.includes('/')) return [path];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && TEXT_FILE.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((file) => !file.split('/').some((part) => SKIPPED_DIRS.has(part)) && file !== THIS_FILE);
}

interface Hit {
  file: string;
  line: number;
  text: string;
}

/** Every line that names an outside document other than as `docs/<name>`. */
function outsideCitations(file: string, content: string): Hit[] {
  const hits: Hit[] = [];
  content.split('\n').forEach((text, i) => {
    for (const match of text.matchAll(OUTSIDE_DOCUMENT)) {
      if (!text.slice(0, match.index).endsWith('docs/')) hits.push({ file, line: i + 1, text: text.trim() });
    }
  });
  return hits;
}

const FILES = SCANNED.flatMap(filesUnder);
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('citation scanner', () => {
  it('flags outside documents and lets docs/ citations through', () => {
    const sample = [
      '// models.md §1 — MSKCC',
      '// see ../shared/reference/fhir-mapping.md §6',
      '// (design.md "Vocabulary"; smart-cds.md §3.4)',
      '// models-research §9.5, ehr-vendors notes',
      '// docs/models.md "MSKCC nomogram (mskcc-nsn)" and ../../docs/fhir-mapping.md §6',
    ].join('\n');
    expect(outsideCitations('x.ts', sample).map((h) => h.line)).toEqual([1, 2, 3, 3, 4, 4]);
  });

  it('reads the source tree', () => {
    expect(FILES).toContain('src/pipeline.ts');
    expect(FILES).toContain('README.md');
    expect(FILES).not.toContain(THIS_FILE);
  });
});

describe('sources in the repository', () => {
  it('no file under src/, test/, bench/, scripts/ or README.md cites a document outside the repository', () => {
    const hits = FILES.flatMap((file) => outsideCitations(file, read(file)));
    expect(hits.map((h) => `${h.file}:${h.line}: ${h.text}`)).toEqual([]);
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1]!)));
}

describe('docs/', () => {
  const docs = readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md'));

  it('links only to docs that exist, at headings that exist', () => {
    const broken: string[] = [];
    for (const name of docs) {
      for (const [, target, anchor] of read(`docs/${name}`).matchAll(/\]\(([\w-]*\.md)?(?:#([\w-]+))?\)/g)) {
        const file = target ?? name;
        if (!existsSync(join(ROOT, 'docs', file))) broken.push(`${name} → ${file}`);
        else if (anchor && !anchorsOf(read(`docs/${file}`)).has(anchor)) broken.push(`${name} → ${file}#${anchor}`);
      }
    }
    expect(docs.length).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });

  it('has the heading each built-in model names as its section of docs/models.md', () => {
    const headings = anchorsOf(read('docs/models.md'));
    const sections = BUILTIN_MODELS.map((m) => `${m.id}: ${m.docsSection ?? '(none)'}`);
    expect(sections.filter((s) => !headings.has(slug(s.slice(s.indexOf(': ') + 2))))).toEqual([]);
  });
});

describe('citations of docs/', () => {
  it('name files that exist', () => {
    const missing = FILES.flatMap((file) =>
      [...read(file).matchAll(DOCS_CITATION)]
        .map((m) => m[1]!)
        .filter((name) => !existsSync(join(ROOT, 'docs', name)))
        .map((name) => `${file}: docs/${name}`),
    );
    expect(missing).toEqual([]);
  });
});
