// The scan tests' layer on temp-home.ts: a temp HOME holding the given files, and a Context over
// it whose env holds only what the test gives it (so the scan sees no variable from this process).
import path from 'node:path';
import type { Context } from '../../src/context.js';
import { createTempHome, homeLayout, type HomeFile } from './temp-home.js';

export type { HomeFile } from './temp-home.js';

/** A fresh HOME with `files` (mode 0600 unless given) in a 0700 ~/.aws; returns HOME's path. */
export async function makeHome(files: Record<string, HomeFile>): Promise<string> {
  return createTempHome('scan', { files }).home;
}

export interface TestContext extends Context {
  stdout: () => string;
  stderr: () => string;
}

/** A Context over a HOME from makeHome, with buffers for output. */
export function testContext(home: string, env: Record<string, string> = {}, isTTY = false): TestContext {
  const layout = homeLayout(path.dirname(home));
  let out = '';
  let err = '';
  return {
    env: { HOME: home, PATH: '/usr/local/bin:/usr/bin:/bin', KEYWARD_FLEET_POLICY: layout.fleetPolicy, XDG_CONFIG_HOME: layout.xdg.XDG_CONFIG_HOME, ...env },
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
