// Part of `npm run build`. First it bundles the credential_process shim into one CommonJS file,
// dist/shim/credential-process.cjs, which the launcher runs. Measured (docs/shim.md): the bundle
// starts ~1.27x `node -e 0` in CPU against ~1.44x for tsc's ESM output. keytar stays external
// (a native addon, resolved from the install's node_modules).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shimOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  // Turn the lazy import('keytar') into require(): an import() would start the ESM loader anyway.
  supported: { 'dynamic-import': false },
};
// A session cache miss (src/sessions/refresh.ts: lock, MFA prompts, STS) is a bundle of its own,
// which the shim requires only on a miss: the cached path never reads (or parses) it, nor the
// AWS SDK inside it. The SDK is bundled in (an installed version, platform/install.ts, holds no
// node_modules but keytar), so a miss loads one file, not a few hundred.
const refreshChunk = {
  name: 'session-refresh-chunk',
  setup(b) {
    const refresh = path.join(root, 'src/sessions/refresh.js');
    b.onResolve({ filter: /refresh\.js$/ }, (args) => (path.resolve(args.resolveDir, args.path) === refresh
      ? { path: './session-refresh.cjs', external: true } : undefined));
  },
};
await build({
  ...shimOptions,
  entryPoints: [path.join(root, 'src/shim/credential-process.ts')],
  outfile: path.join(root, 'dist/shim/credential-process.cjs'),
  external: ['keytar'],
  plugins: [refreshChunk],
});
await build({
  ...shimOptions,
  entryPoints: [path.join(root, 'src/sessions/refresh.ts')],
  outfile: path.join(root, 'dist/shim/session-refresh.cjs'),
  external: ['keytar'],
});

// `keyward scan` as one CommonJS file, which bin/keyward runs for `scan` (the ESM loader and main.js's
// graph are the largest part of a scan's start-up: docs/scan.md, Speed). platform/package-root.ts
// finds package.json upwards from import.meta.url, which CommonJS lacks and the banner supplies (this
// file's own URL). npm packages stay external; keytar stays a lazy require, made only when the
// keychain is opened.
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

// The whole CLI (daemon included) as one ESM file, dist/keyward.mjs: what an installed version
// (src/platform/install.ts) runs, so the service and the launcher need nothing from the checkout or
// npm prefix keyward was installed from. npm packages are inside it; keytar, a native addon,
// is copied beside it. The banner gives the bundled CommonJS packages a `require`.
await build({
  entryPoints: [path.join(root, 'src/bin.ts')],
  outfile: path.join(root, 'dist/keyward.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['keytar'],
  logLevel: 'warning',
  legalComments: 'none',
  banner: { js: "import { createRequire as __keywardCreateRequire } from 'node:module'; const require = __keywardCreateRequire(import.meta.url);" },
});
