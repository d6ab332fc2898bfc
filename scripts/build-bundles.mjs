// Part of `npm run build`. First it bundles the credential_process shim into one CommonJS file,
// dist/shim/credential-process.cjs, which the launcher runs. Measured (docs/shim.md): the bundle
// starts ~1.27x `node -e 0` in CPU against ~1.44x for tsc's ESM output. keytar stays external
// (a native addon, resolved from the install's node_modules).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [path.join(root, 'src/shim/credential-process.ts')],
  outfile: path.join(root, 'dist/shim/credential-process.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['keytar'],
  logLevel: 'warning',
  legalComments: 'none',
  // Turn the lazy import('keytar') into require(): an import() would start the ESM loader anyway.
  supported: { 'dynamic-import': false },
});

// `keyward scan` as one CommonJS file, which bin/keyward runs for `scan` (the ESM loader and main.js's
// graph are the largest part of a scan's start-up: docs/scan.md, Speed). It sits beside tsc's
// dist/cli/commands/scan.js, so the command's package.json lookup (../../../package.json from
// import.meta.url, which CommonJS lacks and the banner supplies) finds the same file. npm packages
// stay external; keytar stays a lazy require, made only when the keychain is opened.
await build({
  entryPoints: [path.join(root, 'src/cli/scan-main.ts')],
  outfile: path.join(root, 'dist/cli/commands/scan.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  legalComments: 'none',
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': 'import_meta_url' },
  banner: { js: 'const import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
});
