// Lint rules chosen for bugs this codebase can actually have; formatting is Prettier's job.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const CORE = ['src/domain/**', 'src/models/**', 'src/fhir/**', 'src/report/**', 'src/validation/**', 'src/pipeline.ts'];
const CORE_PATTERNS = [
  { group: ['**/app/**', '**/cds/**', '**/cli/**', '**/sandbox/**'], message: 'The core must not import a face.' },
  { group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto'], message: 'The core is isomorphic: no Node APIs.' },
  {
    group: ['preact', 'preact/*', 'fhirclient', 'fastify', '@fastify/*'],
    message: 'The core has no UI or server framework.',
  },
];

export default tseslint.config(
  // types/core-globals.d.ts belongs to tsconfig.core.json only (it declares the core's two globals).
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', '**/*.cjs', 'types/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: globals.node } },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    // Imports name their .ts files, so Node's resolution finds them; without a resolver no-cycle sees nothing.
    // and an imported file is parsed as TypeScript to follow its own imports.
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The core is pure and shared by every face: no faces, no Node, no DOM frameworks.
    files: CORE,
    rules: { 'no-restricted-imports': ['error', { patterns: CORE_PATTERNS }] },
  },
  {
    // Layers inside the core: report text parsing reads only the vocabulary (fhir/extract uses it,
    // never the other way round), and the domain imports nothing.
    files: ['src/report/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...CORE_PATTERNS, { group: ['**/fhir/**', '**/models/**'], message: 'report/ reads text only.' }],
        },
      ],
    },
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...CORE_PATTERNS, { group: ['../**'], message: 'The domain is the bottom layer.' }] },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  prettier,
);
