// `keyward scan` as an entry of its own. bin/keyward sends `scan` here, bundled into one CommonJS
// file (dist/cli/scan.cjs, scripts/build-bundles.mjs): a scan then loads one file, not main.js's
// ESM graph, the command registry or the other commands. It answers exactly as main() does for
// `scan` (test/integration/cli/scan-bundle.test.ts runs both): --debug anywhere, the same error
// lines and exit codes.
import { run } from './commands/scan.js';
import { reportError, runInProcess } from './process.js';

/** argv as bin/keyward got it: `scan` first, once `--debug` is set aside. */
export async function runScanProcess(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug');
  const [, ...rest] = argv.filter((arg) => arg !== '--debug');
  await runInProcess(async (ctx) => {
    try {
      return await run(rest, ctx);
    } catch (error) {
      return reportError(error, ctx.err, debug);
    }
  });
}
