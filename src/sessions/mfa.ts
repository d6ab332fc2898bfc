// Where the MFA code comes from. The AWS CLI and the SDKs capture the shim's stdout and stderr,
// so a prompt there is never seen (aws-vault #1015, #605). The sources, in the policy's
// mfa_prompt order: the profile's mfa_process (a command whose stdout is the code), a desktop
// dialog, the controlling terminal. The first one available asks; none → one clear error, at once.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import tty from 'node:tty';
import type { Env } from '../awsconfig/paths.js';
import { textToShow } from '../display.js';
import { KeywardError } from '../errors.js';
import type { PromptSource } from './settings.js';

export interface CodeRequest {
  profile: string;
  mfaSerial: string;
  mfaProcess?: string;
  order: readonly PromptSource[];
  env: Env;
  /** The previous code was refused: say so in the prompt. */
  retry: boolean;
  platform?: NodeJS.Platform;
}

/** A person (or ykman) has this long to answer one prompt. */
export const PROMPT_TIMEOUT_MS = 90_000;

/** The code, or undefined when this source is not available here (the next one is tried). */
type Source = (request: CodeRequest, text: string) => Promise<string | undefined>;

const SOURCES: Readonly<Record<PromptSource, Source>> = { process: fromProcess, desktop: fromDesktop, terminal: fromTerminal };

export function promptText(request: Pick<CodeRequest, 'profile' | 'mfaSerial' | 'retry'>): string {
  const again = request.retry ? 'That code was not accepted. ' : '';
  return textToShow(`${again}MFA code for AWS profile '${request.profile}' (${request.mfaSerial}):`);
}

/** Asks the first available source for a code; throws `mfa-unavailable` when none is. */
export async function askMfaCode(request: CodeRequest): Promise<{ code: string; source: PromptSource }> {
  const text = promptText(request);
  for (const source of request.order) {
    const code = await SOURCES[source](request, text);
    if (code !== undefined) return { code: code.trim(), source };
  }
  throw new KeywardError('mfa-unavailable', `an MFA code is needed and there is no way to ask for one here (tried ${request.order.join(', ')})`,
    'Set mfa_process on the profile (a command that prints the code, e.g. `ykman oath accounts code -s NAME`), or run from a terminal or a desktop session.');
}

/**
 * The sources a daemon may ask for a code itself (issue 14, the agent): the policy's order up to
 * its first `terminal` (a daemon has none, and the caller's terminal is the shim's to use), keeping
 * those available in the daemon's own session: the profile's mfa_process, a dialog where the daemon
 * has a display. Empty: the agent does not ask, and the launcher's shim does, as without an agent.
 */
export function daemonPromptOrder(order: readonly PromptSource[], mfaProcess: string | undefined, env: Env, platform: NodeJS.Platform): PromptSource[] {
  const usable: PromptSource[] = [];
  for (const source of order) {
    if (source === 'terminal') break;
    if (source === 'process' && mfaProcess) usable.push(source);
    if (source === 'desktop' && desktopCommand('', env, platform)) usable.push(source);
  }
  return usable;
}

interface Run {
  status: number | null;
  stdout: string;
  /** The program could not be started (not installed). */
  missing: boolean;
}

/** Runs a program with stdin closed, capturing stdout; ends it after PROMPT_TIMEOUT_MS. */
function run(file: string, args: string[], env: Env): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { env: { ...env }, stdio: ['ignore', 'pipe', 'inherit'], timeout: PROMPT_TIMEOUT_MS, windowsHide: false });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk.slice(0, 4096); });
    child.on('error', () => resolve({ status: null, stdout: '', missing: true }));
    child.on('close', (status) => resolve({ status, stdout, missing: false }));
  });
}

async function fromProcess(request: CodeRequest): Promise<string | undefined> {
  if (!request.mfaProcess) return undefined;
  const windows = (request.platform ?? process.platform) === 'win32';
  const result = windows ? await run('cmd.exe', ['/d', '/s', '/c', request.mfaProcess], request.env)
    : await run('/bin/sh', ['-c', request.mfaProcess], request.env);
  if (result.status !== 0) {
    throw new KeywardError('mfa-process-failed', `the profile's mfa_process ${result.missing ? 'could not be started' : `exited with status ${result.status ?? 'killed'}`}`,
      'Run the command yourself to see why; it must print the MFA code on stdout.');
  }
  return result.stdout;
}

/** `name` found on PATH as an executable file, or undefined. */
export function onPath(name: string, env: Env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The dialog command for this OS, or undefined when there is no desktop to show it on. */
export function desktopCommand(text: string, env: Env, platform: NodeJS.Platform): [string, string[]] | undefined {
  if (platform === 'darwin') {
    return ['/usr/bin/osascript', ['-e', 'on run argv', '-e', 'display dialog (item 1 of argv) default answer "" with title "keyward"',
      '-e', 'text returned of result', '-e', 'end run', text]];
  }
  if (platform === 'win32') {
    // The text travels in an environment variable, so no quoting of it reaches PowerShell's parser.
    return ['powershell.exe', ['-NoProfile', '-NonInteractive', '-Command',
      'Add-Type -AssemblyName Microsoft.VisualBasic; [Microsoft.VisualBasic.Interaction]::InputBox($env:KEYWARD_MFA_PROMPT, "keyward")']];
  }
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return undefined;
  const zenity = onPath('zenity', env);
  if (zenity) return [zenity, ['--entry', '--title=keyward', `--text=${text}`]];
  const kdialog = onPath('kdialog', env);
  if (kdialog) return [kdialog, ['--title', 'keyward', '--inputbox', text]];
  return undefined;
}

async function fromDesktop(request: CodeRequest, text: string): Promise<string | undefined> {
  const platform = request.platform ?? process.platform;
  const command = desktopCommand(text, request.env, platform);
  if (!command) return undefined;
  const result = await run(command[0], command[1], { ...request.env, KEYWARD_MFA_PROMPT: text });
  if (result.missing) return undefined;
  if (result.status !== 0 || result.stdout.trim() === '') throw cancelled();
  return result.stdout;
}

/** The controlling terminal, even when stdin/stdout/stderr are pipes (as under the AWS CLI). */
async function fromTerminal(request: CodeRequest, text: string): Promise<string | undefined> {
  if ((request.platform ?? process.platform) === 'win32') return undefined;
  let fd: number;
  try {
    fd = fs.openSync('/dev/tty', fs.constants.O_RDWR | (fs.constants.O_NOCTTY ?? 0));
  } catch {
    return undefined; // no controlling terminal (ENXIO), or none at all
  }
  const input = new tty.ReadStream(fd);
  try {
    fs.writeSync(fd, `${text} `);
    const line = await readLine(input);
    if (line === undefined) throw cancelled();
    return line;
  } finally {
    input.destroy(); // closes fd
  }
}

function readLine(input: tty.ReadStream): Promise<string | undefined> {
  return new Promise((resolve) => {
    let text = '';
    const timer = setTimeout(() => done(undefined), PROMPT_TIMEOUT_MS);
    const done = (value: string | undefined): void => {
      clearTimeout(timer);
      input.removeAllListeners('data');
      input.pause();
      resolve(value);
    };
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      text += chunk;
      const end = text.search(/\r|\n/);
      if (end >= 0) done(text.slice(0, end));
    });
    input.on('end', () => done(undefined));
    input.on('error', () => done(undefined));
  });
}

function cancelled(): KeywardError {
  return new KeywardError('mfa-cancelled', 'no MFA code was entered', 'Run the command again and enter the code.');
}
