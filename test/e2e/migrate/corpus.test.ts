// A generated adversarial HOME, migrated and restored for real: profile names with control
// characters, ANSI escapes, a leading dash, shell metacharacters, 5,000 characters and a NUL;
// a duplicate-profile pair; 1 MB crafted lines in start-up files; a FIFO and a device link among
// the files scan reads. botocore must resolve every profile to the same key before, after migrate
// and after restore, and no migrated secret may exist anywhere in the temp HOME in between.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBotocore } from '../../support/aws-clients.js';
import { fakeKey } from '../../support/keys.js';
import { makeMigrateHome } from '../../support/migrate-home.js';
import type { MigrateHome } from '../../support/migrate-home.js';

const seed = Number(process.env.KEYWARD_FUZZ_SEED ?? Date.now() % 2 ** 31);
const FIXED = ['-h', '--help', '--profile', 'a'.repeat(5000), 'red\x1b[31mX', 'tab\tin', 'bell\x07', "o'q", 'sp ace', '$(touch pwned)',
  '`id`', 'semi;colon', 'ünï', '__proto__', 'constructor', 'back\\slash', '#hash', 'rtl\u202eevil', 'br]acket', ' lead'];
// Generated names: printable and control characters botocore keeps in a header (no NUL, CR, LF; not only whitespace).
const generated = fc.sample(fc.string({ unit: fc.integer({ min: 1, max: 0x2fff }).filter((c) => c !== 10 && c !== 13).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 30 })
  .filter((s) => s.trim() !== '' && !s.startsWith('[') && s.trim() === s && s !== 'DEFAULT'), { numRuns: 15, seed });
const NAMES = [...new Set([...FIXED, ...generated])];
const keys = new Map(NAMES.map((name, i) => [name, fakeKey(100 + i)]));
const NUL_NAME = 'nu\0l';
const NUL_KEY = fakeKey(99);
const SHADOWED = fakeKey(98);
const LIVE = fakeKey(97);

const section = (name: string, key: { id: string; secret: string }): string =>
  `[${name}]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`;

/** Files under `dir` (links not followed, special files skipped) holding any of `secrets`. */
function filesHolding(dir: string, secrets: string[]): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => {
      const text = fs.readFileSync(file, 'latin1');
      return secrets.some((s) => text.includes(s));
    });
}

describe(`an adversarial HOME (seed ${seed})`, () => {
  let h: MigrateHome;
  let before: Record<string, unknown>;
  const profiles = [...NAMES, 'dup'];
  const resolve = (): Record<string, unknown> => Object.fromEntries(Object.entries(resolveBotocore(h.env, profiles)).map(([p, r]) => [p, r.credentials.AccessKeyId]));

  beforeAll(() => {
    const credentials = [...NAMES.map((name) => section(name, keys.get(name)!)), section(NUL_NAME, NUL_KEY)].join('\n');
    const config = `[profile dup]\naws_access_key_id = ${SHADOWED.id}\naws_secret_access_key = ${SHADOWED.secret}\n[profile "dup"]\n` +
      `aws_access_key_id = ${LIVE.id}\naws_secret_access_key = ${LIVE.secret}\nregion = us-east-1\n`;
    h = makeMigrateHome('corpus', { credentials, config });
    const crafted = [`# ${'a.'.repeat(250_000)}@`, `x=${' '.repeat(500_000)}y`, `k=${'Ab3/'.repeat(250_000)}`].join('\n');
    fs.writeFileSync(path.join(h.home, '.bashrc'), `${crafted}\n`);
    fs.writeFileSync(path.join(h.home, '.boto'), `[Boto]\nproxy = ${' '.repeat(1_000_000)}x\n`);
    execFileSync('mkfifo', [path.join(h.home, '.zshrc')]);
    fs.symlinkSync('/dev/zero', path.join(h.home, '.profile'));
    before = resolve();
  });
  afterAll(() => h.cleanup());

  it('starts from a HOME botocore reads: every profile resolves to its own key', () => {
    for (const name of NAMES) expect(before[name], JSON.stringify(name)).toBe(keys.get(name)!.id);
    expect(before.dup).toBe(LIVE.id);
  });

  it('migrates every name it can, refuses the NUL name, and botocore resolves the same keys through the shim', () => {
    const run = h.keyward(['migrate', '--yes']);
    expect(run.status, run.stderr).toBe(1); // the NUL-named profile and the ignored duplicate keep their keys
    expect(run.stdout).toMatch(/NUL/);
    expect(run.stdout).toMatch(/\[profile dup\] \(line 1\) is ignored by the AWS CLI/);
    expect(resolve()).toEqual(before);
    const migrated = [...keys.values(), LIVE].flatMap((k) => [k.id, k.secret]);
    expect(new Set(migrated).size).toBe(migrated.length);
    const holding = filesHolding(h.root, migrated);
    expect(holding, holding.map((f) => `${f}: ${migrated.filter((m) => fs.readFileSync(f, 'latin1').includes(m)).length} secrets\n${run.stdout}`).join('\n')).toEqual([]);
    expect(run.stdout + run.stderr).not.toMatch(new RegExp(migrated.map((s) => s.replace(/[+/]/g, '\\$&')).join('|')));
  });

  it('scans the HOME with its 1 MB lines, FIFO and device without hanging, and keeps the errors', () => {
    const run = h.keyward(['scan', '--format', 'json']);
    expect(run.status).toBe(2);
    const report = JSON.parse(run.stdout) as { errors: { file: string; message: string }[] };
    expect(report.errors.map((e) => path.basename(e.file)).sort()).toEqual(['.profile', '.zshrc']);
  });

  it('restores every profile, and botocore resolves the same keys from the files again', () => {
    const run = h.keyward(['restore', '--yes', '--purge']);
    expect(run.status, run.stderr).toBe(0);
    expect(resolve()).toEqual(before);
  });
});
