// `keyward status` and `keyward service` run as the built CLI on a temp HOME with the private
// keyring. There is no systemd user manager here: install must still write the unit and say so.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keychainStore } from '../../support/keychain.js';
import { encodeItem } from '../../../src/secrets/item.js';
import { createWatchHome, credentialsText } from '../../support/daemon.js';
import { KEY_ID, SECRET } from '../../support/keys.js';
import { binKeyward, repoRoot } from '../../support/paths.js';

const keyward = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  spawnSync(process.execPath, [binKeyward, ...args], { env, encoding: 'utf8', timeout: 60_000 });

function profilesHome(label: string) {
  const home = createWatchHome(label);
  fs.mkdirSync(path.dirname(home.aws('config')), { recursive: true, mode: 0o700 });
  const launcher = path.join(home.home, '.local/share/keyward/bin/keyward-credential-process');
  fs.writeFileSync(home.aws('config'), [
    '[profile vaulted]', `credential_process = ${launcher} --profile vaulted`,
    '[profile other]', 'credential_process = /usr/bin/true', '[profile sso]', 'sso_session = corp',
    '[profile admin]', 'role_arn = arn:aws:iam::123456789012:role/admin', 'source_profile = plain',
    '[profile bare]', 'region = eu-west-1', '',
  ].join('\n'), { mode: 0o600 });
  fs.writeFileSync(home.aws('credentials'), credentialsText('plain'), { mode: 0o600 });
  return home;
}

describe('keyward status', () => {
  it('shows where each profile keeps its credentials, key ages, findings and the service', async () => {
    const { env } = profilesHome('status');
    const createdAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    await keychainStore(env.KEYWARD_SERVICE as string).set('vaulted', encodeItem({
      v: 1, AccessKeyId: KEY_ID, SecretAccessKey: SECRET, createdAt, source: { file: '/x', section: 'vaulted' } }));
    const result = keyward(env, 'status', '--format', 'json');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain(SECRET);
    const status = JSON.parse(result.stdout);
    const sources = Object.fromEntries(status.profiles.map((p: { name: string; source: string }) => [p.name, p.source]));
    expect(sources).toEqual({ vaulted: 'keychain', other: 'process', sso: 'sso', admin: 'role', bare: 'none', plain: 'plaintext' });
    expect(status.profiles.find((p: { name: string }) => p.name === 'vaulted')).toMatchObject({ createdAt, ageDays: 3 });
    expect(status.findings.high).toBeGreaterThanOrEqual(1);
    expect(status.service).toMatchObject({ installed: false, running: false });
    expect(keyward(env, 'status').stdout).toMatch(/vaulted\s+keychain\s+key stored 3 day\(s\) ago/);
  });

  it('still answers when the keychain is unreachable, says so, and exits 2', () => {
    const { env } = profilesHome('nokeychain');
    const result = keyward({ ...env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(env.HOME as string, 'no-bus')}` }, 'status');
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/keychain unavailable/);
    expect(result.stdout).toMatch(/vaulted\s+keychain\s+BROKEN: the keychain cannot be read/);
  });

  it('shows a missing or corrupt item as broken with the fix (exit 1), a bad date as unknown, and orphans', async () => {
    const { env } = profilesHome('broken');
    const store = keychainStore(env.KEYWARD_SERVICE as string);
    const item = (createdAt: string) => encodeItem({ v: 1, AccessKeyId: KEY_ID, SecretAccessKey: SECRET, createdAt, source: { file: '/x', section: 'vaulted' } });
    let result = keyward(env, 'status');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/vaulted\s+keychain\s+BROKEN: its keychain item 'vaulted' is missing\..*keyward migrate/);

    await store.set('vaulted', 'not json');
    result = keyward(env, 'status', '--format', 'json');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).profiles.find((p: { name: string }) => p.name === 'vaulted').broken).toMatch(/not a keyward v1 item/);

    await store.set('vaulted', item('yesterday'));
    await store.set('gone-profile', item(new Date().toISOString()));
    result = keyward(env, 'status');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/vaulted\s+keychain\s+key age unknown/);
    expect(result.stdout).not.toContain('NaN');
    expect(result.stdout).toMatch(/Keychain items no profile uses: 'gone-profile'/);
    expect(result.stdout).not.toContain(SECRET);
  });
});

describe('keyward service', () => {
  it('installs idempotently, reports installed/not running, and uninstalls cleanly', () => {
    const { env, home } = createWatchHome('service');
    const unit = path.join(home, '.config/systemd/user/keyward.service');
    const install = keyward(env, 'service', 'install');
    // No systemd user manager here: the unit is written, the start fails, and the exit code says so.
    expect(install.status).toBe(2);
    expect(install.stderr).toMatch(/loginctl enable-linger/);
    // This node and the installed version's CLI, never the checkout (issue 11).
    const versions = path.join(home, '.local/share/keyward/versions');
    const [version] = fs.readdirSync(versions);
    expect(fs.readFileSync(unit, 'utf8')).toContain(`ExecStart="${process.execPath}" "${versions}/${version}/dist/keyward.mjs" watch`);
    expect(install.stderr).toMatch(/systemctl --user/);
    // The installed `keyward` script beside the launcher runs the same version (scans via the daemon, issue 16).
    const script = path.join(home, '.local/share/keyward/bin/keyward');
    expect(fs.readFileSync(script, 'utf8')).toContain(`${versions}/${version}/dist/keyward.mjs`);
    const { version: packageVersion } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(spawnSync(script, ['--version'], { env, encoding: 'utf8' })).toMatchObject({ status: 0, stdout: `keyward ${packageVersion}\n` });
    expect(keyward(env, 'service', 'install').stdout).toMatch(/already up to date/);
    expect(JSON.parse(keyward(env, 'service', 'status', '--format', 'json').stdout)).toMatchObject({ installed: true, running: false });
    expect(keyward(env, 'service', 'uninstall').status).toBe(0);
    expect(fs.existsSync(unit)).toBe(false);
    expect(keyward(env, 'service', 'uninstall').stdout).toMatch(/was not installed/);
    expect(JSON.parse(keyward(env, 'service', 'status', '--format', 'json').stdout)).toMatchObject({ installed: false });
  });

  it('refuses an unknown action with a usage error', () => {
    const result = keyward(createWatchHome('usage').env, 'service', 'restart');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/install, uninstall, status/);
  });
});
