// The credential_process line must split to the same argv in botocore (Python shlex.split) and in
// the JS SDK (which hands it to /bin/sh), for any profile name. Checked against the real python3
// and /bin/sh, not against our own splitter alone.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { credentialProcessLine, parseCredentialProcessLine } from '../../../src/launcher/line.js';

const launcher = '/home/u s/.local/share/keyward/bin/keyward-credential-process';
// A new seed each run, printed in the test name; KEYWARD_FUZZ_SEED=N replays a failure.
const seed = Number(process.env.KEYWARD_FUZZ_SEED ?? Date.now() % 2 ** 31);
const nasty = ['dev', 'my prof', "o'brien", 'say "hi"', '$HOME', '${USER}', 'back\\slash', '`id`', '$(id)',
  'semi;colon&amp|pipe', '*?[glob]', '~tilde', 'ünïcødé', '-dash', "'", '\\', 'trailing\\', ' lead', 'a\tb', '!bang#hash'];

function pythonSplit(lines: string[]): string[][] {
  const code = 'import json,shlex,sys; print(json.dumps([shlex.split(l) for l in json.load(sys.stdin)]))';
  const run = spawnSync('python3', ['-c', code], { input: JSON.stringify(lines), encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as string[][];
}

function shSplit(line: string): string[] {
  const run = spawnSync('/bin/sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.split('\0').slice(0, -1);
}

describe(credentialProcessLine.name, () => {
  it('quotes every part so python shlex.split and /bin/sh both read back the same argv', () => {
    const lines = nasty.map((name) => credentialProcessLine(launcher, name));
    const python = pythonSplit(lines);
    nasty.forEach((name, i) => {
      const expected = [launcher, '--profile', name];
      expect(python[i]).toEqual(expected);
      expect(shSplit(lines[i] as string)).toEqual(expected);
      expect(parseCredentialProcessLine(lines[i] as string)).toEqual({ profile: name, account: name, program: launcher });
    });
  });

  it(`round-trips arbitrary printable names (property, checked against python and sh; seed ${seed})`, () => {
    const names = fc.sample(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => !s.includes('\0')), { numRuns: 60, seed });
    const lines = names.map((name) => credentialProcessLine(launcher, name));
    const python = pythonSplit(lines);
    names.forEach((name, i) => {
      expect(python[i], `seed ${seed}, name ${JSON.stringify(name)}`).toEqual([launcher, '--profile', name]);
      expect(shSplit(lines[i] as string), `seed ${seed}, name ${JSON.stringify(name)}`).toEqual([launcher, '--profile', name]);
    });
  });

  it('names the keychain item with --item only when it is not the profile name', () => {
    const line = credentialProcessLine(launcher, "o'brien", "o'brien (/p q/credentials)");
    expect(pythonSplit([line])[0]).toEqual([launcher, '--profile', "o'brien", '--item', "o'brien (/p q/credentials)"]);
    expect(shSplit(line)).toEqual([launcher, '--profile', "o'brien", '--item', "o'brien (/p q/credentials)"]);
    expect(parseCredentialProcessLine(line)).toEqual({ profile: "o'brien", account: "o'brien (/p q/credentials)", program: launcher });
    expect(() => credentialProcessLine('relative/launcher', 'dev')).toThrow(/absolute/);
  });
});
