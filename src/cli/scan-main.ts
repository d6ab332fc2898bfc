// `keyward scan` as an entry of its own. bin/keyward sends `scan` here, bundled into one CommonJS
// file (dist/cli/scan.cjs, scripts/build-bundles.mjs): a scan then loads one file, not main.js's
// ESM graph, the command registry or the other commands. It answers exactly as main() does for
// `scan` (test/integration/cli/scan-bundle.test.ts runs both): --debug anywhere, the same error
// lines and exit codes.
import type { Context } from '../context.js';
import { run } from './commands/scan.js';
import { processContext, reportError, stderrOutput } from './process.js';
import { pendingKeychainCalls } from '../secrets/keytar-store.js';

/** argv as bin/keyward got it: `scan` first, once `--debug` is set aside. */
export async function runScanProcess(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug');
  const [, ...rest] = argv.filter((arg) => arg !== '--debug');
  let ctx: Context;
  try {
    ctx = processContext();
  } catch (error) {
    process.exitCode = reportError(error, stderrOutput, false);
    return;
  }
  try {
    process.exitCode = await run(rest, ctx);
  } catch (error) {
    process.exitCode = reportError(error, ctx.err, debug);
  }
  // As runProcess: a keychain call that timed out (access-key-too-old's listing) must not keep the process.
  if (pendingKeychainCalls() > 0) process.kill(process.pid, 'SIGTERM');
}
