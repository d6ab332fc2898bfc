// The launcher's entry: scripts/build-bundles.mjs bundles this file (and everything it imports,
// keytar excepted) into dist/shim/credential-process.cjs. CommonJS on purpose: node's ESM loader
// costs about 0.15-0.2x `node -e 0` per start (docs/shim.md, Speed), paid on every AWS CLI call.
import { runShim } from './main.js';

void runShim(process.argv.slice(2));
