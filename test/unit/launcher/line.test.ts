// The credential_process line must split to the same argv in botocore (Python shlex.split) and in
// the JS SDK (which hands it to /bin/sh), for any profile name. Checked against the real python3
// and /bin/sh, not against our own splitter alone.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { launcherPath, launcherScript } from '../../../src/launcher/install.js';
import { credentialProcessLine, parseCredentialProcessLine } from '../../../src/launcher/line.js';

const launcher = '/home/u s/.local/share/keyward/bin/keyward-credential-process';
const nasty = ['dev', 'my prof', "o'brien", 'say "hi"', '$HOME', '${USER}', 'back\\slash', '`id`', '$(id)',
  'semi;colon&amp|pipe', '*?[glob]', '~tilde', 'ünïcødé', '-dash', "'", '\\', 'trailing\\', ' lead', 'a\tb', '!bang#hash'];
// A new seed each run, printed in the test name; KEYWARD_FUZZ_SEED=N replays a failure.
const seed = Number(process.env.KEYWARD_FUZZ_SEED ?? Date.now() % 2 ** 31);

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

  it('leaves plain words bare, as a person would write them', () => {
    expect(credentialProcessLine('/h/.local/share/keyward/bin/keyward-credential-process', 'dev'))
      .toBe('/h/.local/share/keyward/bin/keyward-credential-process --profile dev');
    expect(credentialProcessLine(launcher, 'my prof')).toBe(`'${launcher}' --profile 'my prof'`);
  });
});

describe(parseCredentialProcessLine.name, () => {
  it.each([
    ['/usr/local/bin/keyward credential-process --profile dev', { profile: 'dev', account: 'dev', program: '/usr/local/bin/keyward' }],
    ['/x/keyward-credential-process --profile=dev', { profile: 'dev', account: 'dev', program: '/x/keyward-credential-process' }],
    ["/x/keyward-credential-process --profile dev --item 'dev (/p/c)'", { profile: 'dev', account: 'dev (/p/c)', program: '/x/keyward-credential-process' }],
    ['aws-vault export --format=json dev', undefined],
    ['/x/keyward-credential-process --profile', undefined],
    ['/x/keyward-credential-process --profile a b', undefined],
    ["/x/keyward-credential-process --profile 'unclosed", undefined],
    ['/x/keyward scan', undefined],
    ['', undefined],
  ])('%j → %j', (line, expected) => {
    expect(parseCredentialProcessLine(line)).toEqual(expected);
  });
});

describe(launcherPath.name, () => {
  it('uses XDG_DATA_HOME when absolute, else ~/.local/share', () => {
    expect(launcherPath({ XDG_DATA_HOME: '/d' }, '/h')).toBe('/d/keyward/bin/keyward-credential-process');
    expect(launcherPath({ XDG_DATA_HOME: 'rel' }, '/h')).toBe('/h/.local/share/keyward/bin/keyward-credential-process');
    expect(launcherPath({}, '/h')).toBe('/h/.local/share/keyward/bin/keyward-credential-process');
  });
});

describe(launcherScript.name, () => {
  it('records node and the entry quoted, falls back to node on PATH, and execs with "$@"', () => {
    const text = launcherScript("/opt/no de/bin/node", "/opt/it's/dist/shim/main.js");
    expect(text).toMatch(/^#!\/bin\/sh\n/);
    expect(text).toContain("node='/opt/no de/bin/node'");
    expect(text).toContain("entry='/opt/it'\\''s/dist/shim/main.js'");
    expect(text).toContain('[ -x "$node" ] || node=node');
    expect(text).toContain('exec "$node" "$entry" "$@"');
  });
});
