// `keyward credential-process` against the real keyring: the exact JSON on success, and for each
// failure one stderr line naming the profile, exit 1, empty stdout, no secret anywhere.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeCredentials } from '../../support/keys.js';
import { binKeyward, distDir, keytarModule, shimEntry } from '../../support/paths.js';
import { createFixture, item } from '../../support/shim-fixture.js';
import { lockedKeyringSetup, nestedEnv, runInBus, writeBusConfig } from '../../support/private-bus.js';

const fx = createFixture('shim');
afterAll(() => fx.cleanup());
const key = fakeCredentials(1);

function expectFailure(run: { status: number | null; stdout: string; stderr: string }, code: RegExp, profile = 'dev'): void {
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toContain(`profile '${profile}'`);
  expect(run.stderr).toMatch(code);
  expect(run.stderr).not.toContain(key.SecretAccessKey);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('credential-process on the private keyring', () => {
  it('prints exactly the credential_process JSON and nothing else', async () => {
    await fx.put('dev', item(key));
    const run = fx.runShim(['--profile', 'dev']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`{"Version":1,"AccessKeyId":"${key.AccessKeyId}","SecretAccessKey":"${key.SecretAccessKey}"}\n`);
  });

  it('adds SessionToken and Expiration, and accepts --profile=P', async () => {
    await fx.put('temp', item(key, { SessionToken: 'tOkEn', Expiration: '2030-01-01T00:00:00Z' }));
    const run = fx.runShim(['--profile=temp']);
    expect(JSON.parse(run.stdout)).toEqual({ Version: 1, ...key, SessionToken: 'tOkEn', Expiration: '2030-01-01T00:00:00Z' });
  });

  it('runs the same through bin/keyward credential-process and the unbundled ESM entry', () => {
    const esm = fx.runShimWith(path.join(distDir, 'shim/credential-process.js'), ['--profile', 'dev']);
    expect(JSON.parse(esm.stdout)).toMatchObject({ AccessKeyId: key.AccessKeyId });
    const viaBin = fx.runShimWith(binKeyward, ['credential-process', '--profile', 'dev']);
    expect(viaBin.status).toBe(0);
    expect(JSON.parse(viaBin.stdout)).toMatchObject({ AccessKeyId: key.AccessKeyId });
  });

  it.each([
    ['a missing item', 'nope', /no keychain item for profile 'nope'.*keyward migrate --profile nope/],
    ['a corrupted item', 'broken', /not a keyward v1 item.*Delete the item.*keyward migrate/],
  ])('explains %s', async (_, profile, message) => {
    await fx.put('broken', `{"v":1,"SecretAccessKey":"${key.SecretAccessKey}"`);
    expectFailure(fx.runShim(['--profile', profile]), message, profile);
  });

  it('explains bad usage', () => {
    const run = fx.runShim(['--profle', 'dev']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^keyward credential-process: unexpected argument '--profle'\. Usage: keyward credential-process --profile NAME/);
  });
});

describe('credential-process when the keychain cannot answer', () => {
  it('says the keychain is unreachable when the D-Bus socket is dead', () => {
    const run = fx.runShim(['--profile', 'dev'], { DBUS_SESSION_BUS_ADDRESS: `unix:path=${fx.home}/no-bus` });
    expectFailure(run, /keychain is unreachable \(no D-Bus session bus\).*desktop session/);
  });

  it('says the keychain is unreachable when there is no D-Bus session at all', () => {
    const env = { ...fx.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const run = fx.runShimWith(shimEntry, ['--profile', 'dev'], env);
    expectFailure(run, /no D-Bus session bus/);
  });

  it('says there is no Secret Service on a bus without one', () => {
    const dir = fs.mkdtempSync(path.join(fx.home, 'bus-'));
    const run = runInBus(dir, '', ['node', shimEntry, '--profile', 'dev'], nestedEnv(fx.env, dir), writeBusConfig(dir));
    expectFailure(run, /no Secret Service on the D-Bus session bus.*gnome-keyring or KeePassXC/);
  });

  it('gives up after KEYWARD_KEYCHAIN_TIMEOUT_MS when the Secret Service hangs', () => {
    const dir = fs.mkdtempSync(path.join(fx.home, 'bus-'));
    const env = { ...nestedEnv(fx.env, dir), KEYWARD_KEYCHAIN_TIMEOUT_MS: '1000' };
    const run = runInBus(dir, '', ['node', shimEntry, '--profile', 'dev'], env, writeBusConfig(dir, '/bin/sleep 8'));
    // The shim ends itself with SIGTERM: process.exit() would wait for keytar's blocked thread.
    expectFailure({ ...run, status: run.status === 130 ? 1 : run.status }, /did not answer within 1000 ms/);
    expect(run.status).toBe(130);
    expect(run.ms).toBeLessThan(5000);
  });

  it('says the keychain is locked (not "missing") when the keyring is locked', () => {
    const dir = fs.mkdtempSync(path.join(fx.home, 'bus-'));
    const setup = lockedKeyringSetup(dir, `import k from '${keytarModule}';
await k.setPassword('${fx.service}', 'dev', ${JSON.stringify(JSON.stringify(item(key)))});`);
    const run = runInBus(dir, setup, ['node', shimEntry, '--profile', 'dev'], nestedEnv(fx.env, dir));
    expectFailure(run, /the keychain is locked\. Unlock the keyring/);
  });
});

describe('the audit log', () => {
  it('gets one line per call, with profile, parent and outcome, and never the secret', async () => {
    const audit = createFixture('audit');
    try {
      await audit.put('dev', item(key));
      audit.runShim(['--profile', 'dev']);
      audit.runShim(['--profile', 'gone']);
      const lines = audit.auditLines();
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatchObject({ profile: 'dev', outcome: 'ok', ppid: process.pid });
      expect(lines[0]?.parent).toMatch(/^node/); // vitest retitles its workers 'node (vitest 1)'
      expect(lines[1]).toMatchObject({ profile: 'gone', outcome: 'error', error: 'keychain-item-missing' });
      const file = path.join(audit.home, '.local/state/keyward/audit.log');
      const text = fs.readFileSync(file, 'utf8');
      expect(text).not.toContain(key.SecretAccessKey);
      expect(text).not.toContain(key.AccessKeyId);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    } finally {
      await audit.cleanup();
    }
  });

  it('still returns the credentials when the log cannot be written, with one warning on stderr', () => {
    const blocker = path.join(fx.home, 'state-is-a-file');
    fs.writeFileSync(blocker, '');
    const run = fx.runShim(['--profile', 'dev'], { XDG_STATE_HOME: blocker });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ AccessKeyId: key.AccessKeyId });
    expect(run.stderr).toMatch(/^keyward credential-process: warning: could not append to .*audit\.log \(ENOTDIR\)\.\n$/);
  });

  it('does not hang on a FIFO planted at the log path (no reader, and with a reader)', () => {
    const state = path.join(fx.home, 'fifo-state');
    fs.mkdirSync(path.join(state, 'keyward'), { recursive: true, mode: 0o700 });
    const fifo = path.join(state, 'keyward/audit.log');
    execFileSync('mkfifo', [fifo]);
    // Without the fix the open blocks forever; spawnSync's timeout would then kill it (status null).
    const run = fx.runShim(['--profile', 'dev'], { XDG_STATE_HOME: state });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ AccessKeyId: key.AccessKeyId });
    expect(run.stderr).toMatch(/warning: could not append to .*audit\.log \((ENXIO|ENOTREGULAR)\)/);
  });
});
