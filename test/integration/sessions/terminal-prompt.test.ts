// The /dev/tty prompt on a real pseudo-terminal (`script` gives the shim one as its controlling
// terminal), while the shim's stdout and stderr go to files as they go to the AWS CLI's pipes:
// the code typed there reaches STS, and a refused code is asked for once more.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { commandToShow } from '../../../src/display.js';
import { shimEntry } from '../../support/paths.js';
import { MFA_SERIAL, createSessionFixture, putKey, type SessionFixture } from '../../support/session-fixture.js';

let f: SessionFixture;
beforeEach(async () => {
  f = await createSessionFixture('tty');
  await putKey(f, 'dev');
  f.config({ dev: { mfa_serial: MFA_SERIAL } });
});
afterEach(async () => f.cleanup());

/** Runs the shim under `script`, types `input` on its terminal; returns what the terminal showed and the shim's stdout, stderr. */
function onTerminal(input: string): Promise<{ terminal: string; stdout: string; stderr: string }> {
  const out = path.join(f.home, 'out');
  const err = path.join(f.home, 'err');
  const command = `${commandToShow([process.execPath, shimEntry, '--profile', 'dev'])} >${out} 2>${err}`;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { env: f.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let terminal = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => { terminal += c; });
    child.on('error', reject);
    child.on('close', () => resolve({ terminal, stdout: fs.readFileSync(out, 'utf8'), stderr: fs.readFileSync(err, 'utf8') }));
    child.stdin.end(input);
  });
}

it('asks on the controlling terminal when there is no mfa_process and no desktop', async () => {
  const run = await onTerminal('123456\n');
  expect(run.terminal).toContain(`MFA code for AWS profile 'dev' (${MFA_SERIAL}):`);
  expect(run.stderr).toBe('');
  expect((JSON.parse(run.stdout) as { AccessKeyId: string }).AccessKeyId).toMatch(/^ASIA/);
  expect(f.sts.calls.map((c) => c.code)).toEqual(['123456']);
});

it('asks once more after a refused code, and takes the second', async () => {
  const run = await onTerminal('111111\n123456\n');
  expect(run.terminal).toContain('That code was not accepted.');
  expect(f.sts.calls.map((c) => c.code)).toEqual(['111111', '123456']);
  expect((JSON.parse(run.stdout) as { AccessKeyId: string }).AccessKeyId).toMatch(/^ASIA/);
});
