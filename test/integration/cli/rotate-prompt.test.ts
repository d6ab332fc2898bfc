// keyward rotate asks on a terminal, like migrate: "n" changes nothing (no AWS call at all), "y"
// rotates. Runs the command in-process with a terminal-like context against the emulator.
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/commands/rotate.js';
import type { Context } from '../../../src/context.js';
import { PROFILE, makeRotateHome, type RotateHome } from '../../support/rotate-home.js';

let h: RotateHome | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function terminal(home: RotateHome, answer: string): { ctx: Context; out: string[]; asked: string[] } {
  const out: string[] = [];
  const asked: string[] = [];
  const ctx: Context = {
    env: home.env, home: home.home, now: () => new Date(), interactive: true,
    out: { write: (t) => void out.push(t), isTTY: true }, err: { write: (t) => void out.push(t), isTTY: true },
    prompt: async (question) => {
      asked.push(question);
      return answer;
    },
  };
  return { ctx, out, asked };
}

describe('keyward rotate on a terminal', () => {
  it('asks, and on "n" changes nothing and calls no AWS API', async () => {
    h = await makeRotateHome('rotate-prompt-no', 110);
    const t = terminal(h, 'n');
    expect(await run(['--profile', PROFILE], t.ctx)).toBe(0);
    expect(t.asked).toEqual(['Rotate now? [y/N] ']);
    expect(t.out.join('')).toContain("keyward would create a new access key in IAM for profile 'work', switch the profile to it, and deactivate the old key.");
    expect(t.out.join('')).toContain('Nothing was changed.');
    expect(h.aws.requests).toEqual([]);
    expect(await h.itemKey('key')).toBe(h.first.id);
  });

  it('on "y" rotates', async () => {
    h = await makeRotateHome('rotate-prompt-yes', 111);
    const t = terminal(h, 'y');
    expect(await run(['--profile', PROFILE, '--delete-old'], t.ctx)).toBe(0);
    expect(t.out.join('')).toContain('and delete the old key.');
    const current = await h.itemKey('key');
    expect(h.aws.keys('alice').map((k) => k.id)).toEqual([current]);
    expect(current).not.toBe(h.first.id);
  });
});
