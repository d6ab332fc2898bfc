// Issue 10, item 12: profile names that are shell code or terminal escapes. botocore accepts all of
// these as profile names (checked below), so keyward meets them in real files. Every command keyward
// prints for them (scan's text and JSON remediation, migrate's hint, the shim's stderr line) is pasted
// into a real `sh -c` with a stand-in `keyward` on PATH that records its argv: it must receive exactly
// that profile, and the canary file that `touch` would create must never appear. No raw control
// character may reach the output either.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeItem } from '../../src/secrets/item.js';
import { keychainStore } from '../support/keychain.js';
import { fakeKey } from '../support/keys.js';
import { repoRoot } from '../support/paths.js';
import { botocoreView } from '../support/botocore.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-hostile-'));
const home = path.join(root, 'home');
const canary = path.join(root, 'pwned');
const argvFile = path.join(root, 'argv');
const service = `keyward-hostile-${process.pid}`;

const NAMES = [
  `dev;touch ${canary}`,
  `$(touch ${canary})`,
  `tick\`touch ${canary}\`'quote`,
  'red\x1b[31mname',
  'csi\u009b2Jname',
  'vt\x0bname',
];
/** Raw control characters other than the line break; a text output must not contain any. */
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/; // eslint-disable-line no-control-regex

const credentials = NAMES.map((name, i) => {
  const key = fakeKey(40 + i);
  return `[${name}]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`;
}).join('\n');

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env, HOME: home, KEYWARD_SERVICE: service, NO_COLOR: '1',
  KEYWARD_FLEET_POLICY: path.join(home, 'no-fleet-policy.ini'), XDG_CONFIG_HOME: path.join(home, '.config'),
  XDG_STATE_HOME: path.join(home, '.local/state'), ...extra,
});

function keyward(args: string[], extra: Record<string, string> = {}) {
  return spawnSync(process.execPath, [path.join(repoRoot, 'bin/keyward'), ...args], { encoding: 'utf8', env: env(extra) });
}

/** Pastes `command` into sh with the recording stand-in first on PATH; returns the argv it got. */
function pasted(command: string): string[] {
  fs.rmSync(argvFile, { force: true });
  const run = spawnSync('sh', ['-c', command], { encoding: 'utf8', env: { PATH: `${path.join(root, 'bin')}:/usr/bin:/bin`, ARGV_OUT: argvFile } });
  expect(run.status, run.stderr).toBe(0);
  return fs.readFileSync(argvFile, 'utf8').split('\0').slice(0, -1);
}

/** Every text between `before` and `after` in `text`. */
function between(text: string, before: string, after: string): string[] {
  const found: string[] = [];
  for (let at = text.indexOf(before); at >= 0; at = text.indexOf(before, at + 1)) {
    const end = text.indexOf(after, at + before.length);
    if (end >= 0) found.push(text.slice(at + before.length, end));
  }
  return found;
}

beforeAll(() => {
  fs.mkdirSync(path.join(home, '.aws'), { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(home, '.aws/credentials'), credentials, { mode: 0o600 });
  fs.mkdirSync(path.join(root, 'bin'));
  fs.writeFileSync(path.join(root, 'bin/keyward'), '#!/bin/sh\nfor a in "$@"; do printf \'%s\\0\' "$a"; done > "$ARGV_OUT"\n', { mode: 0o755 });
});

afterAll(async () => {
  const store = keychainStore(service);
  for (const item of await store.list()) await store.delete(item.account);
  fs.rmSync(root, { recursive: true, force: true });
});

describe('hostile profile names (issue 10, item 12)', () => {
  it('are profiles botocore reads from the credentials file', () => {
    const [view] = botocoreView([{ credentials }]);
    expect(Object.keys(view?.credentials?.raw ?? {}).sort()).toEqual([...NAMES].sort());
  });

  it('scan --format text: each remediation, pasted into sh, runs keyward migrate for exactly that profile', () => {
    const run = keyward(['scan', '--format', 'text']);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain('red\\x1b[31mname');
    const commands = between(run.stdout, 'fix: Run `', '` to move it into the OS keychain.');
    expect(commands.map((c) => pasted(c))).toEqual(expect.arrayContaining(NAMES.map((n) => ['migrate', '--profile', n])));
    expect(commands).toHaveLength(NAMES.length);
    expect(fs.existsSync(canary)).toBe(false);
  });

  it('scan --format json: the same for each remediation string, and no raw control character in the output', () => {
    const run = keyward(['scan', '--format', 'json']);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    const findings = (JSON.parse(run.stdout) as { findings: { ruleId: string; profile: string; remediation: string }[] }).findings
      .filter((f) => f.ruleId === 'plaintext-access-key');
    expect(findings.map((f) => f.profile).sort()).toEqual([...NAMES].sort());
    for (const f of findings) {
      const [command] = between(f.remediation, 'Run `', '` to move it');
      expect(pasted(command as string)).toEqual(['migrate', '--profile', f.profile]);
    }
    expect(fs.existsSync(canary)).toBe(false);
  });

  it('migrate: the plan and the outcome show the names escaped; the restore hint pastes safely', async () => {
    // A different key already in the keychain for that same section makes migrate print its restore hint.
    const taken = NAMES[0] as string;
    const other = fakeKey(90);
    await keychainStore(service).set(taken, encodeItem({ v: 1, AccessKeyId: other.id, SecretAccessKey: other.secret,
      createdAt: new Date().toISOString(), source: { file: path.join(home, '.aws/credentials'), section: taken } }));
    const plan = keyward(['migrate']);
    expect(plan.stdout).not.toMatch(RAW_CONTROL);
    expect(plan.stdout).toContain('profile red\\x1b[31mname');
    const run = keyward(['migrate', '--yes']);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain('csi\\x9b2Jname');
    const [hint] = between(run.stdout, 'Run `', '` or delete that item first');
    expect(pasted(hint as string)).toEqual(['restore', '--profile', taken]);
    expect(run.status).toBe(1);
    expect(fs.existsSync(canary)).toBe(false);
  });

  it("the shim's one stderr line is one line, escaped, and its migrate hint pastes safely", () => {
    for (const name of NAMES) {
      const run = keyward(['credential-process', '--profile', name], { KEYWARD_SERVICE: `${service}-empty` });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')).toHaveLength(2);
      expect(run.stderr).not.toMatch(RAW_CONTROL);
      const [hint] = between(run.stderr, 'run `', '` again.');
      expect(pasted(hint as string)).toEqual(['migrate', '--profile', name]);
    }
    expect(fs.existsSync(canary)).toBe(false);
  });
});
