// Session credentials through the real clients (AWS CLI v2, botocore, the JS SDK) against the
// SigV4-verifying emulator (test/support/aws-emulator.ts): after `keyward migrate`, a profile with
// mfa_serial resolves to an ASIA session that the emulator issued (GetSessionToken signed by the
// stored key, TOTP code from the profile's mfa_process) and accepts; the long-term key reaches no
// client; the cache serves every later call; 10 shims at once make one STS call; a refused code
// fails cleanly; a role profile chained on the keyward profile signs its AssumeRole with the session.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AWS_CLIENTS, callAws, type AwsClient } from '../support/aws-call.js';
import { emulatorEnv, redirectCliV2, startAwsEmulator, totp, type AwsEmulator } from '../support/aws-emulator.js';
import { resolveEach } from '../support/aws-clients.js';
import { keychainStore } from '../support/keychain.js';
import { fakeKey } from '../support/keys.js';
import { makeMigrateHome, type MigrateHome } from '../support/migrate-home.js';
import { shimEntry } from '../support/paths.js';
import { runDetached } from '../support/session-fixture.js';

const alice = fakeKey(60);
const bob = fakeKey(61);
const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
let aws: AwsEmulator;
let home: MigrateHome;
let env: NodeJS.ProcessEnv;
let codeFile: string;

const CREDENTIALS = `[dev]\naws_access_key_id = ${alice.id}\naws_secret_access_key = ${alice.secret}\n\n` +
  `[ci]\naws_access_key_id = ${bob.id}\naws_secret_access_key = ${bob.secret}\n`;
// mfa_process reads the code the test wrote: a TOTP of the device's seed, current when written.
const CONFIG = '[profile dev]\nregion = us-east-1\nmfa_serial = ' + SERIAL + '\nmfa_process = cat "$HOME/mfa-code"\n\n' +
  '[profile ci]\nregion = us-east-1\n\n' +
  '[profile admin]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = dev\n\n' +
  `[profile admin-mfa]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = dev\nmfa_serial = ${SERIAL}\n`;

const writeCode = (code = totp(TOTP_SECRET)): void => fs.writeFileSync(codeFile, `${code}\n`);
const sessionRequests = (): typeof aws.requests => aws.requests.filter((r) => r.action === 'GetSessionToken');
const sessions = () => keychainStore(`${env.KEYWARD_SERVICE}:session`);

beforeAll(async () => {
  aws = await startAwsEmulator({ users: [{ name: 'alice', keys: [alice] }, { name: 'bob', keys: [bob] }] });
  aws.registerMfa('alice', SERIAL, { totpSecret: TOTP_SECRET });
  home = makeMigrateHome('session-e2e', { credentials: CREDENTIALS, config: CONFIG });
  env = { ...home.env, ...emulatorEnv(aws.url) };
  codeFile = path.join(home.home, 'mfa-code');
  redirectCliV2(home.home, aws.url);
  // The fleet hands out sessions for every profile: `ci` (no mfa_serial) gets one without MFA.
  fs.mkdirSync(path.dirname(env.KEYWARD_FLEET_POLICY as string), { recursive: true });
  fs.writeFileSync(env.KEYWARD_FLEET_POLICY as string, 'session_credentials = always\nlocked = session_credentials\n');
  const migrated = home.keyward(['migrate', '--yes'], env);
  expect(migrated.status, migrated.stderr).toBe(0);
});

afterAll(async () => {
  await sessions().delete('dev').catch(() => false);
  await sessions().delete('ci').catch(() => false);
  home.cleanup();
  await aws.close();
});

beforeEach(async () => {
  await sessions().delete('dev');
  writeCode();
});

describe('a migrated profile with mfa_serial', () => {
  it('resolves to an ASIA session in all three clients, from one GetSessionToken signed by the stored key with the TOTP code', async () => {
    const before = sessionRequests().length;
    const { 'cli-v2': cli, botocore: boto, 'js-sdk': js } = await resolveEach(env, 'dev');
    expect(cli.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(cli.SessionToken).toMatch(/^FwoGZXIvYXdzE/);
    // The cache serves the second and third client: the same session, one STS call.
    expect(boto).toEqual(cli);
    expect(js).toEqual(cli);
    expect(sessionRequests().slice(before)).toEqual([{ service: 'sts', action: 'GetSessionToken', keyId: alice.id, status: 200, outcome: 'ok' }]);
    expect(JSON.stringify([cli, boto, js])).not.toContain(alice.id);
    expect(JSON.stringify([cli, boto, js])).not.toContain(alice.secret);
  });

  it.each(AWS_CLIENTS)('%s: the emulator accepts the session for STS and, since it was made with MFA, for IAM', async (client: AwsClient) => {
    const who = await callAws(client, env, 'dev', 'sts', 'GetCallerIdentity');
    expect(who).toEqual({ ok: expect.objectContaining({ Arn: 'arn:aws:iam::123456789012:user/alice' }) });
    expect(aws.requests.at(-1)).toMatchObject({ action: 'GetCallerIdentity', keyId: expect.stringMatching(/^ASIA/), status: 200 });
    const keys = await callAws(client, env, 'dev', 'iam', 'ListAccessKeys');
    expect(keys.ok).toBeDefined();
    expect(aws.requests.at(-1)).toMatchObject({ action: 'ListAccessKeys', keyId: expect.stringMatching(/^ASIA/), status: 200 });
  });

  it('10 shims started at once make exactly one STS call and hand out one session', async () => {
    const before = sessionRequests().length;
    const runs = await Promise.all(Array.from({ length: 10 }, () => runDetached([process.execPath, shimEntry, '--profile', 'dev'], env)));
    expect(runs.map((r) => r.status)).toEqual(Array(10).fill(0));
    expect(new Set(runs.map((r) => (JSON.parse(r.stdout) as { AccessKeyId: string }).AccessKeyId)).size).toBe(1);
    expect(sessionRequests().length - before).toBe(1);
  });

  it('a wrong code is asked for once more, then the shim fails with one line and the client shows it', async () => {
    writeCode('000000');
    const before = sessionRequests().length;
    const [run] = await Promise.all([runDetached([process.execPath, shimEntry, '--profile', 'dev'], env)]);
    expect(run?.status).toBe(1);
    expect(run?.stdout).toBe('');
    expect(run?.stderr.trim().split('\n')).toEqual([expect.stringContaining("keyward credential-process: profile 'dev': STS refused the MFA code twice. ")]);
    expect(sessionRequests().slice(before).map((r) => r.outcome)).toEqual(['AccessDenied', 'AccessDenied']);
    writeCode('000000');
    expect((await resolveEach(env, 'dev'))['cli-v2']).toEqual({ error: 'failed', detail: expect.stringContaining('STS refused the MFA code') });
  });

  it('with no source for a code (mfa_prompt = terminal, no controlling terminal), the shim fails with one line and calls no STS', async () => {
    const policy = path.join(env.XDG_CONFIG_HOME as string, 'keyward', 'config.ini');
    fs.mkdirSync(path.dirname(policy), { recursive: true });
    fs.writeFileSync(policy, '[profile dev]\nmfa_prompt = terminal\n');
    try {
      const before = sessionRequests().length;
      const run = await runDetached([process.execPath, shimEntry, '--profile', 'dev'], env);
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining("profile 'dev': an MFA code is needed and there is no way to ask for one here (tried terminal)")]);
      expect(sessionRequests().length).toBe(before);
    } finally {
      fs.rmSync(policy);
    }
  });

  it('a role profile with source_profile = the keyward profile: the CLI assumes the role, signing AssumeRole with the session', async () => {
    for (const client of AWS_CLIENTS) {
      const who = await callAws(client, env, 'admin', 'sts', 'GetCallerIdentity');
      expect(who, client).toEqual({ ok: expect.objectContaining({ Arn: expect.stringMatching(/^arn:aws:sts::123456789012:assumed-role\/admin\//) }) });
      const assume = aws.requests.filter((r) => r.action === 'AssumeRole').at(-1);
      expect(assume, client).toMatchObject({ keyId: expect.stringMatching(/^ASIA/), status: 200 });
    }
  });
});

/**
 * The AWS CLI v2 on a pseudo-terminal (`script`); `answer` is typed once `prompt` shows (botocore's
 * getpass flushes anything typed earlier). Resolves with what the terminal showed and the exit status.
 */
function cliOnTerminal(args: string[], prompt: string, answer: () => string): Promise<{ status: number | null; terminal: string }> {
  const command = ['/usr/bin/aws', ...args].map((a) => `'${a}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { env: { ...env, AWS_PAGER: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let terminal = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      terminal += c;
      if (terminal.includes(prompt) && child.stdin.writable) child.stdin.end(`${answer()}\n`);
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, terminal }));
  });
}

describe('a role profile with its own mfa_serial, chained on the keyward profile', () => {
  it('the AWS CLI prompts for the role\'s code itself (keyward\'s session comes from mfa_process) and signs AssumeRole with the session', async () => {
    const run = await cliOnTerminal(['sts', 'get-caller-identity', '--profile', 'admin-mfa', '--output', 'json'], `Enter MFA code for ${SERIAL}:`, () => totp(TOTP_SECRET));
    expect(run.terminal).toContain(`Enter MFA code for ${SERIAL}:`);
    expect(run.status, JSON.stringify(run.terminal)).toBe(0);
    expect(run.terminal).toMatch(/assumed-role\/admin\//);
    expect(aws.requests.filter((r) => r.action === 'AssumeRole').at(-1)).toMatchObject({ keyId: expect.stringMatching(/^ASIA/), status: 200 });
  });
});

describe('session_credentials = always (locked by the fleet)', () => {
  it('a profile without mfa_serial gets a session without MFA in every client; no client sees the AKIA key', async () => {
    const { 'cli-v2': cli, botocore: boto, 'js-sdk': js } = await resolveEach(env, 'ci');
    for (const c of [cli, boto, js]) expect(c?.AccessKeyId).toMatch(/^ASIA/);
    expect(JSON.stringify([cli, boto, js])).not.toMatch(/AKIA|"error"/);
    expect(aws.requests.filter((r) => r.action === 'GetSessionToken' && r.keyId === bob.id)).toHaveLength(1);
  });
});

describe('keyward restore', () => {
  it('deletes the cached sessions of the profiles it restores (without --purge too), and only theirs', async () => {
    await resolveEach(env, 'dev');
    await resolveEach(env, 'ci');
    expect(await sessions().get('dev')).not.toBeNull();
    expect(await sessions().get('ci')).not.toBeNull();
    const run = home.keyward(['restore', '--yes', '--profile', 'dev'], env);
    expect(run.status, run.stderr).toBe(0);
    expect(await sessions().get('dev')).toBeNull();
    expect(await sessions().get('ci')).not.toBeNull();
  });
});
