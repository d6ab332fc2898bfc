import { describe, expect, it } from 'vitest';
import { lockedFrom } from '../../../src/secrets/linux-lock-state.js';

// dbus-send --print-reply's rendering of the default collection's GetAll reply, as gnome-keyring 42
// answers it (captured in the private test session); Items comes before Locked.
function reply(locked: string, items = ''): string {
  return `method return time=1795723796.407071 sender=:1.1 -> destination=:1.4 serial=5 reply_serial=2
   array [
      dict entry(
         string "Items"
         variant             array [${items}
            ]
      )
      dict entry(
         string "Label"
         variant             string "Login"
      )
      dict entry(
         string "Locked"
         variant             boolean ${locked}
      )
      dict entry(
         string "Created"
         variant             uint64 1795723796
      )
   ]
`;
}

describe('lockedFrom', () => {
  it('reads Locked out of the GetAll reply', () => {
    expect(lockedFrom(reply('true'))).toBe('locked');
    expect(lockedFrom(reply('false'))).toBe('unlocked');
  });

  it('is not fooled by an item or label that mentions a boolean', () => {
    const items = '\n               object path "/org/freedesktop/secrets/collection/login/1"';
    expect(lockedFrom(reply('false', items).replace('string "Login"', 'string "boolean true"'))).toBe('unlocked');
  });

  it('answers unknown when the daemon left Locked out (it could not read it) or replied otherwise', () => {
    const withoutLocked = reply('true').replace(/dict entry\(\s+string "Locked"[\s\S]*?\)\n/, '');
    expect(withoutLocked).not.toContain('Locked');
    expect(lockedFrom(withoutLocked)).toBe('unknown');
    expect(lockedFrom('')).toBe('unknown');
  });
});
