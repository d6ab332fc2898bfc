// Lint rules, including every row of docs/architecture.md's import table (§2): each folder of src/
// may import only the folders and packages its row names. The table below is that row, in code;
// change both together.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export const FOLDERS = ['agent', 'aws', 'awsconfig', 'cli', 'daemon', 'fsutil', 'launcher', 'lifecycle', 'migrate', 'platform', 'policy', 'report',
  'rules', 'secrets', 'sessions', 'shim', 'sources'];
export const TOP_FILES = ['context', 'display', 'errors', 'redact', 'scan'];
const IO = ['node:fs', 'node:fs/promises', 'fs', 'fs/promises', 'node:child_process', 'child_process', 'node:net', 'node:http'];
const PACKAGES = ['keytar', 'ini', 'proper-lockfile', 'winston', 'winston-transport', 'chokidar', 'node-cron', '@aws-sdk/*'];

/**
 * folder → what it may import: other folders and top-level files (`may`, at run time; `types`,
 * type-only), npm packages, and whether it may do I/O. Top-level files are rows too.
 */
export const LAYERS = {
  awsconfig: { may: [], io: false },
  // keyward's own AWS calls: endpoint/region/proxy/CA resolution and the SDK clients, loaded lazily.
  aws: { may: ['awsconfig', 'errors'], packages: ['@aws-sdk/*'], io: true },
  rules: { may: ['awsconfig', 'display', 'redact'], types: ['sources'], io: false },
  report: { may: ['display', 'rules'], io: false },
  fsutil: { may: ['display', 'errors'], packages: ['proper-lockfile'], io: true },
  secrets: { may: ['errors'], packages: ['keytar'], io: true },
  launcher: { may: ['agent', 'awsconfig', 'errors', 'platform', 'shim'], io: true },
  platform: { may: ['errors'], types: ['awsconfig'], io: true },
  sources: { may: ['awsconfig', 'fsutil', 'launcher', 'secrets'], io: true },
  policy: { may: ['errors', 'rules', 'sessions'], types: ['awsconfig', 'context'], packages: ['ini'], io: true },
  migrate: { may: ['awsconfig', 'display', 'errors', 'fsutil', 'launcher', 'platform', 'redact', 'secrets', 'sources'], types: ['context'], io: true },
  // add, remove, adopt, rotate (with its journal): transactions like migrate's, through its lock and writers (design.md §2).
  lifecycle: { may: ['aws', 'awsconfig', 'display', 'errors', 'fsutil', 'launcher', 'migrate', 'platform', 'redact', 'secrets', 'sources'], types: ['context', 'policy'],
    packages: ['@aws-sdk/*'], io: true },
  // Session credentials (issue 13): policy's session keys, the cache, the lock, MFA prompts, STS.
  // The STS call of a miss goes where rotate's calls go, through the same client config (aws/).
  sessions: { may: ['aws', 'awsconfig', 'display', 'errors', 'fsutil', 'platform', 'secrets'], packages: ['@aws-sdk/*'], io: true },
  shim: { may: ['display', 'errors', 'platform', 'secrets', 'sessions'], io: true },
  scan: { may: ['launcher', 'redact', 'rules', 'sources'], types: ['context', 'policy'], io: false },
  redact: { may: ['rules'], io: false },
  // Showing what files and users supply: escaped text, JSON, and commands quoted for a POSIX shell.
  display: { may: [], io: false },
  errors: { may: [], io: false },
  context: { may: [], types: ['awsconfig'], io: false },
  // The socket server inside the daemon and its client (issue 14); scans for the installed script (issue 16).
  agent: { may: ['display', 'errors', 'secrets', 'sessions', 'shim'], types: ['context'], io: true },
  daemon: { may: ['agent', 'awsconfig', 'display', 'errors', 'launcher', 'lifecycle', 'migrate', 'redact', 'platform', 'policy', 'report', 'rules', 'scan', 'secrets', 'sources', 'context'],
    packages: ['winston', 'winston-transport', 'chokidar', 'node-cron'], io: true },
  cli: { may: [...FOLDERS, ...TOP_FILES].filter((f) => f !== 'cli'), io: true },
};

const pattern = (name) => (TOP_FILES.includes(name) ? [`**/${name}.js`, `./${name}.js`] : [`**/${name}/**`]);

function zone(name) {
  const layer = LAYERS[name];
  const allowed = new Set([name, ...layer.may]);
  const typesOnly = new Set((layer.types ?? []).filter((t) => !allowed.has(t)));
  const patterns = [];
  for (const other of [...FOLDERS, ...TOP_FILES]) {
    if (allowed.has(other)) continue;
    patterns.push({ group: pattern(other), allowTypeImports: typesOnly.has(other),
      message: `${name}/ may not import ${other} (docs/architecture.md §2).` });
  }
  const packages = PACKAGES.filter((p) => !(layer.packages ?? []).includes(p));
  const paths = [...packages.filter((p) => !p.includes('*')), ...(layer.io ? [] : IO)]
    .map((p) => ({ name: p, message: `${name}/ may not import ${p} (docs/architecture.md §2).` }));
  patterns.push(...packages.filter((p) => p.includes('*')).map((p) => ({ group: [p], message: `${name}/ may not import ${p}.` })));
  return {
    files: TOP_FILES.includes(name) ? [`src/${name}.ts`] : [`src/${name}/**`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }] },
  };
}

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
  ...Object.keys(LAYERS).map(zone),
  // Pure files inside I/O folders: the plan, the alert diff, the shim's JSON.
  {
    files: ['src/migrate/plan.ts', 'src/daemon/alerts.ts', 'src/shim/output.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: IO.map((name) => ({ name, message: 'This file is pure.' })) }] },
  },
);
