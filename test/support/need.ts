// A test that needs something this machine may lack (a tool, root, a mount) skips without it on a
// developer's machine, and fails instead when KEYWARD_STRICT_SKIPS=1: `.ci/run` sets that under
// CI=true after installing everything the tests need, so a skip there is a gap, never silence.
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'vitest';

export const strictSkips = process.env.KEYWARD_STRICT_SKIPS === '1';

/** True when `tool` is on PATH. */
export function hasTool(tool: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', tool]).status === 0;
}

export const isRoot = process.getuid?.() === 0;

/**
 * Skips the running test when `available` is false, or throws under KEYWARD_STRICT_SKIPS=1.
 * `what` says what is missing and how to get it.
 */
export function need(ctx: TestContext, available: boolean, what: string): void {
  if (available) return;
  if (strictSkips) throw new Error(`cannot run: ${what} (KEYWARD_STRICT_SKIPS=1 turns this skip into a failure)`);
  ctx.skip(what);
}
