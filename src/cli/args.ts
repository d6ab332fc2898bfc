// Argument parsing shared by the commands: node's util.parseArgs, with its errors turned into
// `usage` errors (one line, exit 2) that point at the command's --help.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { KeywardError } from '../errors.js';

export function parseCommandArgs<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
    throw new KeywardError('usage', message, `Run 'keyward ${command} --help'.`);
  }
}

/** Checks a --format value against the formats a command offers. */
export function formatOption<F extends string>(value: unknown, allowed: readonly F[]): F {
  const lower = typeof value === 'string' ? value.toLowerCase() : value;
  if (typeof lower === 'string' && (allowed as readonly string[]).includes(lower)) return lower as F;
  const choices = `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1] ?? ''}`;
  throw new KeywardError('usage', `unknown --format '${String(value)}'`, `Use ${choices}.`);
}

/** The options of a command that takes only `--format text|json` and `--help` (status, watch). */
export function parseFormatOnly(command: string, argv: string[]): { format: 'text' | 'json'; help: boolean } {
  const { values } = parseCommandArgs(command, {
    args: argv, allowPositionals: false, strict: true,
    options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  return { format: formatOption(values.format, ['text', 'json'] as const), help: values.help };
}
