import { describe, expect, it } from 'vitest';
import { classifyKeytarMessage, keychainError, keychainHint, onKeychainReconnectNeeded } from '../../../src/secrets/keychain-errors.js';

describe(classifyKeytarMessage.name, () => {
  // Messages observed from keytar 7.9 / libsecret with gnome-keyring (docs/shim.md), plus macOS texts.
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no-session-bus'],
    ['Could not connect: No such file or directory', 'no-session-bus'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'no-secret-service'],
    ['Error calling StartServiceByName for org.freedesktop.secrets: Timeout was reached', 'no-secret-service'],
    ['Cannot create an item in a locked collection', 'locked'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'locked'],
    ['User interaction is not allowed.', 'locked'],
    // The Secret Service restarted under a long-lived process (observed: get/delete, then set).
    ['The name :1.0 was not provided by any .service files', 'reconnect'],
    ['The session wrapping the secret does not exist', 'reconnect'],
    ['something new', 'unavailable'],
  ] as const)('%s → %s', (message, problem) => {
    expect(classifyKeytarMessage(message)).toBe(problem);
  });
});

describe(keychainError.name, () => {
  it('maps locked to keychain-locked and the rest to keychain-unavailable, keeping the text as cause only', () => {
    const locked = keychainError(new Error('Cannot create an item in a locked collection'), 'linux');
    expect(locked.code).toBe('keychain-locked');
    const absent = keychainError(new Error('Could not connect: No such file or directory'), 'linux');
    expect(absent).toMatchObject({ code: 'keychain-unavailable' });
    expect(absent.message).not.toContain('Could not connect');
    expect(absent.hint).toMatch(/gnome-keyring|KeePassXC/);
  });

  it('tells the daemon\'s listener when the Secret Service restarted under this process, and only then', () => {
    const heard: string[] = [];
    onKeychainReconnectNeeded(() => heard.push('reconnect'));
    try {
      keychainError(new Error('Could not connect: No such file or directory'), 'linux');
      expect(heard).toEqual([]);
      const stale = keychainError(new Error('The name :1.42 was not provided by any .service files'), 'linux');
      expect(heard).toEqual(['reconnect']);
      expect(stale).toMatchObject({ code: 'keychain-unavailable', message: "the keychain's Secret Service restarted since this process connected to it" });
      expect(stale.hint).toMatch(/^Run the command again/);
    } finally {
      onKeychainReconnectNeeded(undefined);
    }
  });

  it.each([
    ['darwin', /security unlock-keychain/],
    ['win32', /Credential Manager/],
    ['linux', /[Uu]nlock the keyring/],
  ] as const)('gives a %s hint for a locked keychain', (platform, hint) => {
    expect(keychainHint('locked', platform)).toMatch(hint);
  });
});
