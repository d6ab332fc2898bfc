// The daemon tests' layer on the kit: a temp HOME (temp-home.ts) without ~/.aws, so keyward sees
// it appear, and with this process's env (the session's bus and keyring); the real
// `keyward watch --format json` as a child process, its events in a recorder (events.ts); a fake
// desktop that records what it would show.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { DaemonEvent } from '../../src/daemon/events.js';
import type { DesktopNotifier } from '../../src/daemon/sinks/desktop.js';
import { jsonLines, recorder, type Recorder } from './events.js';
import { KEY_ID, SECRET } from './keys.js';
import { binKeyward } from './paths.js';
import { createTempHome } from './temp-home.js';

/** A credentials file holding one long-term pair (KEY_ID/SECRET unless given). */
export function credentialsText(profile = 'default', id = KEY_ID, secret = SECRET): string {
  return `[${profile}]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`;
}

export interface WatchHome {
  home: string;
  env: NodeJS.ProcessEnv;
  aws: (name: string) => string;
  logFile: string;
}

export function createWatchHome(label: string): WatchHome {
  const { root, home, env, aws } = createTempHome(label, { awsDir: false, inheritEnv: true });
  // A runtime directory of its own: the daemon's agent listens in $XDG_RUNTIME_DIR/keyward, and
  // daemons of tests running in parallel must not meet on one socket.
  const runtime = path.join(root, 'run');
  fs.mkdirSync(runtime, { mode: 0o700 });
  return { home, env: { ...env, XDG_RUNTIME_DIR: runtime }, aws, logFile: path.join(home, '.local/state/keyward/keyward.log') };
}

export interface WatchProcess extends Pick<Recorder<DaemonEvent>, 'events' | 'next'> {
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  /** Sends `signal` (a crash: SIGKILL) and resolves when the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Sends `signal` and returns at once (SIGSTOP, SIGCONT). */
  signal(signal: NodeJS.Signals): void;
  stderr(): string;
}

/** `keyward watch --format json` as a child; `program` is bin/keyward unless a test runs an installed copy. */
export function startWatch(env: NodeJS.ProcessEnv, program: string = binKeyward): WatchProcess {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [program, 'watch', '--format', 'json'], { env });
  let stderr = '';
  const seen = recorder<DaemonEvent>(() => `stderr: ${stderr}`);
  const onStdout = jsonLines(seen);
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  child.stdout.on('data', (chunk: Buffer) => onStdout(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    events: seen.events,
    next: (match, timeoutMs) => seen.next(match, timeoutMs),
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: async (signal) => {
      child.kill(signal);
      await exited;
    },
    signal: (signal) => { child.kill(signal); },
    stderr: () => stderr,
  };
}

/** Matches an event by name and, optionally, rule. */
export const is = (name: DaemonEvent['event'], ruleId?: string) => (event: DaemonEvent): boolean =>
  event.event === name && (ruleId === undefined || ('ruleId' in event && event.ruleId === ruleId));

export interface Notification {
  title: string;
  body: string;
}

/** The fake desktop: records what would have been shown instead of showing it; `next` awaits one. */
export function recordingDesktop(): DesktopNotifier & { shown: Notification[]; next: Recorder<Notification>['next'] } {
  const shown = recorder<Notification>();
  return {
    shown: shown.events,
    next: (match, timeoutMs) => shown.next(match, timeoutMs),
    notify: async (title, body) => { shown.push({ title, body }); return true; },
  };
}

/** Writes `text` to `file` the way editors and `aws configure` do: a temp file renamed over it. */
export function writeByRename(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, text, { mode: 0o600 });
  fs.renameSync(temp, file);
}
