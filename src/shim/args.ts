// Hand-parsed: the shim takes two options, and a parser library would cost start-up time on every
// AWS CLI call. launcher/line.ts recognises keyward's credential_process lines with this parser
// too, so the shim and everything that reads its lines agree on what a line means.
import { KeywardError } from '../errors.js';

export interface ShimArgs {
  profile: string;
  /** The keychain account to read: `--item`, else the profile name (secrets/account.ts). */
  account: string;
}

const USAGE_HINT = "Usage: keyward credential-process --profile NAME [--item ACCOUNT] (the line 'keyward migrate' writes).";

export const SHIM_HELP = `Usage: keyward credential-process --profile NAME [--item ACCOUNT]

The program the AWS CLI and SDKs run for a profile keyward migrated (its credential_process line):
prints that profile's key from the OS keychain as credential_process JSON on stdout, or one line on
stderr and exit 1. --item names the keychain item when it is not the profile name.

  --profile NAME    the profile (as the AWS CLI spells it)
  --item ACCOUNT    the keychain account holding its key (default: NAME)
  -h, --help        show this help
`;

/** `--help` or `-h` alone: the shim prints its usage instead of fetching anything. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h');
}
const OPTIONS = new Set(['--profile', '--item']);

/** Reads `--profile P` and `--item A` (or `--opt=value`); anything else is a `usage` error. */
export function parseShimArgs(argv: readonly string[]): ShimArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!OPTIONS.has(name)) throw usage(`unexpected argument '${arg}'`);
    const value = name === arg ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') throw usage(`${name} needs a value`);
    if (values.has(name)) throw usage(`${name} given twice`);
    values.set(name, value);
  }
  const profile = values.get('--profile');
  if (profile === undefined) throw usage('--profile is required');
  return { profile, account: values.get('--item') ?? profile };
}

function usage(message: string): KeywardError {
  return new KeywardError('usage', message, USAGE_HINT);
}
