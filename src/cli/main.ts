// The CLI entry: finds the command, runs it, and turns every error into one stderr line and an
// exit code. The only place (with scan-main.ts, the shim and the daemon) that sets process.exitCode.
import { textToShow } from '../display.js';
import { isKeywardError } from '../errors.js';
import type { Context } from '../context.js';
import { EXIT } from './exit-codes.js';
import { reportError, runInProcess } from './process.js';
import { commands } from './registry.js';
import { packageJson } from '../platform/package-root.js';

export { processContext } from './process.js';

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
    'Run `keyward <command> --help` for the options of one command. Anywhere: --debug (details of',
    'an unexpected error). keyward --version prints the version.',
    '',
  ].join('\n');
}

/** Runs one command line and returns the exit code; never throws. */
export async function main(argv: string[], ctx: Context): Promise<number> {
  // --debug is global: it works before or after the command, and commands never see it.
  const debug = argv.includes('--debug');
  const [name, ...rest] = argv.filter((arg) => arg !== '--debug');
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    ctx.out.write(helpText());
    return name === undefined ? EXIT.error : EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    ctx.out.write(`keyward ${packageVersion()}\n`);
    return EXIT.ok;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    const guess = closest(name, commands.map((c) => c.name));
    ctx.err.write(`${textToShow(`keyward: unknown command '${name}'.${guess ? ` Did you mean '${guess}'?` : ''} Run 'keyward --help' to list the commands.`)}\n`);
    return EXIT.error;
  }
  try {
    const command = await entry.load();
    return await command.run(rest, ctx);
  } catch (error) {
    // Fleet scripts parse stdout: a command that changes files answers in JSON even when it fails.
    if (entry.changesFiles && wantsJson(rest)) ctx.out.write(`${JSON.stringify({ version: 1, error: errorJson(error) })}\n`);
    return reportError(error, ctx.err, debug);
  }
}

function wantsJson(argv: string[]): boolean {
  return argv.some((arg, i) => arg.toLowerCase() === '--format=json' || (arg === '--format' && argv[i + 1]?.toLowerCase() === 'json'));
}

function errorJson(error: unknown): { code: string; message: string; hint: string } {
  if (isKeywardError(error)) return { code: error.code, message: error.message, hint: error.hint };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error), hint: 'Re-run with --debug for details.' };
}

/** The version in keyward's package.json (platform/package-root.ts finds it from any layout). */
export function packageVersion(): string {
  return packageJson().version ?? 'unknown';
}

/** The command name within two edits of `typed`, if exactly one is closest. */
export function closest(typed: string, names: string[]): string | undefined {
  const scored = names.map((name) => ({ name, d: editDistance(typed.toLowerCase(), name) })).sort((a, b) => a.d - b.d);
  const best = scored[0];
  if (!best || best.d > 2 || scored[1]?.d === best.d) return undefined;
  return best.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

export async function runProcess(argv: string[]): Promise<void> {
  await runInProcess((ctx) => main(argv, ctx));
}
