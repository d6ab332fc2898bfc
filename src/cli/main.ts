// The CLI entry: finds the command, runs it, and turns every error into one stderr line and an
// exit code. The only place (with the shim and the daemon) that sets process.exitCode.
import { createInterface } from 'node:readline/promises';
import { formatError, isKeywardError } from '../errors.js';
import type { Context, Output } from '../context.js';
import { EXIT } from './exit-codes.js';
import { commands } from './registry.js';
import { homeDirectory } from '../platform/paths.js';


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
    return name === undefined ? EXIT.error : EXIT.ok;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    ctx.err.write(`keyward: unknown command '${name}'. Run 'keyward --help' to list the commands.\n`);
    return EXIT.error;
  }
  try {
    const command = await entry.load();
    return await command.run(rest, ctx);
  } catch (error) {
    return reportError(error, ctx.err, rest.includes('--debug'));
  }
}

function reportError(error: unknown, err: Output, debug: boolean): number {
  if (isKeywardError(error)) {
    err.write(`${formatError(error)}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    err.write(`keyward: unexpected error: ${message}. Re-run with --debug for details.\n`);
  }
  if (debug && error instanceof Error && error.stack) err.write(`${error.stack}\n`);
  return EXIT.error;
}

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
  let ctx: Context;
  try {
    ctx = processContext();
  } catch (error) {
    process.exitCode = reportError(error, { write: (text) => void process.stderr.write(text), isTTY: false }, false);
    return;
  }
  process.exitCode = await main(argv, ctx);
}
