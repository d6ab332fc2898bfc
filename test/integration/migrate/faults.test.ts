// Bad input and faults: each stops with a clear message and leaves files and keys as they were.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keychainStore } from '../../support/keychain.js';
import { CONFIG, CREDENTIALS, KEYS, SECRETS, makeMigrateHome } from '../../support/migrate-home.js';
import type { MigrateHome } from '../../support/migrate-home.js';
import { binKeyward, keytarModule } from '../../support/paths.js';
import { lockedKeyringSetup, nestedEnv, runInBus } from '../../support/private-bus.js';
import { need } from '../../support/need.js';

const NO_MOUNT = 'cannot mount a tmpfs over ~/.aws (needs root and a kernel that allows it)';

let h: MigrateHome | undefined;
afterEach(() => {
  if (h) spawnSync('umount', ['-l', path.join(h.home, '.aws')]);
  h?.cleanup();
  h = undefined;
});

/** Like home.keyward, but without blocking this process's event loop (which refreshes a held lock). */
function runAsync(home: MigrateHome, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [binKeyward, ...args], { env: home.env });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function expectUnchanged(home: MigrateHome, credentials = CREDENTIALS, config = CONFIG): void {
  expect(fs.readFileSync(home.credentials, 'utf8')).toBe(credentials);
  expect(fs.readFileSync(home.config, 'utf8')).toBe(config);
  expect(fs.readdirSync(path.dirname(home.credentials)).sort()).toEqual(['config', 'credentials']);
}

function expectOneLineError(run: { status: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(run.status).toBe(2);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(pattern);
  for (const secret of SECRETS) expect(run.stdout + run.stderr).not.toContain(secret);
}

/** Mounts a small tmpfs over ~/.aws holding the current files; false where mounting is not allowed. */
function mountAws(home: MigrateHome, options: string): boolean {
  const dir = path.dirname(home.credentials);
  const saved = [fs.readFileSync(home.credentials), fs.readFileSync(home.config)];
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${options},mode=0700`, 'tmpfs', dir]).status !== 0) return false;
  fs.writeFileSync(home.credentials, saved[0] as Buffer, { mode: 0o600 });
  fs.writeFileSync(home.config, saved[1] as Buffer, { mode: 0o600 });
  return true;
}

describe('keyward migrate on bad input', () => {
  it('refuses a file botocore refuses, naming the file and line', () => {
    const broken = `${CREDENTIALS}[default]\r\nregion = x\r\n`;
    h = makeMigrateHome('dup', { credentials: broken, config: CONFIG });
    const run = h.keyward(['migrate', '--yes']);
    expectOneLineError(run, /credentials line 16: the AWS CLI refuses this file: section \[default\] appears twice.*nothing was changed/);
    expectUnchanged(h, broken);
  });

  it('refuses while the same key is exported in the environment', () => {
    h = makeMigrateHome('env');
    const run = h.keyward(['migrate', '--yes'], { AWS_ACCESS_KEY_ID: KEYS.default.id });
    expectOneLineError(run, /profile 'default' \(AKIA…\w{4}\) is also set in AWS_ACCESS_KEY_ID/);
    expectUnchanged(h);
  });

  it('stops when no keychain can be reached', () => {
    h = makeMigrateHome('nobus');
    const run = h.keyward(['migrate', '--yes'], { DBUS_SESSION_BUS_ADDRESS: `unix:path=${h.root}/no-such-bus` });
    expectOneLineError(run, /keychain|Secret Service|D-Bus/i);
    expectUnchanged(h);
  });

  it('stops when the keyring is locked', () => {
    h = makeMigrateHome('locked');
    const dir = fs.mkdtempSync(path.join(h.root, 'bus-'));
    const setup = lockedKeyringSetup(dir, `import k from '${keytarModule}';\nawait k.setPassword('unrelated', 'x', 'y');`);
    const run = runInBus(dir, setup, [process.execPath, binKeyward, 'migrate', '--yes'], nestedEnv(h.env, dir));
    expectOneLineError(run, /locked/);
    expectUnchanged(h);
  });

  it('stops while another keyward holds the lock', async () => {
    h = makeMigrateHome('lock');
    const home = h;
    const { withLock } = await import('../../../src/fsutil/lock.js');
    // The test holds the real lock (refreshed as keyward refreshes it) while a second keyward runs.
    await withLock(path.join(home.home, '.local/state/keyward/files.lock'), async () => {
      const run = await runAsync(home, ['migrate', '--yes']);
      expectOneLineError(run, /another keyward command is changing the AWS files or the keychain \(migrate, restore, add, remove, rotate or the daemon's auto-migration\)/);
      expectUnchanged(home);
    });
  });

  it('stops on a read-only ~/.aws', async (ctx) => {
    h = makeMigrateHome('readonly');
    need(ctx, mountAws(h, '1m'), NO_MOUNT);
    execFileSync('mount', ['-o', 'remount,ro', path.dirname(h.credentials)]);
    const run = h.keyward(['migrate', '--yes']);
    expectOneLineError(run, /cannot write in .*\.aws \(EROFS\).*keychain items this run had stored were deleted again/);
    expectUnchanged(h);
    expect(await keychainStore(h.env.KEYWARD_SERVICE as string).list()).toEqual([]);
  });

  it('stops on a full disk and leaves no temp file', async (ctx) => {
    h = makeMigrateHome('full');
    need(ctx, mountAws(h, '64k'), NO_MOUNT);
    const filler = path.join(path.dirname(h.credentials), 'filler');
    spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=1k', 'count=1000']);
    const run = h.keyward(['migrate', '--yes']);
    expectOneLineError(run, /no space left.*keychain items this run had stored were deleted again/);
    fs.rmSync(filler);
    expectUnchanged(h);
    expect(await keychainStore(h.env.KEYWARD_SERVICE as string).list()).toEqual([]);
  });

  it('only shows the plan without --yes and without a terminal, and changes nothing', () => {
    h = makeMigrateHome('plan');
    const run = h.keyward(['migrate']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("profile o'brien");
    expect(run.stdout).toContain('Nothing was changed');
    for (const secret of SECRETS) expect(run.stdout).not.toContain(secret);
    expectUnchanged(h);
  });

  it('rejects a --profile that names no profile', () => {
    h = makeMigrateHome('noprofile');
    expectOneLineError(h.keyward(['migrate', '--yes', '--profile', 'o brien']), /no profile named 'o brien' in .*credentials or .*config/);
    expectOneLineError(h.keyward(['restore', '--yes', '--profile', 'nope']), /no profile named 'nope'/);
    expectUnchanged(h);
  });

  it('rejects an unknown flag with a usage error', () => {
    h = makeMigrateHome('usage');
    expectOneLineError(h.keyward(['migrate', '--yse']), /^keyward: unknown option '--yse'\. Run 'keyward migrate --help'\.\n$/);
  });
});

describe('keyward migrate and a concurrent writer', () => {
  it('re-reads the file when `aws configure set` wrote it mid-migration, and keeps that change', async () => {
    h = makeMigrateHome('race');
    const { migrate } = await import('../../../src/migrate/run.js');
    const { keychainStore } = await import('../../support/keychain.js');
    const env = h.env;
    let raced = false;
    const result = await migrate({
      env, home: h.home, now: () => new Date(), interactive: false, prompt: async () => '',
      out: { write: () => undefined, isTTY: false }, err: { write: () => undefined, isTTY: false },
    }, keychainStore(env.KEYWARD_SERVICE as string), {
      onStep(step) {
        if (step !== 'temp-written' || raced) return;
        raced = true;
        execFileSync('aws', ['configure', 'set', 'region', 'eu-north-1', '--profile', 'ci'], { env });
      },
    });
    expect(raced).toBe(true);
    expect(result.failed).toEqual([]);
    expect(result.migrated.map((m) => m.profile).sort()).toEqual(['ci', 'cost$center', 'default', 'my dev', "o'brien"]);
    // `aws configure set region` writes the config file, which keyward had already read: it must
    // have read it again rather than overwrite the new region.
    const config = fs.readFileSync(h.config, 'utf8');
    expect(config).toMatch(/\[profile ci\]\nregion = eu-north-1/);
    expect(config).not.toContain(KEYS.obrien.secret);
    expect(fs.readFileSync(h.credentials, 'utf8')).not.toContain(KEYS.default.secret);
  });
});
