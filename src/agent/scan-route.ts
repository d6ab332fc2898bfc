// `POST /v1/scan?argc=N[&tty=1]` (issue 16): `keyward scan` answered by the running daemon, so
// the installed `keyward` script (launcher/cli-script.ts) gives its caller a scan for the cost of
// one `curl` instead of a Node start. The daemon runs the very command `keyward scan` runs
// (cli/commands/scan.ts, passed in by `keyward watch`) with the caller's arguments and environment,
// fresh (not the findings it holds: those are for the daemon's environment, not the caller's).
//
// The body is what the script pipes: the arguments (`scan` first), then the caller's environment
// (`env -0`), then END, each NUL-terminated. `argc` counts the arguments. The answer is the scan's
// stdout with status 200 (exit 0) or 299 (exit 1: a finding at or above --fail-on). Anything the
// daemon cannot answer exactly as `node keyward scan` would, it declines with 503, and the script
// runs node: an error or any stderr (exit 2, a bad option, a policy warning: node prints them),
// `--debug`, and a path the daemon would resolve against the wrong directory (relative paths resolve
// against the caller's working directory, and a daemon cannot chdir per request).
import path from 'node:path';
import type { Context } from '../context.js';
import { readAwsTexts } from '../sessions/profile.js';
import { SCAN_END, SCAN_FINDINGS_STATUS } from './paths.js';

/** What `keyward scan` runs: cli/commands/scan.ts `run`. */
export type ScanCommand = (argv: string[], ctx: Context) => Promise<number>;

const MAX_ARGS = 64;
/** Path variables a scan reads (relative ones resolve against the working directory). */
const PATH_VARIABLES = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CA_BUNDLE', 'KEYWARD_FLEET_POLICY',
  'XDG_CONFIG_HOME', 'XDG_STATE_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME'];

export type ScanAnswer = { status: number; body: string } | { declined: string };

/** The request's arguments and environment, or why it is malformed (400). */
export function parseScanRequest(body: string, argcText: string | null): { args: string[]; env: Record<string, string> } | string {
  const argc = Number(argcText);
  if (!Number.isInteger(argc) || argc < 1 || argc > MAX_ARGS) return `argc must be 1 to ${MAX_ARGS}`;
  const parts = body.split('\0');
  // ... END, then the empty string after END's terminator: the environment was sent whole.
  if (parts.length < argc + 2 || parts.at(-1) !== '' || parts.at(-2) !== SCAN_END) return 'the body must end with the END marker';
  const [command, ...args] = parts.slice(0, argc);
  if (command !== 'scan') return 'only scan is answered here';
  const env: Record<string, string> = {};
  for (const entry of parts.slice(argc, -2)) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return { args, env };
}

/** Why the daemon would not scan exactly as the caller's own node would; undefined when it would. */
export function declineReason(args: string[], env: Record<string, string>, daemonCwd: string): string | undefined {
  if (args.includes('--debug')) return '--debug';
  const home = env.HOME;
  if (!home || !path.isAbsolute(home)) return 'HOME is not an absolute path';
  const cwd = env.PWD;
  if (cwd === daemonCwd) return undefined;
  for (const name of PATH_VARIABLES) {
    const value = env[name];
    if (value && !/^[/~]/.test(value)) return `${name} is relative`;
  }
  if (pathIsRelative(env.PATH)) return 'PATH has a relative entry';
  // ca_bundle and a credential_process program given as relative paths resolve against the caller's directory.
  // The files are read as the shim reads them (regular files only, never blocking on a FIFO): a
  // blocked read would stop the daemon's credential answers too.
  const texts = readAwsTexts(env, home);
  for (const file of [texts.config, texts.credentials]) {
    if (file && mentionsRelativePath(file.text)) return `${file.path} names a relative path`;
  }
  return undefined;
}

/**
 * True when a ca_bundle or credential_process value may resolve against the working directory
 * (conservative: declining is always safe). ca_bundle is a file name: absolute from `/` or `~`. A
 * credential_process program with a `/` is a path (the same rule); one without is looked up on PATH.
 */
export function mentionsRelativePath(text: string): boolean {
  for (const match of text.matchAll(/^[ \t]*(ca_bundle|credential_process)[ \t]*[=:][ \t]*(.*)$/gim)) {
    const value = (match[2] ?? '').trim().replace(/^["']/, '');
    const word = value.split(/[\s"']/)[0] ?? '';
    const isPath = match[1]?.toLowerCase() === 'ca_bundle' || word.includes('/');
    if (word === '' || (isPath && !/^[/~]/.test(word))) return true;
  }
  return false;
}

/** A PATH with a relative or empty entry looks programs up in the working directory. */
function pathIsRelative(value: string | undefined): boolean {
  return (value ?? '').split(':').some((entry) => !entry.startsWith('/'));
}

/** Runs the scan for the caller, or declines. */
export async function answerScan(scan: ScanCommand, args: string[], env: Record<string, string>, tty: boolean, daemonCwd: string): Promise<ScanAnswer> {
  const reason = declineReason(args, env, daemonCwd);
  if (reason) return { declined: reason };
  let out = '';
  let err = '';
  const ctx: Context = {
    env, home: env.HOME as string, now: () => new Date(),
    out: { write: (text) => { out += text; }, isTTY: tty },
    err: { write: (text) => { err += text; }, isTTY: false },
    interactive: false,
    prompt: () => Promise.reject(new Error('no prompt in the daemon')),
  };
  let code: number;
  try {
    code = await scan(args, ctx);
  } catch {
    return { declined: 'the scan failed (node prints why)' };
  }
  if (err !== '') return { declined: 'the scan wrote to stderr' };
  if (code !== 0 && code !== 1) return { declined: `exit ${code}` };
  return { status: code === 0 ? 200 : SCAN_FINDINGS_STATUS, body: out };
}
