// Issue 13's bar: with `session_credentials = always` (locked by the fleet), no process that runs
// keyward for a migrated profile ever receives an AKIA key. Every way a process can get
// credentials from keyward is taken here, on one home, in order — the three real clients (AWS CLI
// v2, botocore, the JS SDK), the shim bundle, `keyward credential-process`, the exact
// credential_process line migrate wrote (the launcher, and through it the installed version), the
// launcher's fast path with `keyward watch` serving, the agent's socket asked directly, 10 shims at
// once, a role chained on a session, a refresh after the cache is gone, an unreachable STS, and the
// key's later life (`keyward rotate`, `keyward add --stdin`, adopting a key set with
// `aws configure set`). Everything any of them printed is kept, and the last test asserts that no
// AKIA key ID and no long-term secret (the first keys, the rotated one, the added and the adopted
// ones) is in any of it; the SigV4-verifying emulator asserts the same from the other side: every
// request the clients signed carries an ASIA key, only keyward's own GetSessionToken (and rotate's
// IAM calls) an AKIA one.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeItem } from '../../src/secrets/item.js';
import { openSecretStore } from '../../src/secrets/open.js';
import { askAgent } from '../support/agent.js';
import { AWS_CLIENTS, callAws } from '../support/aws-call.js';
import { resolveEach } from '../support/aws-clients.js';
import { emulatorEnv, redirectCliV2, startAwsEmulator, totp, type AwsEmulator, type EmulatorRequest } from '../support/aws-emulator.js';
import { startWatch } from '../support/daemon.js';
import { fakeKey } from '../support/keys.js';
import { makeMigrateHome, type MigrateHome } from '../support/migrate-home.js';
import { binKeyward, shimEntry } from '../support/paths.js';
import { runDetached } from '../support/session-fixture.js';

const alice = fakeKey(80);
const bob = fakeKey(81);
const carol = fakeKey(82);
const adopted = fakeKey(83);
const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const AKIA = /AKIA[A-Z2-7]{16}/;

const CREDENTIALS = `[dev]\naws_access_key_id = ${alice.id}\naws_secret_access_key = ${alice.secret}\n\n` +
  `[ci]\naws_access_key_id = ${bob.id}\naws_secret_access_key = ${bob.secret}\n`;
const CONFIG = `[profile dev]\nregion = us-east-1\nmfa_serial = ${SERIAL}\nmfa_process = cat "$HOME/mfa-code"\n\n` +
  '[profile ci]\nregion = us-east-1\n\n' +
  '[profile admin]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = ci\n';

let aws: AwsEmulator;
let h: MigrateHome;
let env: NodeJS.ProcessEnv;
/** Every byte any process printed while handing out or using keyward's credentials. */
const seen: string[] = [];
/** Long-term secrets that must appear in none of it (the rotated key's is added once it exists). */
const secrets = [alice.secret, bob.secret, carol.secret, adopted.secret];
/** Emulator requests the clients made (not keyward's own calls): each must be signed with an ASIA key. */
const clientRequests: EmulatorRequest[] = [];

const run = promisify(execFile);

/** Runs a command with the home's env without blocking this process (the emulator answers from it). */
async function exec(file: string, args: string[], extra: NodeJS.ProcessEnv = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(file, args, { env: { ...env, ...extra }, encoding: 'utf8', timeout: 120_000 });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const keyward = (args: string[], extra: NodeJS.ProcessEnv = {}) => exec(process.execPath, [binKeyward, ...args], extra);

/** Runs `work`, keeping what the emulator saw meanwhile as client requests. */
async function asClient<T>(work: () => Promise<T>): Promise<T> {
  const from = aws.requests.length;
  try {
    return await work();
  } finally {
    clientRequests.push(...aws.requests.slice(from));
  }
}

/** The credential_process JSON a run printed, kept in `seen`; expects an ASIA session. */
function expectSession(output: { status: number | null; stdout: string; stderr: string }, label: string): void {
  seen.push(output.stdout, output.stderr);
  expect(output.status, `${label}: ${output.stderr}`).toBe(0);
  const json = JSON.parse(output.stdout) as { AccessKeyId: string; SessionToken?: string; Expiration?: string };
  expect(json.AccessKeyId, label).toMatch(/^ASIA/);
  expect(json.SessionToken, label).toBeTruthy();
  expect(json.Expiration, label).toBeTruthy();
}

/** The three real clients resolve `profile` to a session; their output is kept. */
async function clientsGetSessions(profile: string): Promise<void> {
  const resolved = await asClient(() => resolveEach(env, profile));
  seen.push(JSON.stringify(resolved));
  for (const [client, credentials] of Object.entries(resolved)) expect(credentials.AccessKeyId, `${client} ${profile}: ${credentials.detail ?? ''}`).toMatch(/^ASIA/);
}

/** The credential_process line migrate wrote for `profile` (where its key was), as the AWS CLI would run it (sh -c). */
function credentialProcessLine(profile: string): string {
  for (const [file, header] of [['credentials', `${profile}]`], ['config', `profile ${profile}]`]]) {
    const text = fs.readFileSync(path.join(h.home, '.aws', file as string), 'utf8');
    const section = text.split(/^\[/m).find((s) => s.startsWith(header as string)) ?? '';
    const line = /^credential_process\s*=\s*(.+)$/m.exec(section)?.[1];
    if (line) return line;
  }
  throw new Error(`no credential_process line for ${profile}`);
}

const sessionsStore = () => openSecretStore('command', env, 'session');

beforeAll(async () => {
  aws = await startAwsEmulator({ users: [{ name: 'alice', keys: [alice] }, { name: 'bob', keys: [bob] }, { name: 'carol', keys: [carol] }] });
  aws.registerMfa('alice', SERIAL, { totpSecret: TOTP_SECRET });
  aws.addKey('alice', adopted);
  h = makeMigrateHome('sessions-always', { credentials: CREDENTIALS, config: CONFIG });
  // Its own runtime dir: the agent's socket of this home's `keyward watch` is private to it.
  const runtime = path.join(h.home, 'run');
  fs.mkdirSync(runtime, { mode: 0o700 });
  env = { ...h.env, ...emulatorEnv(aws.url), XDG_RUNTIME_DIR: runtime };
  redirectCliV2(h.home, aws.url);
  fs.writeFileSync(path.join(h.home, 'mfa-code'), `${totp(TOTP_SECRET)}\n`);
  fs.mkdirSync(path.dirname(env.KEYWARD_FLEET_POLICY as string), { recursive: true });
  fs.writeFileSync(env.KEYWARD_FLEET_POLICY as string, 'session_credentials = always\nlocked = session_credentials\n');
  const migrated = await keyward(['migrate', '--yes']);
  expect(migrated.status, migrated.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await keyward(['remove', '--profile', 'dev', '--yes', '--from-files']);
  await keyward(['remove', '--profile', 'ci', '--yes', '--from-files']);
  await keyward(['remove', '--profile', 'added', '--yes', '--from-files']);
  await keyward(['remove', '--orphans', '--yes']);
  h.cleanup();
  await aws.close();
});

describe('session_credentials = always, locked by the fleet', () => {
  it('the AWS CLI v2, botocore and the JS SDK get sessions for a profile with MFA and one without', async () => {
    await clientsGetSessions('dev');
    await clientsGetSessions('ci');
  });

  it('so do the shim bundle, `keyward credential-process` and the credential_process line migrate wrote (the launcher)', async () => {
    for (const profile of ['dev', 'ci']) {
      expectSession(await exec(process.execPath, [shimEntry, '--profile', profile]), `shim ${profile}`);
      expectSession(await keyward(['credential-process', '--profile', profile]), `keyward credential-process ${profile}`);
      expectSession(await exec('/bin/sh', ['-c', credentialProcessLine(profile)]), `launcher ${profile}`);
    }
  });

  it('10 shims at once, with the cache emptied first: one session each, one STS call per profile', async () => {
    await sessionsStore().delete('ci');
    const before = aws.requests.filter((r) => r.action === 'GetSessionToken').length;
    const runs = await Promise.all(Array.from({ length: 10 }, () => runDetached(['/bin/sh', '-c', credentialProcessLine('ci')], env)));
    runs.forEach((r, i) => expectSession(r, `concurrent shim ${i}`));
    expect(aws.requests.filter((r) => r.action === 'GetSessionToken').length - before).toBe(1);
  });

  it('with `keyward watch` serving: the launcher\'s fast path and the agent\'s socket hand out the session or decline, never the key', async () => {
    const watch = startWatch(env);
    try {
      const ready = await watch.next((e) => e.event === 'ready' && typeof (e as { agent?: unknown }).agent === 'string');
      const socket = (ready as { agent: string }).agent;
      const audit = path.join(env.XDG_STATE_HOME ?? path.join(h.home, '.local/state'), 'keyward', 'audit.log');
      const auditBefore = fs.existsSync(audit) ? fs.readFileSync(audit, 'utf8').split('\n').length : 0;
      const statuses: number[] = [];
      for (const profile of ['dev', 'ci']) {
        expectSession(await exec('/bin/sh', ['-c', credentialProcessLine(profile)]), `launcher with the agent ${profile}`);
        const service = encodeURIComponent(env.KEYWARD_SERVICE as string);
        const reply = await askAgent(socket, 'GET', `/v1/credentials?profile=${profile}&service=${service}`);
        seen.push(reply.body);
        statuses.push(reply.status);
        expect([200, 503], reply.body).toContain(reply.status);
        if (reply.status === 200) expect((JSON.parse(reply.body) as { AccessKeyId: string }).AccessKeyId).toMatch(/^ASIA/);
      }
      await clientsGetSessions('ci');
      // The sessions cached by the tests before are fresh: the agent served them (not only declined).
      expect(statuses).toContain(200);
      const served = fs.readFileSync(audit, 'utf8').split('\n').slice(auditBefore - 1).filter((l) => l.includes('"via":"agent"'));
      expect(served.length).toBeGreaterThan(0);
    } finally {
      await watch.stop();
      seen.push(watch.stderr(), JSON.stringify(watch.events));
    }
  });

  it('a role chained on the session profile: every client signs AssumeRole with the session', async () => {
    for (const client of AWS_CLIENTS) {
      const who = await asClient(() => callAws(client, env, 'admin', 'sts', 'GetCallerIdentity'));
      seen.push(JSON.stringify(who));
      expect(who, client).toEqual({ ok: expect.objectContaining({ Arn: expect.stringMatching(/assumed-role\/admin\//) }) });
    }
    expect(clientRequests.filter((r) => r.action === 'AssumeRole').length).toBeGreaterThanOrEqual(AWS_CLIENTS.length);
  });

  it('with STS unreachable and no cached session, the shim fails with one line and never falls back to the key', async () => {
    await sessionsStore().delete('ci');
    for (const command of [[process.execPath, shimEntry, '--profile', 'ci'], ['/bin/sh', '-c', credentialProcessLine('ci')]]) {
      const out = await exec(command[0] as string, command.slice(1), { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1' });
      seen.push(out.stdout, out.stderr);
      expect(out.status).toBe(1);
      expect(out.stdout).toBe('');
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('after `keyward rotate`, the new key is handed out as sessions too', async () => {
    const rotated = await keyward(['rotate', '--profile', 'ci', '--yes']);
    seen.push(rotated.stdout, rotated.stderr);
    expect(rotated.status, rotated.stderr).toBe(0);
    const item = await openSecretStore('command', env, 'key').get('ci');
    const current = decodeItem(item as string, 'ci');
    expect(current.AccessKeyId).not.toBe(bob.id);
    secrets.push(current.SecretAccessKey);
    await clientsGetSessions('ci');
    expect(clientRequests.filter((r) => r.action === 'GetCallerIdentity' || r.action === 'AssumeRole').length).toBeGreaterThan(0);
    expect(aws.requests.filter((r) => r.action === 'GetSessionToken').at(-1)).toMatchObject({ keyId: current.AccessKeyId, status: 200 });
  });

  it('after `keyward add --stdin` (a new profile), and after adopting a key set with `aws configure set`: sessions', async () => {
    const added = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [binKeyward, 'add', '--profile', 'added', '--stdin'], { env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
      child.stdin.end(`${carol.id} ${carol.secret}\n`);
    });
    seen.push(added.stdout, added.stderr);
    expect(added.status, added.stderr).toBe(0);
    await clientsGetSessions('added');

    // The AWS docs' way to change a key: the CLI appends it (in plaintext: the user's own doing, not
    // a credential keyward handed out) until `keyward migrate` adopts it.
    for (const [key, value] of [['aws_access_key_id', adopted.id], ['aws_secret_access_key', adopted.secret]]) {
      const set = await exec('/usr/bin/aws', ['configure', 'set', key as string, value as string, '--profile', 'dev']);
      expect(set.status, set.stderr).toBe(0);
    }
    const adopt = await keyward(['migrate', '--yes']);
    seen.push(adopt.stdout, adopt.stderr);
    expect(adopt.status, adopt.stderr).toBe(0);
    expect(fs.readFileSync(path.join(h.home, '.aws/credentials'), 'utf8')).not.toContain(adopted.secret);
    await sessionsStore().delete('dev');
    fs.writeFileSync(path.join(h.home, 'mfa-code'), `${totp(TOTP_SECRET)}\n`);
    await clientsGetSessions('dev');
    expect(aws.requests.filter((r) => r.action === 'GetSessionToken').at(-1)).toMatchObject({ keyId: adopted.id, status: 200 });
  });

  it('in all of it: no AKIA key ID and no long-term secret in anything any process printed; every client request signed with ASIA', () => {
    expect(seen.length).toBeGreaterThan(50);
    const everything = seen.join('\n');
    expect(everything).not.toMatch(AKIA);
    for (const secret of secrets) expect(everything.includes(secret), 'a long-term secret was printed').toBe(false);
    expect(clientRequests.length).toBeGreaterThan(10);
    const byClients = clientRequests.filter((r) => r.action !== 'GetSessionToken');
    expect(byClients.filter((r) => !/^ASIA/.test(r.keyId ?? ''))).toEqual([]);
    // GetSessionToken is the shim's own call, signed with the stored key: the only AKIA signer among them.
    expect(clientRequests.filter((r) => r.action === 'GetSessionToken').every((r) => /^AKIA/.test(r.keyId ?? ''))).toBe(true);
  });
});
