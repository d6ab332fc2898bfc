// Lint rules, including the import boundaries of docs/architecture.md: pure folders import no I/O,
// and only daemon/ may load winston, chokidar or node-cron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const io = ['node:fs', 'node:fs/promises', 'fs', 'fs/promises', 'node:child_process', 'child_process'];
const heavy = ['winston', 'winston-*', 'chokidar', 'node-cron', 'ini'];
const restrict = (names, patterns = []) => ({
  'no-restricted-imports': ['error', { paths: names.map((name) => ({ name })), patterns }],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'reports/', '.stryker-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/daemon/**'],
    rules: restrict(['winston', 'chokidar', 'node-cron']),
  },
  {
    files: ['src/awsconfig/**', 'src/rules/**', 'src/report/**', 'src/migrate/plan.ts', 'src/daemon/alerts.ts', 'src/shim/output.ts'],
    rules: restrict([...io, 'keytar', 'winston', 'chokidar', 'node-cron']),
  },
  {
    files: ['src/shim/**'],
    rules: restrict([...heavy, 'keytar'], ['**/cli/**', '**/rules/**', '**/daemon/**', '**/migrate/**', '**/report/**', '**/policy/**', '**/sources/**']),
  },
);
