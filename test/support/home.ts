// A real temporary HOME for scan tests: each test gets its own directory under os.tmpdir().
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Context } from '../../src/context.js';

export interface HomeFile {
  /** A Buffer for bytes that are not UTF-8. */
  text: string | Buffer;
  mode?: number;
}

export async function makeHome(files: Record<string, string | HomeFile>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'keyward-scan-'));
  const home = path.join(root, 'home');
  await mkdir(path.join(home, '.aws'), { recursive: true, mode: 0o700 });
  await chmod(path.join(home, '.aws'), 0o700);
  for (const [name, spec] of Object.entries(files)) {
    const file = typeof spec === 'object' ? spec : { text: spec };
    const full = path.join(home, name);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, file.text);
    await chmod(full, file.mode ?? 0o600);
  }
  return home;
}

export interface TestContext extends Context {
  stdout: () => string;
  stderr: () => string;
}

/** A Context over a temp HOME with buffers for output; env holds only what the test gives it. */
export function testContext(home: string, env: Record<string, string> = {}, isTTY = false): TestContext {
  let out = '';
  let err = '';
  return {
    env: { HOME: home, PATH: '/usr/local/bin:/usr/bin:/bin', KEYWARD_FLEET_POLICY: path.join(home, 'no-fleet-policy.ini'), XDG_CONFIG_HOME: path.join(home, '.config'), ...env },
    home,
    now: () => new Date('2026-06-01T00:00:00Z'),
    out: { write: (text) => void (out += text), isTTY },
    err: { write: (text) => void (err += text), isTTY: false },
    interactive: false,
    prompt: () => Promise.reject(new Error('no prompt in tests')),
    stdout: () => out,
    stderr: () => err,
  };
}
