// keyward's credential_process line: what migrate writes into a profile and what scan, restore,
// status and the daemon recognise. Pure; the launcher it names is installed by launcher/install.ts.
import path from 'node:path';
import { shellQuote, shlexSplit } from '../awsconfig/shlex.js';

/** The launcher's file name; a line whose program has this name is keyward's. */
export const LAUNCHER_NAME = 'keyward-credential-process';

/** The credential_process value for a profile: every part quoted so shlex and /bin/sh agree. */
export function credentialProcessLine(launcher: string, profile: string): string {
  return [launcher, '--profile', profile].map(shellQuote).join(' ');
}

export interface ParsedCredentialProcess {
  profile: string;
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
  if (args.length === 2 && args[0] === '--profile' && args[1]) return { profile: args[1], program };
  if (args.length === 1 && args[0]?.startsWith('--profile=') && args[0].length > 10) {
    return { profile: args[0].slice(10), program };
  }
  return undefined;
}
