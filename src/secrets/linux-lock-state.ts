// Whether the default Secret Service collection is locked. Needed because libsecret, without a
// prompter (SSH, headless, no $DISPLAY), answers a read of a locked item with "no such item"
// and a delete with "nothing deleted" instead of an error, and keytar's findCredentials crashes
// (SIGSEGV in secret_value_get_text) on a locked item. We only ask on those ambiguous paths, so
// the spawn never costs the successful credential fetch anything.
import { execFile } from 'node:child_process';

/** 'timeout': the Secret Service is on the bus but did not answer in time (hung, stopped, or starting forever). */
export type LockState = 'locked' | 'unlocked' | 'unknown' | 'timeout';

const QUERY = [
  '--session', '--print-reply', '--dest=org.freedesktop.secrets',
  '/org/freedesktop/secrets/aliases/default',
  'org.freedesktop.DBus.Properties.Get',
  'string:org.freedesktop.Secret.Collection', 'string:Locked',
];

/**
 * Asks the Secret Service via `dbus-send` (part of every D-Bus install); 'unknown' when it cannot,
 * 'timeout' when it got no answer within `timeoutMs` (dbus-send is a child process, so a hung
 * service costs us nothing more than killing it — unlike a keytar call, which blocks a worker thread).
 */
export function defaultCollectionLockState(env: NodeJS.ProcessEnv, timeoutMs = 2000): Promise<LockState> {
  return new Promise((resolve) => {
    const args = [`--reply-timeout=${timeoutMs}`, ...QUERY];
    execFile('dbus-send', args, { env, timeout: timeoutMs + 500 }, (error, stdout) => {
      if (error) return resolve(isTimeout(error) ? 'timeout' : 'unknown');
      if (/boolean true/.test(stdout)) return resolve('locked');
      if (/boolean false/.test(stdout)) return resolve('unlocked');
      resolve('unknown');
    });
  });
}

/** Killed by execFile's timeout, or dbus-send's own "no reply" (org.freedesktop.DBus.Error.NoReply). */
function isTimeout(error: Error & { killed?: boolean; stderr?: unknown }): boolean {
  return error.killed === true || /NoReply|did not receive a reply/i.test(error.message);
}
