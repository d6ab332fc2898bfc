// Turns what keytar throws into KeywardError codes with a hint for this OS. keytar only gives us
// the platform library's message text, so the mapping is by message; each pattern below was
// observed (Linux, libsecret via gnome-keyring, see docs/shim.md) or is the documented text of
// the macOS Security framework / Windows Credential Manager error.
import { KeywardError } from '../errors.js';

export type KeychainProblem = 'locked' | 'no-session-bus' | 'no-secret-service' | 'reconnect' | 'unavailable';

const PATTERNS: ReadonlyArray<[RegExp, KeychainProblem]> = [
  // libsecret: writing to a locked collection (reads of a locked item just return null).
  [/locked collection|is locked|\blocked\b/i, 'locked'],
  // macOS: errSecInteractionNotAllowed (locked, no UI), errSecAuthFailed, errSecUserCanceled.
  [/interaction is not allowed|passphrase you entered|user canceled/i, 'locked'],
  // gnome-keyring started without a login keyring (never unlocked since boot): the fix is the same.
  [/Object does not exist at path/i, 'locked'],
  // The Secret Service restarted after this process first used it (gnome-keyring killed or
  // replaced): libsecret keeps calling the old daemon's unique bus name (`:1.0`) and its session,
  // and drops them only from a GLib main loop, which Node does not run. Only a new process
  // reconnects (observed: get/delete give the first text, set the second).
  [/The name :\d+\.\d+ was not provided|session wrapping the secret does not exist/i, 'reconnect'],
  // libsecret/GDBus: no DBUS_SESSION_BUS_ADDRESS, or it points at a dead socket.
  [/autolaunch D-Bus|Could not connect|DBUS_SESSION_BUS_ADDRESS|Connection refused/i, 'no-session-bus'],
  // A session bus, but nothing owns org.freedesktop.secrets (or it failed to start).
  [/org\.freedesktop\.secrets|ServiceUnknown|StartServiceByName/i, 'no-secret-service'],
];

export function classifyKeytarMessage(message: string): KeychainProblem {
  for (const [pattern, problem] of PATTERNS) if (pattern.test(message)) return problem;
  return 'unavailable';
}

/** What the user can do about a problem on this platform. */
export function keychainHint(problem: KeychainProblem | 'timeout', platform: NodeJS.Platform): string {
  if (platform === 'darwin') {
    return problem === 'locked'
      ? 'Unlock the login keychain in Keychain Access, or run `security unlock-keychain`.'
      : 'Open Keychain Access and check that the login keychain exists and is the default.';
  }
  if (platform === 'win32') {
    return 'Check that Credential Manager works for this user (Control Panel > Credential Manager).';
  }
  switch (problem) {
    case 'locked':
      return 'Unlock the keyring (log in to the desktop, or open Passwords and Keys / KeePassXC and unlock it), then retry.';
    case 'timeout':
      return 'The Secret Service did not answer; check that gnome-keyring or KeePassXC is running and not waiting on a prompt (KEYWARD_KEYCHAIN_TIMEOUT_MS raises the limit).';
    case 'reconnect':
      return 'Run the command again (a new process connects to the new Secret Service); keyward watch restarts itself for this.';
    case 'no-session-bus':
      return 'There is no D-Bus session here: run inside a desktop session, or start one (e.g. `dbus-run-session`) with gnome-keyring or KeePassXC\'s Secret Service.';
    default:
      return 'Start gnome-keyring or KeePassXC\'s Secret Service, or run inside a desktop session.';
  }
}

export const KEYCHAIN_MESSAGES: Readonly<Record<KeychainProblem, string>> = {
  'locked': 'the keychain is locked',
  'no-session-bus': 'the keychain is unreachable (no D-Bus session bus)',
  'no-secret-service': 'the keychain is unreachable (no Secret Service on the D-Bus session bus)',
  'reconnect': 'the keychain\'s Secret Service restarted since this process connected to it',
  'unavailable': 'the keychain is unavailable',
};

let reconnectListener: (() => void) | undefined;

/**
 * The daemon's hook (daemon/run.ts): called when a keychain call finds the Secret Service
 * restarted under this process. A long-lived process cannot reconnect (see PATTERNS), so
 * `keyward watch` restarts itself; a command or the shim just fails with the hint to run again.
 */
export function onKeychainReconnectNeeded(listener: (() => void) | undefined): void {
  reconnectListener = listener;
}

/** A KeywardError for a keytar failure; the library's text is kept as the cause, not shown. */
export function keychainError(cause: unknown, platform: NodeJS.Platform): KeywardError {
  const text = cause instanceof Error ? cause.message : String(cause);
  const problem = classifyKeytarMessage(text);
  const code = problem === 'locked' ? 'keychain-locked' : 'keychain-unavailable';
  if (problem === 'reconnect') reconnectListener?.();
  return new KeywardError(code, KEYCHAIN_MESSAGES[problem], keychainHint(problem, platform), { cause });
}

export function lockedError(platform: NodeJS.Platform): KeywardError {
  return new KeywardError('keychain-locked', KEYCHAIN_MESSAGES.locked, keychainHint('locked', platform));
}

export function timeoutError(ms: number, platform: NodeJS.Platform): KeywardError {
  return new KeywardError('keychain-timeout', `the keychain did not answer within ${ms} ms`,
    keychainHint('timeout', platform));
}
