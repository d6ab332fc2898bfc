import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/policy/load.js';
import { scan } from '../../../src/scan.js';
import { atOrAbove } from '../../../src/rules/types.js';
import { FIXTURE_FILES } from '../../support/fixture-home.js';
import { EXAMPLE_KEY_ID, KEY_ID, SECRET, SECRET_2 } from '../../support/keys.js';
import { makeHome, testContext } from '../../support/home.js';

async function scanHome(files: Parameters<typeof makeHome>[0], env: Record<string, string> = {}) {
  const home = await makeHome(files);
  const ctx = testContext(home, env);
  const result = await scan(ctx, await loadPolicy(ctx));
  const rows = result.findings
    .map((f) => [f.ruleId, f.severity, path.relative(home, f.file), f.line, f.profile ?? null])
    .sort((a, b) => String(a[2]).localeCompare(String(b[2])) || Number(a[3]) - Number(b[3]) || String(a[0]).localeCompare(String(b[0])));
  return { home, result, rows };
}

describe('scan of a realistic home', () => {
  it('reports every finding with its rule, severity, file, line and profile', async () => {
    const { rows, result } = await scanHome(FIXTURE_FILES);
    expect(rows).toEqual([
      ['tls-verification-disabled', 'high', '.aws/cli/alias', 3, null],
      ['mfa-not-configured', 'low', '.aws/config', 5, 'admin'],
      ['plaintext-http-endpoint', 'high', '.aws/config', 25, 'minio'],
      ['plaintext-access-key', 'high', '.aws/config', 29, 'static-in-config'],
      ['plaintext-access-key', 'high', '.aws/credentials', 2, 'default'],
      ['plaintext-session-token', 'medium', '.aws/credentials', 6, 'temp'],
      ['secret-in-free-text', 'high', '.aws/credentials', 10, null],
      ['secret-in-environment-file', 'high', '.bashrc', 3, null],
      ['credentials-in-url', 'high', '.bashrc', 6, null],
      ['tls-verification-disabled', 'high', '.boto', 2, null],
      ['secret-in-environment-file', 'high', '.env.local', 1, null],
      ['tls-verification-disabled', 'high', '.zshrc', 1, null],
      ['tls-verification-disabled', 'high', '.zshrc', 2, null],
    ]);
    expect(result.errors).toEqual([]);
  });

  it('gives stable, distinct fingerprints', async () => {
    const first = await scanHome(FIXTURE_FILES);
    const prints = first.result.findings.map((f) => f.fingerprint);
    expect(new Set(prints).size).toBe(prints.length);
    const again = await scan(testContext(first.home), await loadPolicy(testContext(first.home)));
    expect(again.findings.map((f) => f.fingerprint)).toEqual(prints);
  });

  it('lists every file it reads or would read, for the watcher', async () => {
    const { home, result } = await scanHome(FIXTURE_FILES);
    for (const name of ['.aws/config', '.aws/credentials', '.aws/cli/alias', '.bashrc', '.zshenv', '.env', '.env.local', '.boto', '.s3cfg', '.config/fish/config.fish']) {
      expect(result.files).toContain(path.join(home, name));
    }
    expect(result.files).toContain(path.join(home, '.config', 'keyward', 'config.ini'));
  });

  it('finds nothing at or above low in a clean home', async () => {
    const { result } = await scanHome({
      '.aws/config': '[default]\nregion = us-east-1\n[profile dev]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = Dev\n' +
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n' +
        '[profile admin]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = dev\nmfa_serial = arn:aws:iam::1:mfa/me\n' +
        '[profile local]\nendpoint_url = http://127.0.0.1:4566\n' +
        '[profile kw]\ncredential_process = /bin/sh -c true\n',
      '.aws/credentials': `# nothing here: keys live in the keychain\n# example: aws_access_key_id = ${EXAMPLE_KEY_ID}\n`,
      '.bashrc': 'export AWS_PROFILE=dev\nexport AWS_SECRET_ACCESS_KEY=$(pass show aws)\n# export NODE_TLS_REJECT_UNAUTHORIZED=0\n',
      '.config/fish/config.fish': 'set -gx AWS_REGION eu-west-1\n',
      '.env': 'AWS_REGION=us-east-1\nDATABASE_URL=postgres://localhost/db\n',
    });
    expect(result.findings.filter((f) => atOrAbove(f.severity, 'low'))).toEqual([]);
    expect(result.errors).toEqual([]);
  });

  it('reports real file modes, read with stat', async () => {
    const { rows } = await scanHome({
      '.aws/credentials': { text: FIXTURE_FILES['.aws/credentials'], mode: 0o644 },
      '.aws/config': { text: '[default]\nregion = x\n', mode: 0o664 },
    });
    expect(rows.filter((r) => r[0] === 'insecure-file-permissions')).toEqual([
      ['insecure-file-permissions', 'low', '.aws/config', 1, null],
      ['insecure-file-permissions', 'high', '.aws/credentials', 1, null],
    ]);
  });

  it('checks ~/.aws, a ca_bundle and a credential_process program on disk', async () => {
    const home = await makeHome({});
    await chmod(path.join(home, '.aws'), 0o777);
    await mkdir(path.join(home, 'tools'), { mode: 0o755 });
    await writeFile(path.join(home, 'tools', 'creds'), '#!/bin/sh\n', { mode: 0o777 });
    await chmod(path.join(home, 'tools', 'creds'), 0o777);
    await writeFile(path.join(home, 'ca.pem'), 'x', { mode: 0o666 });
    await chmod(path.join(home, 'ca.pem'), 0o666);
    await writeFile(path.join(home, '.aws', 'config'), `[profile p]\nca_bundle = ${home}/ca.pem\ncredential_process = ${home}/tools/creds\n` +
      '[profile q]\nca_bundle = ~/missing.pem\ncredential_process = not-a-real-program-xyz\n', { mode: 0o600 });
    const ctx = testContext(home);
    const result = await scan(ctx, await loadPolicy(ctx));
    const rows = result.findings.map((f) => [f.ruleId, f.severity, path.relative(home, f.file), f.line, f.profile ?? null]);
    expect(rows).toEqual(expect.arrayContaining([
      ['insecure-file-permissions', 'high', '.aws', 1, null],
      ['untrusted-ca-bundle', 'medium', '.aws/config', 2, 'p'],
      ['unsafe-credential-process', 'high', '.aws/config', 3, 'p'],
      ['untrusted-ca-bundle', 'medium', '.aws/config', 5, 'q'],
      ['unsafe-credential-process', 'high', '.aws/config', 6, 'q'],
    ]));
    expect(rows).toHaveLength(5);
  });

  it('honours AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE and policy extra_paths', async () => {
    const home = await makeHome({
      'elsewhere/creds': FIXTURE_FILES['.aws/credentials'],
      'work/aws.sh': `export AWS_SECRET_ACCESS_KEY=${SECRET_2}\n`,
      '.config/keyward/config.ini': 'extra_paths = ~/work/aws.sh\n',
    });
    const ctx = testContext(home, { AWS_SHARED_CREDENTIALS_FILE: '~/elsewhere/creds' });
    const result = await scan(ctx, await loadPolicy(ctx));
    const files = new Set(result.findings.map((f) => path.relative(home, f.file)));
    expect(files).toEqual(new Set(['elsewhere/creds', 'work/aws.sh']));
  });

  it('reports a file botocore refuses as an error, and still scans it', async () => {
    const { result, home } = await scanHome({
      '.aws/credentials': `[default]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n[default]\nregion = x\n`,
    });
    expect(result.errors).toEqual([{ file: path.join(home, '.aws/credentials'), line: 4, message: expect.stringContaining('refuses') }]);
    expect(result.findings.map((f) => f.ruleId)).toContain('plaintext-access-key');
  });

  it('reports an AWS file that is a symlink into a git work tree (a dotfiles repository)', async () => {
    const home = await makeHome({ 'dotfiles/aws/credentials': '[dev]\nregion = x\n' });
    await mkdir(path.join(home, 'dotfiles/.git'));
    await symlink(path.join(home, 'dotfiles/aws/credentials'), path.join(home, '.aws/credentials'));
    const result = await scan(testContext(home), await loadPolicy(testContext(home)));
    expect(result.findings.filter((f) => f.ruleId === 'aws-file-in-git-repository')).toMatchObject([
      { severity: 'medium', file: path.join(home, '.aws/credentials'), message: expect.stringContaining(path.join(home, 'dotfiles')) }]);
  });

  it('turns an unreadable file into an error, not a crash', async () => {
    const home = await makeHome({});
    await mkdir(path.join(home, '.bashrc'));
    const ctx = testContext(home);
    const result = await scan(ctx, await loadPolicy(ctx));
    expect(result.errors).toEqual([{ file: path.join(home, '.bashrc'), message: expect.stringContaining('not a regular file') }]);
  });

  it('loads key ages only when a profile uses keyward, and survives a missing keychain', async () => {
    const home = await makeHome({ '.aws/config': '[profile dev]\ncredential_process = /bin/keyward credential-process --profile dev\n' });
    const ctx = testContext(home);
    const policy = await loadPolicy(ctx);
    let calls = 0;
    const old = await scan(ctx, policy, { loadKeyAges: async () => { calls++; return [{ profile: 'dev', account: 'dev', createdAt: '2025-01-01T00:00:00Z' }]; } });
    expect(old.findings.filter((f) => f.ruleId === 'access-key-too-old')).toMatchObject([{ severity: 'medium', line: 2, profile: 'dev' }]);
    // An item named by `--item` is reported under the profile whose line names it.
    const itemHome = await makeHome({ '.aws/config': "[profile dev]\ncredential_process = /bin/keyward credential-process --profile dev --item 'dev (/p/credentials)'\n" });
    const byItem = await scan(testContext(itemHome), policy,
      { loadKeyAges: async () => [{ profile: 'dev (/p/credentials)', account: 'dev (/p/credentials)', createdAt: '2025-01-01T00:00:00Z' }] });
    expect(byItem.findings.filter((f) => f.ruleId === 'access-key-too-old')).toMatchObject([{ line: 2, profile: 'dev' }]);
    const broken = await scan(ctx, policy, { loadKeyAges: () => Promise.reject(new Error('no D-Bus')) });
    expect(broken.findings.filter((f) => f.ruleId === 'access-key-too-old')).toEqual([]);
    expect(broken.errors).toEqual([]);
    const plain = await makeHome({ '.aws/config': '[default]\nregion = x\n' });
    await scan(testContext(plain), policy, { loadKeyAges: async () => { calls++; return []; } });
    expect(calls).toBe(1);
  });

  it('applies the policy: severity overrides, disabled rules, fleet-required rules', async () => {
    const home = await makeHome({ ...FIXTURE_FILES, 'fleet.ini': 'require_fips = true\n[rules.mfa-not-configured]\nseverity = high\n[rules.tls-verification-disabled]\nenabled = false\n' });
    const ctx = testContext(home, { KEYWARD_FLEET_POLICY: path.join(home, 'fleet.ini') });
    const result = await scan(ctx, await loadPolicy(ctx));
    expect(result.findings.find((f) => f.ruleId === 'mfa-not-configured')?.severity).toBe('high');
    expect(result.findings.some((f) => f.ruleId === 'tls-verification-disabled')).toBe(false);
    expect(result.findings.filter((f) => f.ruleId === 'fips-endpoint-not-used').map((f) => f.profile).sort())
      .toEqual(['admin', 'default', 'minio', 'safe-admin', 'sso-dev', 'static-in-config', 'temp']);
  });
});
