// Helpers for the daemon tests: a temp HOME per test with its own XDG dirs and keychain service,
// the real `keyward watch --format json` as a child process, and a way to await its events.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DaemonEvent } from '../../src/daemon/events.js';
import type { DesktopNotifier } from '../../src/daemon/sinks/desktop.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const binKeyward = path.join(repoRoot, 'bin/keyward');

/** A fake long-term key pair used only by these tests; the log must never contain the secret. */
export const FIXTURE_KEY_ID = 'AKIAQWERTYUIOP234567';
export const FIXTURE_SECRET = 'fIxTuReSeCrEt/dAeMoN+tEsT0123456789abcde';

export function credentialsText(profile = 'default', id = FIXTURE_KEY_ID, secret = FIXTURE_SECRET): string {
  return `[${profile}]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`;
}

export interface WatchHome {
  home: string;
  env: NodeJS.ProcessEnv;
  aws: (name: string) => string;
  logFile: string;
}

export function createWatchHome(label: string): WatchHome {
  const home = fs.mkdtempSync(path.join(process.env.HOME ?? os.tmpdir(), `watch-${label}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env, HOME: home, KEYWARD_SERVICE: `keyward-test-${label}-${process.pid}-${Date.now()}`,
    XDG_CONFIG_HOME: path.join(home, '.config'), XDG_STATE_HOME: path.join(home, '.local/state'),
    XDG_DATA_HOME: path.join(home, '.local/share'), KEYWARD_FLEET_POLICY: path.join(home, 'fleet/policy.ini'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  delete env.AWS_CONFIG_FILE;
  delete env.AWS_SHARED_CREDENTIALS_FILE;
  return { home, env, aws: (name) => path.join(home, '.aws', name), logFile: path.join(home, '.local/state/keyward/keyward.log') };
}

export interface WatchProcess {
  events: DaemonEvent[];
  /** Resolves with the first event (seen so far or later) matching `match`; rejects after `timeoutMs`. */
  next(match: (event: DaemonEvent) => boolean, timeoutMs?: number): Promise<DaemonEvent>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  stderr(): string;
}

export function startWatch(env: NodeJS.ProcessEnv): WatchProcess {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [binKeyward, 'watch', '--format', 'json'], { env });
  const events: DaemonEvent[] = [];
  const waiters: { match: (e: DaemonEvent) => boolean; resolve: (e: DaemonEvent) => void }[] = [];
  let buffer = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const event = JSON.parse(buffer.slice(0, end)) as DaemonEvent;
      buffer = buffer.slice(end + 1);
      events.push(event);
      for (const waiter of waiters.filter((w) => w.match(event))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    events,
    next: (match, timeoutMs = 20_000) => new Promise((resolve, reject) => {
      const seen = events.find(match);
      if (seen) return resolve(seen);
      const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}; stderr: ${stderr}`)), timeoutMs);
      waiters.push({ match, resolve: (event) => { clearTimeout(timer); resolve(event); } });
    }),
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    stderr: () => stderr,
  };
}

/** Matches an event by name and, optionally, rule. */
export const is = (name: DaemonEvent['event'], ruleId?: string) => (event: DaemonEvent): boolean =>
  event.event === name && (ruleId === undefined || ('ruleId' in event && event.ruleId === ruleId));

/** The fake desktop: records what would have been shown instead of showing it. */
export function recordingDesktop(): DesktopNotifier & { shown: { title: string; body: string }[] } {
  const shown: { title: string; body: string }[] = [];
  return { shown, notify: async (title, body) => { shown.push({ title, body }); return true; } };
}

/** Writes `text` to `file` the way editors and `aws configure` do: a temp file renamed over it. */
export function writeByRename(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, text, { mode: 0o600 });
  fs.renameSync(temp, file);
}
