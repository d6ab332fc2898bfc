// The safety issue's cases, as a hostile user would set them up: the same profile twice, names the
// keychain cannot hold, two credentials files, links, special files, [DEFAULT] keys, no HOME. Each
// runs the real keyward against the private keyring, and checks with botocore and the AWS CLI v2
// that the key the CLI uses before is the one it uses after (or that nothing changed), and that no
// full secret is left anywhere in the temp HOME but the files the user keeps.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveBotocore, resolveCliV2 } from '../../support/aws-clients.js';
import { keychainStore } from '../../support/keychain.js';
import { fakeKey } from '../../support/keys.js';
import { makeMigrateHome } from '../../support/migrate-home.js';
import type { MigrateHome } from '../../support/migrate-home.js';

const A = fakeKey(41);
const B = fakeKey(42);
const pair = (key: { id: string; secret: string }): string => `aws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`;

let h: MigrateHome | undefined;
afterEach(() => {
  h?.cleanup();
  h = undefined;
});

/** The key botocore and the AWS CLI v2 resolve for a profile (they must agree). */
function resolved(home: MigrateHome, profile: string, env: NodeJS.ProcessEnv = {}): string | undefined {
  const all = { ...home.env, ...env };
  const boto = resolveBotocore(all, [profile])[profile]?.credentials;
  const cli = resolveCliV2(all, profile);
  expect(cli.AccessKeyId, `AWS CLI v2 and botocore disagree on ${profile}`).toBe(boto?.AccessKeyId);
  return boto?.AccessKeyId;
}

/** Files under `dir` (not following links) holding any of `secrets`, except `keep`. */
function secretsLeft(dir: string, secrets: string[], keep: string[] = []): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || keep.includes(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    if (secrets.some((s) => text.includes(s))) found.push(file);
  }
  return found;
}

function expectRefused(run: { status: number | null; stderr: string }, pattern: RegExp): void {
  expect(run.status).toBe(2);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(pattern);
}

describe('two sections botocore reads as one profile', () => {
  it.each([
    ['[profile x] and [profile "x"]', 'profile x', 'profile "x"', 'x'],
    ['[default] and [profile default]', 'default', 'profile default', 'default'],
  ])('%s: migrates the key the AWS CLI uses and calls the other one ignored', (_name, first, second, profile) => {
    const config = `[${first}]\n${pair(A)}region = us-east-1\n\n[${second}]\n${pair(B)}region = us-east-1\n`;
    h = makeMigrateHome('dup', { credentials: '', config });
    expect(resolved(h, profile)).toBe(B.id);
    const run = h.keyward(['migrate', '--yes']);
    expect(run.status, run.stderr).toBe(1); // the ignored section's key stays in plaintext: the user must delete it
    expect(run.stdout).toContain(`[${first}] (line 1) is ignored by the AWS CLI`);
    expect(resolved(h, profile)).toBe(B.id);
    const text = fs.readFileSync(h.config, 'utf8');
    expect(text).toContain(A.secret);
    expect(text).not.toContain(B.secret);
  });
});

describe('profile names and the keychain', () => {
  it('refuses a name with a NUL (the keychain would cut it) and never overwrites the other profile', async () => {
    h = makeMigrateHome('nul', { credentials: `[de]\n${pair(A)}\n[de\0v]\n${pair(B)}`, config: '' });
    const run = h.keyward(['migrate', '--yes']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/NUL/);
    expect(resolved(h, 'de')).toBe(A.id);
    const items = await keychainStore(h.env.KEYWARD_SERVICE as string).list();
    expect(items.map((i) => [i.account, JSON.parse(i.password).AccessKeyId])).toEqual([['de', A.id]]);
    expect(fs.readFileSync(h.credentials, 'utf8')).toContain(B.secret);
  });

  it('keeps two credentials files with the same profile name apart, through migrate, use, restore and purge', async () => {
    h = makeMigrateHome('twofiles', { credentials: `[dev]\n${pair(A)}`, config: '' });
    const other = path.join(h.home, 'project/.aws-credentials');
    fs.mkdirSync(path.dirname(other), { recursive: true });
    fs.writeFileSync(other, `[dev]\n${pair(B)}`, { mode: 0o600 });
    const inProject = { AWS_SHARED_CREDENTIALS_FILE: other };
    expect(h.keyward(['migrate', '--yes']).status).toBe(0);
    const second = h.keyward(['migrate', '--yes'], inProject);
    expect(second.status, second.stderr).toBe(0);
    expect(fs.readFileSync(other, 'utf8')).toContain(`--item 'dev (${other})'`);
    expect(resolved(h, 'dev')).toBe(A.id);
    expect(resolved(h, 'dev', inProject)).toBe(B.id);

    const purge = h.keyward(['restore', '--yes', '--purge'], inProject);
    expect(purge.status, purge.stderr).toBe(0);
    expect(fs.readFileSync(other, 'utf8')).toContain(B.secret);
    expect(resolved(h, 'dev')).toBe(A.id); // the default file's profile still reads its own item
    const accounts = (await keychainStore(h.env.KEYWARD_SERVICE as string).list()).map((i) => i.account);
    expect(accounts).toEqual(['dev']);
    expect(secretsLeft(h.root, [A.secret])).toEqual([]);
  });

  it('treats one file named by both variables as one file: refuses, changes nothing', () => {
    h = makeMigrateHome('samefile', { credentials: `[dev]\n${pair(A)}`, config: '' });
    const run = h.keyward(['migrate', '--yes'], { AWS_CONFIG_FILE: h.credentials, AWS_SHARED_CREDENTIALS_FILE: h.credentials });
    expectRefused(run, /AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE both name/);
    expect(fs.readFileSync(h.credentials, 'utf8')).toBe(`[dev]\n${pair(A)}`);
  });

  it('refuses a key in [DEFAULT] with a plain explanation, changing nothing', () => {
    const text = `[DEFAULT]\n${pair(A)}\n[dev]\nregion = x\n`;
    h = makeMigrateHome('defaults', { credentials: text, config: '' });
    expect(resolved(h, 'dev')).toBe(A.id);
    expectRefused(h.keyward(['migrate', '--yes']), /\[DEFAULT\] section holds aws_access_key_id.*gives to every profile/);
    expect(fs.readFileSync(h.credentials, 'utf8')).toBe(text);
  });
});

describe('links', () => {
  it('rewrites the target of a symlinked credentials file (a dotfiles repo) and keeps the link', () => {
    h = makeMigrateHome('symlink', { config: '' });
    const target = path.join(h.home, 'dotfiles/aws/credentials');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `[dev]\n${pair(A)}`, { mode: 0o600 });
    fs.rmSync(h.credentials, { force: true });
    fs.symlinkSync(target, h.credentials);
    const run = h.keyward(['migrate', '--yes']);
    expect(run.status, run.stderr).toBe(0);
    expect(fs.lstatSync(h.credentials).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toContain('credential_process');
    expect(resolved(h, 'dev')).toBe(A.id);
    expect(secretsLeft(h.root, [A.secret])).toEqual([]);
  });

  it('refuses a hard-linked credentials file: the other name would keep the key', () => {
    const text = `[dev]\n${pair(A)}`;
    h = makeMigrateHome('hardlink', { credentials: text, config: '' });
    fs.linkSync(h.credentials, path.join(h.home, 'backup-credentials'));
    expectRefused(h.keyward(['migrate', '--yes']), /has 2 names \(hard links\)/);
    expect(fs.readFileSync(h.credentials, 'utf8')).toBe(text);
  });
});

describe('special files at an AWS path', () => {
  it('a FIFO: migrate and restore refuse at once, status reports it', () => {
    h = makeMigrateHome('fifo', { config: '' });
    execFileSync('mkfifo', [h.credentials]);
    for (const command of [['migrate', '--yes'], ['restore', '--yes']]) {
      expectRefused(h.keyward(command), /credentials: is not a regular file/);
    }
    const status = h.keyward(['status', '--format', 'json']);
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout).fileErrors).toEqual([{ file: h.credentials, message: 'is not a regular file, so it was not read' }]);
    fs.rmSync(h.credentials);
  });

  it('a link to /dev/zero: refused without reading it', () => {
    h = makeMigrateHome('zero', { config: '' });
    fs.symlinkSync('/dev/zero', h.credentials);
    expectRefused(h.keyward(['migrate', '--yes']), /is not a regular file/);
    fs.rmSync(h.credentials);
  });

  it('a credentials file over the size cap: refused', () => {
    h = makeMigrateHome('huge', { credentials: `[dev]\n${pair(A)}# ${'x'.repeat(5 * 1024 * 1024)}\n`, config: '' });
    expectRefused(h.keyward(['migrate', '--yes']), /is larger than 4194304 bytes/);
  });
});

describe('no HOME', () => {
  it('writes an absolute credential_process path when HOME is unset', () => {
    h = makeMigrateHome('nohome', { credentials: `[dev]\n${pair(A)}`, config: '' });
    const env = { HOME: '', AWS_SHARED_CREDENTIALS_FILE: h.credentials, AWS_CONFIG_FILE: h.config };
    const run = h.keyward(['migrate', '--yes'], env);
    expect(run.status, run.stderr).toBe(0);
    const line = /credential_process = (\S+)/.exec(fs.readFileSync(h.credentials, 'utf8'))?.[1] ?? '';
    expect(path.isAbsolute(line)).toBe(true);
    expect(resolved(h, 'dev')).toBe(A.id);
  });

  it('refuses a relative HOME', () => {
    h = makeMigrateHome('relhome', { credentials: `[dev]\n${pair(A)}`, config: '' });
    expectRefused(h.keyward(['migrate', '--yes'], { HOME: 'relative' }), /HOME is a relative path/);
  });
});
