// The launcher's fast-path block in a real /bin/sh: it looks where agent/paths.ts says, and it
// asks the agent only for arguments the shim would accept, with the same profile and item. A curl
// of the test's own on PATH records what it was asked and answers; a real socket stands in for
// the agent, so the block's checks (a socket, ours) pass.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentDir } from '../../../src/agent/paths.js';
import { fastPathBlock } from '../../../src/launcher/fast-path.js';
import { parseShimArgs } from '../../../src/shim/args.js';
import { makeTempDir } from '../../support/temp-home.js';

const root = makeTempDir('fast-path');
const runtime = path.join(root, 'run');
const bin = path.join(root, 'bin');
const asked = path.join(root, 'asked');
let server: net.Server;

/** The block, then a marker: printed only when the block fell through to the shim's part. */
function runBlock(args: string[], env: NodeJS.ProcessEnv, platform: NodeJS.Platform = 'linux'): { stdout: string; fellThrough: boolean } {
  const script = [...fastPathBlock({ platform, uid: 1000 }), 'echo "FALLBACK dir=$kw_dir"'].join('\n');
  const run = spawnSync('/bin/sh', ['-c', script, 'launcher', ...args], { env: { PATH: `${bin}:/usr/bin:/bin`, ...env }, encoding: 'utf8' });
  return { stdout: run.stdout, fellThrough: run.stdout.includes('FALLBACK') };
}

beforeAll(async () => {
  fs.mkdirSync(path.join(runtime, 'keyward'), { recursive: true, mode: 0o700 });
  fs.mkdirSync(bin);
  // Records its arguments, NUL-separated (curl would URL-encode them), and answers like the agent.
  fs.writeFileSync(path.join(bin, 'curl'), `#!/bin/sh\nfor a do printf '%s\\0' "$a"; done > ${JSON.stringify(asked)}\nprintf '{"Version":1}'\n`, { mode: 0o755 });
  server = net.createServer().listen(path.join(runtime, 'keyward', 'agent.sock'));
  await new Promise((resolve) => server.once('listening', resolve));
});
afterAll(() => {
  server.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the fast-path block', () => {
  it.each([
    [{ XDG_RUNTIME_DIR: '/run/user/1000' }, 'linux'],
    [{}, 'linux'],
    [{ XDG_RUNTIME_DIR: 'relative' }, 'linux'],
    [{ TMPDIR: '/var/folders/ab/T' }, 'darwin'],
    [{}, 'darwin'],
  ] as const)('looks for the agent where agent/paths.ts says (%j, %s)', (env, platform) => {
    const result = runBlock(['--profile', 'dev'], env, platform);
    expect(result.stdout).toBe(`FALLBACK dir=${agentDir(env, { platform, uid: 1000 })}\n`);
  });

  it('asks with the profile, the item, the caller and the service, and prints the answer with a newline', () => {
    const result = runBlock(['--profile', 'my dev', '--item', 'my dev (/x)'], { XDG_RUNTIME_DIR: runtime, KEYWARD_SERVICE: 'svc' });
    expect(result).toEqual({ stdout: '{"Version":1}\n', fellThrough: false });
    const args = fs.readFileSync(asked, 'utf8').split('\0');
    expect(args).toEqual(expect.arrayContaining(['profile=my dev', 'item=my dev (/x)', 'service=svc', '--fail', '--unix-socket']));
    expect(args.find((a) => a.startsWith('pid='))).toMatch(/^pid=[1-9]\d*$/);
  });

  it('skips the agent when KEYWARD_AGENT=off, or curl is missing', () => {
    expect(runBlock(['--profile', 'dev'], { XDG_RUNTIME_DIR: runtime, KEYWARD_AGENT: 'off' }).fellThrough).toBe(true);
    const noCurl = spawnSync('/bin/sh', ['-c', [...fastPathBlock({ platform: 'linux', uid: 1000 }), 'echo FALLBACK'].join('\n'), 'l', '--profile', 'dev'],
      { env: { PATH: '/nonexistent', XDG_RUNTIME_DIR: runtime }, encoding: 'utf8' });
    expect(noCurl.stdout).toBe('FALLBACK\n');
  });

  it('asks the agent exactly when the shim would accept the arguments, for the same profile and item', () => {
    const word = fc.oneof(fc.constantFrom('--profile', '--item', '--profile=', '--item=', '--help', '-h', '', 'dev', 'a b', "o'x", '--profile=p', '--item=i'), fc.string({ maxLength: 6 }));
    fc.assert(fc.property(fc.array(word, { maxLength: 5 }), (argv) => {
      const clean = argv.map((a) => a.replace(/\0/g, ''));
      let expected: { profile: string; account: string } | undefined;
      try {
        expected = parseShimArgs(clean);
      } catch {
        expected = undefined;
      }
      fs.rmSync(asked, { force: true });
      const result = runBlock(clean, { XDG_RUNTIME_DIR: runtime });
      expect(result.fellThrough).toBe(expected === undefined);
      if (expected === undefined) return;
      const args = fs.readFileSync(asked, 'utf8').split('\0');
      const sent = (name: string) => args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
      expect(sent('profile')).toBe(expected.profile);
      // The agent reads item, or the profile when item is empty: the shim's account.
      expect(sent('item') || sent('profile')).toBe(expected.account);
    }), { numRuns: 150 });
  });
});
