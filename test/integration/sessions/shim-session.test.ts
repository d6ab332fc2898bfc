// The shim handing out STS sessions, end to end through the built bundle, the real keyring and an
// STS on 127.0.0.1 (test/support/fake-sts.ts: it records each call and checks MFA codes, but not
// signatures; the SigV4-verifying emulator of issue 12 replaces it once it is merged).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEY_ID } from '../../support/keys.js';
import { MFA_SERIAL, createSessionFixture, putKey, runDetached, type SessionFixture } from '../../support/session-fixture.js';
import { binKeyward } from '../../support/paths.js';
import { item } from '../../support/shim-fixture.js';
import { fakeCredentials } from '../../support/keys.js';

let f: SessionFixture;
beforeEach(async () => {
  f = await createSessionFixture('session');
  await putKey(f, 'dev');
});
afterEach(async () => f.cleanup());

const json = (stdout: string): Record<string, string> => JSON.parse(stdout) as Record<string, string>;

describe('session_credentials = mfa (the default)', () => {
  it('hands out the key of a profile without mfa_serial, and calls no STS', async () => {
    f.config({ dev: {} });
    const [run] = await f.shims('dev');
    expect(run?.stderr).toBe('');
    expect(json(run!.stdout)).toEqual({ Version: 1, AccessKeyId: KEY_ID, SecretAccessKey: expect.any(String) });
    expect(f.sts.calls).toEqual([]);
  });

  it('with mfa_serial: a session from GetSessionToken signed by the stored key, the code from mfa_process, then the cache', async () => {
    f.config({ dev: { mfa_serial: MFA_SERIAL, mfa_process: 'echo 123456' } });
    const [first] = await f.shims('dev');
    expect(first?.stderr).toBe('');
    const out = json(first!.stdout);
    expect(out.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.SessionToken).toMatch(/^fake-session-token-/);
    expect(Date.parse(out.Expiration as string) - Date.now()).toBeGreaterThan(50 * 60_000);
    expect(f.sts.calls).toEqual([{ action: 'GetSessionToken', signer: KEY_ID, serial: MFA_SERIAL, code: '123456', duration: 3600 }]);
    const [second] = await f.shims('dev');
    expect(json(second!.stdout)).toEqual(out);
    expect(f.sessionCalls()).toBe(1);
  });

  it('`keyward credential-process` (the unbundled ESM entry) takes the same session path', async () => {
    f.config({ dev: { mfa_serial: MFA_SERIAL, mfa_process: 'echo 123456' } });
    const run = await runDetached([process.execPath, binKeyward, 'credential-process', '--profile', 'dev'], f.env);
    expect(run.stderr).toBe('');
    expect(json(run.stdout).AccessKeyId).toMatch(/^ASIA/);
    expect(f.sessionCalls()).toBe(1);
  });

  it('10 shims at once make one STS call and all hand out the same session', async () => {
    f.config({ dev: { mfa_serial: MFA_SERIAL, mfa_process: 'echo 123456' } });
    const runs = await f.shims('dev', 10);
    expect(runs.map((r) => r.status)).toEqual(Array(10).fill(0));
    expect(new Set(runs.map((r) => json(r.stdout).AccessKeyId)).size).toBe(1);
    expect(f.sessionCalls()).toBe(1);
  });

  it('a refused code gets one more prompt, then fails with one line', async () => {
    f.config({ dev: { mfa_serial: MFA_SERIAL, mfa_process: 'echo 654321' } });
    const [run] = await f.shims('dev');
    expect(run?.status).toBe(1);
    expect(run?.stdout).toBe('');
    expect(run?.stderr.trim().split('\n')).toEqual([expect.stringContaining("keyward credential-process: profile 'dev': STS refused the MFA code twice. ")]);
    expect(f.sts.calls.map((c) => c.code)).toEqual(['654321', '654321']);
  });

  it('5 shims at once with a refused code: one pair of attempts in all, the waiting shims fail with its error instead of prompting', async () => {
    f.config({ dev: { mfa_serial: MFA_SERIAL, mfa_process: 'echo 654321' } });
    const runs = await f.shims('dev', 5);
    expect(runs.map((r) => r.status)).toEqual(Array(5).fill(1));
    expect(f.sessionCalls()).toBe(2);
    for (const run of runs) expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining('STS refused the MFA code twice')]);
  });

  it('with no way to ask for a code (no mfa_process, no desktop, no terminal) fails at once with one line', async () => {
    f.config({ dev: { mfa_serial: MFA_SERIAL } });
    const [run] = await f.shims('dev');
    expect(run?.status).toBe(1);
    expect(run?.stderr.trim().split('\n')).toEqual([expect.stringContaining("keyward credential-process: profile 'dev': an MFA code is needed and there is no way to ask for one here")]);
    expect(f.sts.calls).toEqual([]);
  });

  it('a desktop prompt (a fake zenity on PATH stands in for the real one) supplies the code when there is no mfa_process', async () => {
    const bin = `${f.home}/fake-bin`;
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(bin);
    writeFileSync(`${bin}/zenity`, '#!/bin/sh\necho "$@" > "$HOME/zenity-args"\necho 123456\n', { mode: 0o755 });
    f.config({ dev: { mfa_serial: MFA_SERIAL } });
    const [run] = await f.shims('dev', 1, { DISPLAY: ':99', PATH: `${bin}:${f.env.PATH}` });
    expect(run?.stderr).toBe('');
    expect(json(run!.stdout).AccessKeyId).toMatch(/^ASIA/);
    expect(f.sts.calls.map((c) => c.code)).toEqual(['123456']);
  });

  it('an expired cached session (or one with 15 minutes or less left) is replaced by one new session', async () => {
    f.config({ dev: { mfa_serial: MFA_SERIAL, mfa_process: 'echo 123456' } });
    const old = item(fakeCredentials(7, 'ASIA'), { SessionToken: 'old-token', Expiration: new Date(Date.now() + 14 * 60_000).toISOString() });
    await f.sessions.set('dev', JSON.stringify({ ...old, mfaSerial: MFA_SERIAL }));
    const [run] = await f.shims('dev');
    expect(json(run!.stdout).SessionToken).not.toBe('old-token');
    expect(f.sessionCalls()).toBe(1);
    const [again] = await f.shims('dev');
    expect(json(again!.stdout).SessionToken).toBe(json(run!.stdout).SessionToken);
    expect(f.sessionCalls()).toBe(1);
  });
});

describe('the policy keys', () => {
  it('session_credentials = always: a session without MFA for a profile without mfa_serial, for the policy duration', async () => {
    f.userPolicy('session_credentials = always\nsession_duration = 2h\n');
    f.config({ dev: {} });
    const [run] = await f.shims('dev');
    expect(json(run!.stdout).AccessKeyId).toMatch(/^ASIA/);
    expect(f.sts.calls).toEqual([{ action: 'GetSessionToken', signer: KEY_ID, duration: 7200 }]);
  });

  it('a [profile NAME] section of the user config opts one profile out', async () => {
    f.userPolicy('session_credentials = always\n[profile dev]\nsession_credentials = never\n');
    f.config({ dev: { mfa_serial: MFA_SERIAL } });
    const [run] = await f.shims('dev');
    expect(json(run!.stdout).AccessKeyId).toBe(KEY_ID);
    expect(f.sts.calls).toEqual([]);
  });

  it('a fleet that locks session_credentials = always overrides the user\'s opt-out', async () => {
    f.fleetPolicy('session_credentials = always\nlocked = session_credentials\n');
    f.userPolicy('[profile dev]\nsession_credentials = never\n');
    f.config({ dev: {} });
    const [run] = await f.shims('dev');
    expect(json(run!.stdout).AccessKeyId).toMatch(/^ASIA/);
    expect(f.sessionCalls()).toBe(1);
  });
});
