// Argument parsing shared by the commands: node's util.parseArgs, with its errors turned into
// `usage` errors (one line, exit 2) that point at the command's --help.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { KeywardError } from '../errors.js';

export function parseCommandArgs<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new KeywardError('usage', argumentProblem(error), `Run 'keyward ${command} --help'.`);
  }
}

/**
 * parseArgs's error in keyward's style (lower-case, one clause, no trailing period). Its message
 * text is Node's and changes between versions ("Unknown option '--x'. To specify a positional
 * argument …"); its code does not, so the code decides and only the quoted argument is kept.
 */
export function argumentProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']*)'/.exec(message)?.[1];
  const code = (error as { code?: unknown } | null)?.code;
  if (quoted !== undefined) {
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option '${quoted}'`;
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument '${quoted}' (this command takes no positional arguments)`;
    // Node quotes the option as it declares it: '-p, --profile <value>'.
    const name = quoted.split(/[ ,]+/).find((word) => word.startsWith('--')) ?? quoted;
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `option '${name}' ${/missing/.test(message) ? 'needs a value' : 'does not take a value'}`;
  }
  const first = message.split(/\.(?:\s|$)/)[0] ?? message;
  return first.charAt(0).toLowerCase() + first.slice(1);
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
