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
