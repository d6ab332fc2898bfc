// Whether the default Secret Service collection is locked. Needed because libsecret, without a
// prompter (SSH, headless, no $DISPLAY), answers a read of a locked item with "no such item"
// and a delete with "nothing deleted" instead of an error, and keytar's findCredentials crashes
// (SIGSEGV in secret_value_get_text) on a locked item. We only ask on those ambiguous paths, so
// the spawn never costs the successful credential fetch anything.
import { execFile } from 'node:child_process';

/** 'timeout': the Secret Service is on the bus but did not answer in time (hung, stopped, or starting forever). */
export type LockState = 'locked' | 'unlocked' | 'unknown' | 'timeout';

// GetAll, not Get('Locked'): gnome-keyring-daemon 42 aborts (SIGABRT, GLib's "assertion failed:
// (error != NULL)" in invoke_get_property_in_idle_cb) when the client of a single-property Get is
// gone before its answer, which is what a query we time out and kill is. GLib's GetAll skips a
// property the daemon cannot read instead. Reproduced in a private session: `dbus-send ... Get`
// killed after 1-9 ms, 30 at a time, aborted the daemon; GetAll under the same load never did
// (docs/testing.md, "The test keyring").
const QUERY = [
  '--session', '--print-reply', '--dest=org.freedesktop.secrets',
  '/org/freedesktop/secrets/aliases/default',
  'org.freedesktop.DBus.Properties.GetAll',
  'string:org.freedesktop.Secret.Collection',
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
      resolve(lockedFrom(stdout));
    });
  });
}

/** Killed by execFile's timeout, or dbus-send's own "no reply" (org.freedesktop.DBus.Error.NoReply). */
function isTimeout(error: Error & { killed?: boolean; stderr?: unknown }): boolean {
  return error.killed === true || /NoReply|did not receive a reply/i.test(error.message);
}

/** The Locked entry of dbus-send's printed GetAll reply: `string "Locked"` then `variant boolean X`. */
export function lockedFrom(reply: string): LockState {
  const locked = /string "Locked"\s+variant\s+boolean (true|false)/.exec(reply)?.[1];
  return locked === 'true' ? 'locked' : locked === 'false' ? 'unlocked' : 'unknown';
}
