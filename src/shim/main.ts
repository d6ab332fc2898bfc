// `keyward credential-process --profile P`: what the AWS CLI and SDKs run for a migrated profile.
// Loads only node builtins, keytar and the few modules below (test/unit/shim/imports.test.ts
// checks it; a session cache miss alone loads sessions/refresh.ts and the AWS SDK), prints the credential_process JSON on stdout and nothing else, and on failure one
// line on stderr and exit 1, which botocore and the JS SDK show to the user. Entered from
// dist/bin.js, or (what the launcher runs) from the bundled dist/shim/credential-process.cjs.
import fs from 'node:fs';
import os from 'node:os';
import { commandToShow, textToShow } from '../display.js';
import { KeywardError, describeError, isKeywardError } from '../errors.js';
import { decodeItem } from '../secrets/item.js';
import type { CredentialItem } from '../secrets/item.js';
import { openSecretStore } from '../secrets/open.js';
import { serviceName } from '../secrets/store.js';
import { shimCredentials } from '../sessions/resolve.js';
import { SHIM_HELP, parseShimArgs, wantsHelp } from './args.js';
import type { ShimArgs } from './args.js';
import { appendAuditRecord, auditLogPath, parentCommand, type AuditRecord } from './audit.js';
import { formatProcessCredentials } from './output.js';

type Env = NodeJS.ProcessEnv;

/** Runs the shim for one call and sets process.exitCode; after a keychain timeout it ends the process at once. */
export async function runShim(argv: string[], env: Env = process.env): Promise<void> {
  if (wantsHelp(argv)) {
    writeOut(1, SHIM_HELP);
    process.exitCode = 0;
    return;
  }
  let profile = '';
  let failure: unknown;
  try {
    const args = parseShimArgs(argv);
    profile = args.profile;
    const output = await fetchCredentials(args, env);
    writeOut(1, output);
  } catch (error) {
    failure = error;
    writeOut(2, `${failureLine(profile, error)}\n`);
  }
  writeAudit(env, profile, failure);
  process.exitCode = failure === undefined ? 0 : 1;
  // keytar's libuv worker is still blocked in D-Bus (up to its 25 s timeout), and process.exit()
  // joins the thread pool, so it would wait too. A signal ends the process now (status 130, which
  // the launcher the AWS files name turns into 1), after the stderr line already written. SIGINT,
  // not SIGTERM: a shell running the shim prints "Terminated" on stderr for the latter, not the former.
  if (isKeywardError(failure) && failure.code === 'keychain-timeout') process.kill(process.pid, 'SIGINT');
}

async function fetchCredentials({ profile, account }: ShimArgs, env: Env): Promise<string> {
  const readKey = async (): Promise<CredentialItem> => {
    const password = await openSecretStore('shim', env).get(account);
    if (password === null) throw missing(profile, account, serviceName(env));
    return decodeItem(password, account);
  };
  // A session (sessions/: policy session_credentials, the profile's mfa_serial) or the key itself.
  const item = await shimCredentials({ profile, account, env, home: os.homedir(), now: () => new Date(), readKey });
  return formatProcessCredentials(item);
}

function missing(profile: string, account: string, service: string): KeywardError {
  const item = account === profile ? '' : ` '${account}'`;
  const where = service === 'keyward' ? '' : ` (service '${service}')`;
  return new KeywardError('keychain-item-missing', `no keychain item${item} for profile '${profile}'${where}`,
    `Put the profile's key back in ~/.aws/credentials and run \`${commandToShow(['keyward', 'migrate', '--profile', profile])}\` again.`);
}

/** The one stderr line: which profile, what failed, what to do. Never the cause's text (it may hold file data). */
export function failureLine(profile: string, error: unknown): string {
  const who = profile ? `profile '${profile}': ` : '';
  if (isKeywardError(error)) {
    // The item's own message names the profile again; the line already starts with it.
    const shown = error.code === 'keychain-item-corrupt' && profile
      ? new KeywardError(error.code, 'the keychain item is not a keyward v1 item', error.hint) : error;
    return oneLine(`keyward credential-process: ${who}${describeError(shown)}${shown.hint ? '' : '.'}`);
  }
  const code = (error as { code?: unknown } | null)?.code;
  const detail = typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown';
  return oneLine(`keyward credential-process: ${who}unexpected error (${detail}). Please report it.`);
}

function writeAudit(env: Env, profile: string, failure: unknown): void {
  const record: AuditRecord = {
    time: new Date().toISOString(), profile, ppid: process.ppid,
    parent: parentCommand(process.ppid), outcome: failure === undefined ? 'ok' : 'error',
  };
  if (failure !== undefined) record.error = isKeywardError(failure) ? failure.code : 'internal';
  const file = auditLogPath(env, os.homedir());
  try {
    appendAuditRecord(file, record);
  } catch (error) {
    // The fetch still succeeds (stdout is untouched; the AWS CLI ignores stderr on success), but say so.
    const code = (error as { code?: unknown }).code;
    writeOut(2, `keyward credential-process: warning: could not append to ${file} (${String(code ?? error)}).\n`);
  }
}

/**
 * Writes straight to the fd: touching process.stdout on a pipe builds a net.Socket stream, about
 * 5% of the shim's start-up. The fd is blocking when a CLI spawns us; if not, fall back to the stream.
 */
function writeOut(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text);
  let done = 0;
  try {
    while (done < bytes.length) done += fs.writeSync(fd, bytes, done);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EAGAIN') throw error;
    (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(done));
  }
}

/** One line, whatever the profile name holds: its control characters (a newline, ESC) are shown escaped. */
const oneLine = (text: string): string => textToShow(text);
