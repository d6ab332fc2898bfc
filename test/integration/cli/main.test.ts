// The CLI's front door: --help lists every command, an unknown command or flag is one line and exit 2.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { binKeyward } from '../../support/paths.js';

const keyward = (args: string[]) => spawnSync(process.execPath, [binKeyward, ...args], { encoding: 'utf8' });

describe('bin/keyward', () => {
  it('lists every command in --help', () => {
    const run = keyward(['--help']);
    expect(run.status).toBe(0);
    for (const name of ['scan', 'migrate', 'restore', 'status', 'watch', 'service', 'credential-process']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });

  it.each([
    [['frobnicate'], "keyward: unknown command 'frobnicate'. Run 'keyward --help' to list the commands."],
    [['scan', '--format', 'xml'], /^keyward: .*xml.*\n$/],
  ])('answers %j with one line on stderr and exit 2', (args, message) => {
    const run = keyward(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    if (typeof message === 'string') expect(run.stderr).toBe(`${message}\n`);
    else expect(run.stderr).toMatch(message);
  });
});
