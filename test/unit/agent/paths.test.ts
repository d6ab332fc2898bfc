// Where the agent's socket lives, per environment and OS (the launcher's shell copy of the rule is
// checked against this function in test/integration/launcher/fast-path.test.ts).
import { describe, expect, it } from 'vitest';
import { agentDir, agentSocketPath } from '../../../src/agent/paths.js';

describe(agentDir.name, () => {
  it.each([
    [{ XDG_RUNTIME_DIR: '/run/user/1000' }, 'linux', '/run/user/1000/keyward'],
    [{ XDG_RUNTIME_DIR: '/run/user/1000', TMPDIR: '/var/folders/ab/T' }, 'darwin', '/run/user/1000/keyward'],
    [{}, 'linux', '/tmp/keyward-1000'],
    [{ XDG_RUNTIME_DIR: '' }, 'linux', '/tmp/keyward-1000'],
    // A relative runtime dir would name a different socket in every working directory.
    [{ XDG_RUNTIME_DIR: 'run' }, 'linux', '/tmp/keyward-1000'],
    [{ TMPDIR: '/var/tmp' }, 'linux', '/tmp/keyward-1000'],
    [{ TMPDIR: '/var/folders/ab/T/' }, 'darwin', '/var/folders/ab/T/keyward'],
    [{}, 'darwin', '/tmp/keyward'],
  ] as const)('%j on %s → %s', (env, platform, dir) => {
    expect(agentDir(env, { platform, uid: 1000 })).toBe(dir);
    expect(agentSocketPath(env, { platform, uid: 1000 })).toBe(`${dir}/agent.sock`);
  });
});
