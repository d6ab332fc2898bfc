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
// AWS SDK it requires (kept external, resolved from the install's node_modules like keytar).
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
  external: ['keytar', '@aws-sdk/*'],
});

// The scan command as one ESM file in place of tsc's output (same path, so its package.json lookup
// via import.meta.url still resolves): Node 20's ESM loader costs ~1 ms per module, and scan's
// graph has ~45 of them (measured: 56 ms to import with tsc's output, 31 ms bundled). npm packages
// stay external. Errors cross the bundle boundary by duck type (isKeywardError), not instanceof.
await build({
  entryPoints: [path.join(root, 'src/cli/commands/scan.ts')],
  outfile: path.join(root, 'dist/cli/commands/scan.js'),
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  legalComments: 'none',
});
