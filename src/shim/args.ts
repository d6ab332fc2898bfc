// Hand-parsed: the shim takes one option, and a parser library would cost start-up time on
// every AWS CLI call.
import { KeywardError } from '../errors.js';

export interface ShimArgs {
  profile: string;
}

const USAGE_HINT = "Usage: keyward credential-process --profile NAME (the line 'keyward migrate' writes).";

/** Reads `--profile P` or `--profile=P`; anything else is a `usage` error. */
export function parseShimArgs(argv: readonly string[]): ShimArgs {
  let profile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    let value: string | undefined;
    if (arg === '--profile') value = argv[++i];
    else if (arg.startsWith('--profile=')) value = arg.slice('--profile='.length);
    else throw usage(`unexpected argument '${arg}'`);
    if (value === undefined || value === '') throw usage('--profile needs a profile name');
    if (profile !== undefined) throw usage('--profile given twice');
    profile = value;
  }
  if (profile === undefined) throw usage('--profile is required');
  return { profile };
}

function usage(message: string): KeywardError {
  return new KeywardError('usage', message, USAGE_HINT);
}
