// The process around a command: the Context of the real terminal, and the one place that turns an
// error into one stderr line and an exit code. main.ts (every command) and scan-main.ts (the scan
// bundle bin/keyward runs for `scan`) share them, so both answer alike.
import { textToShow } from '../display.js';
import { KeywardError, formatError, isKeywardError } from '../errors.js';
import type { Context, Output } from '../context.js';
import { EXIT } from './exit-codes.js';
import { homeDirectory } from '../platform/paths.js';
import { pendingKeychainCalls } from '../secrets/keytar-store.js';

export function reportError(error: unknown, err: Output, debug: boolean): number {
  if (isKeywardError(error) && error.code === 'cancelled') {
    err.write('keyward: cancelled; nothing was changed.\n');
    return EXIT.cancelled;
  }
  // One line whatever a profile name or path in it holds (a newline, a terminal escape).
  if (isKeywardError(error)) {
    err.write(`${textToShow(formatError(error))}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    err.write(`${textToShow(`keyward: unexpected error: ${message}. Re-run with --debug for details.`)}\n`);
  }
  if (debug && error instanceof Error && error.stack) err.write(`${error.stack}\n`);
  return EXIT.error;
}

export const stderrOutput: Output = { write: (text) => void process.stderr.write(text), isTTY: false };

export function processContext(): Context {
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  return {
    env: process.env,
    home: process.platform === 'win32' ? process.env.USERPROFILE || homeDirectory(process.env) : homeDirectory(process.env),
    now: () => new Date(),
    out: { write: (text) => void process.stdout.write(text), isTTY: Boolean(process.stdout.isTTY) },
    err: { write: (text) => void process.stderr.write(text), isTTY: Boolean(process.stderr.isTTY) },
    interactive,
    prompt: async (question) => {
      // Loaded when asked: most commands never prompt, and readline pulls in node's streams.
      const { createInterface } = await import('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await new Promise<string>((resolve, reject) => {
          // Ctrl-C at the prompt cancels (exit 130); Ctrl-D (end of input) is an empty answer, a no.
          rl.on('SIGINT', () => reject(new KeywardError('cancelled', 'cancelled at the prompt')));
          rl.on('close', () => resolve(''));
          rl.question(question).then(resolve, reject);
        });
      } finally {
        rl.close();
      }
    },
  };
}

/**
 * Runs a command in this process: builds the context (a failure there is reported without it),
 * sets the exit code from `work`. A keychain call that timed out still holds a libuv worker (blocked
 * in D-Bus for up to 25 s, twice for some calls), and neither the event loop nor process.exit()
 * finishes before it does. The store's probe avoids that when the service hangs before the command
 * starts; when it hung mid-way, the line is written and a signal ends the process now (status 143).
 */
export async function runInProcess(work: (ctx: Context) => Promise<number>): Promise<void> {
  let ctx: Context;
  try {
    ctx = processContext();
  } catch (error) {
    process.exitCode = reportError(error, stderrOutput, false);
    return;
  }
  process.exitCode = await work(ctx);
  if (pendingKeychainCalls() > 0) process.kill(process.pid, 'SIGTERM');
}
