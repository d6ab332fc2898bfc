// The process around a command: the Context of the real terminal, and the one place that turns an
// error into one stderr line and an exit code. main.ts (every command) and scan-main.ts (the scan
// bundle bin/keyward runs for `scan`) share them, so both answer alike.
import { textToShow } from '../display.js';
import { KeywardError, formatError, isKeywardError } from '../errors.js';
import type { Context, Output } from '../context.js';
import { EXIT } from './exit-codes.js';
import { homeDirectory } from '../platform/paths.js';

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
