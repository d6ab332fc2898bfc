// keyward's credential_process line: what migrate writes into a profile and what scan, restore,
// status and the daemon recognise. Pure; the launcher it names is installed by launcher/install.ts.
import path from 'node:path';
import { shellQuote, shlexSplit } from '../awsconfig/shlex.js';
import { parseShimArgs } from '../shim/args.js';

/** The launcher's file name; a line whose program has this name is keyward's. */
export const LAUNCHER_NAME = 'keyward-credential-process';

/**
 * The credential_process value for a profile: every part quoted so shlex and /bin/sh agree.
 * `--item` names the keychain account when it is not the profile name (secrets/account.ts).
 */
export function credentialProcessLine(launcher: string, profile: string, account = profile): string {
  if (!path.isAbsolute(launcher)) throw new Error(`internal: the launcher path must be absolute, not ${launcher}`);
  const item = account === profile ? [] : ['--item', account];
  return [launcher, '--profile', profile, ...item].map(shellQuote).join(' ');
}

export interface ParsedCredentialProcess {
  profile: string;
  /** The keychain account the line names: `--item`, else the profile name. */
  account: string;
  program: string;
}

/**
 * Recognises a line keyward wrote (its launcher, or `keyward credential-process`), split the way
 * botocore splits it; undefined for anything else, including lines it cannot split.
 */
export function parseCredentialProcessLine(value: string): ParsedCredentialProcess | undefined {
  let argv: string[];
  try {
    argv = shlexSplit(value);
  } catch {
    return undefined;
  }
  const [program, ...rest] = argv;
  if (program === undefined) return undefined;
  const base = path.basename(program);
  let args = rest;
  if (base === 'keyward' && rest[0] === 'credential-process') args = rest.slice(1);
  else if (base !== LAUNCHER_NAME) return undefined;
  try {
    return { ...parseShimArgs(args), program };
  } catch {
    return undefined;
  }
}
