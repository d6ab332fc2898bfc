// The CLI entry: finds the command, runs it, and turns every error into one stderr line and an
// exit code. The only place (with the shim and the daemon) that sets process.exitCode.
import { createInterface } from 'node:readline/promises';
import { textToShow } from '../display.js';
import { formatError, isKeywardError } from '../errors.js';
import type { Context } from '../context.js';
import { commands } from './registry.js';
import { pendingKeychainCalls } from '../secrets/keytar-store.js';

export const EXIT_USAGE = 2;

export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'keyward: keeps AWS access keys out of plaintext files.',
    '',
    'Usage: keyward <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `keyward <command> --help` for the options of one command.',
    '',
  ].join('\n');
}

/** Runs one command line and returns the exit code; never throws. */
export async function main(argv: string[], ctx: Context): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    ctx.out.write(helpText());
    return name === undefined ? EXIT_USAGE : 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    ctx.err.write(`${textToShow(`keyward: unknown command '${name}'. Run 'keyward --help' to list the commands.`)}\n`);
    return EXIT_USAGE;
  }
  try {
    const command = await entry.load();
    return await command.run(rest, ctx);
  } catch (error) {
    return reportError(error, ctx, rest.includes('--debug'));
  }
}

function reportError(error: unknown, ctx: Context, debug: boolean): number {
  // One line whatever a profile name or path in it holds (a newline, a terminal escape).
  if (isKeywardError(error)) {
    ctx.err.write(`${textToShow(formatError(error))}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    ctx.err.write(`${textToShow(`keyward: unexpected error: ${message}. Re-run with --debug for details.`)}\n`);
  }
  if (debug && error instanceof Error && error.stack) ctx.err.write(`${error.stack}\n`);
  return EXIT_USAGE;
}

export function processContext(): Context {
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  return {
    env: process.env,
    home: process.env.HOME || process.env.USERPROFILE || '',
    now: () => new Date(),
    out: { write: (text) => void process.stdout.write(text), isTTY: Boolean(process.stdout.isTTY) },
    err: { write: (text) => void process.stderr.write(text), isTTY: Boolean(process.stderr.isTTY) },
    interactive,
    prompt: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
  };
}

export async function runProcess(argv: string[]): Promise<void> {
  process.exitCode = await main(argv, processContext());
  // A keychain call that timed out still holds a libuv worker (blocked in D-Bus for up to 25 s,
  // twice for some calls), and neither the event loop nor process.exit() finishes before it does.
  // The store's probe avoids that when the service hangs before the command starts; when it hung
  // mid-way, the line is written and a signal ends the process now (status 143, as the shim).
  if (pendingKeychainCalls() > 0) process.kill(process.pid, 'SIGTERM');
}
