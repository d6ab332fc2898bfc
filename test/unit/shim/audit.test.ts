import { describe, expect, it } from 'vitest';
import { auditLogPath, parentCommand } from '../../../src/shim/audit.js';

describe(auditLogPath.name, () => {
  it.each([
    ['linux', { XDG_STATE_HOME: '/s' }, '/s/keyward/audit.log'],
    ['linux', { XDG_STATE_HOME: 'relative' }, '/h/.local/state/keyward/audit.log'],
    ['linux', {}, '/h/.local/state/keyward/audit.log'],
    ['freebsd', {}, '/h/.local/state/keyward/audit.log'],
    ['darwin', { XDG_STATE_HOME: '/s' }, '/h/Library/Logs/keyward/audit.log'],
    ['win32', { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'C:\\Users\\u\\AppData\\Local\\keyward\\audit.log'],
  ] as const)('on %s with %j → %s', (platform, env, expected) => {
    expect(auditLogPath(env, '/h', platform)).toBe(expected);
  });
});

describe(parentCommand.name, () => {
  it('reads /proc on Linux and leaves it out elsewhere', () => {
    if (process.platform === 'linux') expect(parentCommand(process.pid)).toMatch(/\S/);
    expect(parentCommand(process.pid, 'darwin')).toBeUndefined();
  });
});
