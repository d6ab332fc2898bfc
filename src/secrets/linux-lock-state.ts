// Whether the default Secret Service collection is locked. Needed because libsecret, without a
// prompter (SSH, headless, no $DISPLAY), answers a read of a locked item with "no such item"
// and a delete with "nothing deleted" instead of an error, and keytar's findCredentials crashes
// (SIGSEGV in secret_value_get_text) on a locked item. We only ask on those ambiguous paths, so
// the spawn never costs the successful credential fetch anything.
import { execFile } from 'node:child_process';

export type LockState = 'locked' | 'unlocked' | 'unknown';

const QUERY = [
  '--session', '--print-reply', '--dest=org.freedesktop.secrets',
  '/org/freedesktop/secrets/aliases/default',
  'org.freedesktop.DBus.Properties.Get',
  'string:org.freedesktop.Secret.Collection', 'string:Locked',
];

/** Asks the Secret Service via `dbus-send` (part of every D-Bus install); 'unknown' when it cannot. */
export function defaultCollectionLockState(env: NodeJS.ProcessEnv, timeoutMs = 2000): Promise<LockState> {
  return new Promise((resolve) => {
    execFile('dbus-send', QUERY, { env, timeout: timeoutMs }, (error, stdout) => {
      if (error) return resolve('unknown');
      if (/boolean true/.test(stdout)) return resolve('locked');
      if (/boolean false/.test(stdout)) return resolve('unlocked');
      resolve('unknown');
    });
  });
}
