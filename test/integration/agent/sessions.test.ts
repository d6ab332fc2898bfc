// Issue 13 in the agent: a profile that hands out STS sessions is never answered with its key. The
// agent serves the session the keychain caches while the shim would reuse it (> 15 min left, made
// with the profile's MFA device); on a miss it gets a new one itself (issue 14: through the shim's
// own path, sessions/refresh.ts: one STS call and one prompt for concurrent misses, the keychain
// cache filled) when it can ask for the code in its own session (the profile's mfa_process, or a
// dialog on the daemon's display), and otherwise declines (503) so the launcher falls through to
// the Node shim, which asks on the caller's terminal. Other profiles are served as before. The
// policy and AWS files are read at each request. STS is test/support/fake-sts.ts on 127.0.0.1.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAgent, type Agent } from '../../../src/agent/server.js';
import { encodeItem } from '../../../src/secrets/item.js';
import { askAgent, processJson } from '../../support/agent.js';
import { startFakeSts, type FakeSts } from '../../support/fake-sts.js';
import { keychainStore } from '../../support/keychain.js';
import { fakeKey } from '../../support/keys.js';
import { item } from '../../support/shim-fixture.js';
import { createTempHome } from '../../support/temp-home.js';

const MFA = 'arn:aws:iam::123456789012:mfa/dev';
const base = createTempHome('agent-sessions', { files: {
  '.aws/config': `[profile dev]\nmfa_serial = ${MFA}\ncredential_process = x\n\n[profile plain]\ncredential_process = x\n\n` +
    // mfa_process: a real program that counts its runs and answers after a moment (so concurrent requests overlap).
    `[profile proc]\nmfa_serial = ${MFA}\nmfa_process = echo run >> "$HOME/mfa-runs"; sleep 0.3; echo 123456\ncredential_process = x\n`,
} });
const runtime = path.join(base.root, 'run');
let sts: FakeSts;
let env: NodeJS.ProcessEnv;
const service = base.env.KEYWARD_SERVICE as string;
const store = keychainStore(service);
const sessions = keychainStore(`${service}:session`);
const session = fakeKey(53, 'ASIA');
/** A session item as the shim caches it (sessions/cache.ts), expiring `minutes` from now. */
function sessionItem(minutes: number, mfaSerial: string | undefined = MFA): string {
  return JSON.stringify({ v: 1, AccessKeyId: session.id, SecretAccessKey: session.secret, SessionToken: 'token-of-dev',
    Expiration: new Date(Date.now() + minutes * 60_000).toISOString(), createdAt: new Date().toISOString(),
    source: { file: '/x', section: 'profile dev' }, ...(mfaSerial ? { mfaSerial } : {}) });
}
const key = fakeKey(52);
const PROFILES = ['dev', 'plain', 'proc'];
let agent: Agent;
const ask = (socket: string, profile: string) => askAgent(socket, 'GET', `/v1/credentials?profile=${profile}&service=${encodeURIComponent(service)}`);
const credentials = (profile: string) => ask(agent.socketPath, profile);
const policyFile = () => path.join(env.XDG_CONFIG_HOME as string, 'keyward', 'config.ini');
const sessionCalls = () => sts.calls.filter((c) => c.action === 'GetSessionToken');

beforeAll(async () => {
  sts = await startFakeSts();
  env = { ...base.env, XDG_RUNTIME_DIR: runtime, AWS_ENDPOINT_URL_STS: sts.url, AWS_REGION: 'us-east-1' };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  fs.mkdirSync(runtime, { mode: 0o700 });
  for (const profile of PROFILES) await store.set(profile, encodeItem(item({ AccessKeyId: key.id, SecretAccessKey: key.secret })));
  agent = await startAgent({ env, home: base.home, openStore: async () => store, onError: () => undefined });
});
afterAll(async () => {
  await agent.close();
  for (const account of PROFILES) {
    await store.delete(account).catch(() => false);
    await sessions.delete(account).catch(() => false);
  }
  await sts.close();
  base.cleanup();
});

it('declines a profile with mfa_serial under the default policy, and serves one without', async () => {
  const declined = await credentials('dev');
  expect(declined.status).toBe(503);
  expect(declined.body).toContain('session-via-shim');
  expect(declined.body).not.toContain(key.id);
  expect(await credentials('plain')).toEqual({ status: 200, body: processJson(key) });
});

it('follows the policy as it changes: always gets a session itself where no code is needed, a [profile] never serves the key again', async () => {
  const policy = policyFile();
  fs.mkdirSync(path.dirname(policy), { recursive: true });
  fs.writeFileSync(policy, 'session_credentials = always\n');
  const before = sessionCalls().length;
  const served = await credentials('plain');
  expect(served.status, served.body).toBe(200);
  expect(JSON.parse(served.body)).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/), SessionToken: expect.any(String) });
  expect(served.body).not.toContain(key.id);
  // One GetSessionToken, signed with the profile's key, without MFA; the session is in the keychain's cache for the shim too.
  expect(sessionCalls().slice(before)).toEqual([{ action: 'GetSessionToken', signer: key.id, duration: 3600 }]);
  expect(await sessions.get('plain')).toContain(JSON.parse(served.body).AccessKeyId);
  fs.writeFileSync(policy, 'session_credentials = always\n[profile plain]\nsession_credentials = never\n');
  expect(await credentials('plain')).toEqual({ status: 200, body: processJson(key) });
  // mfa_serial and no way to ask in the agent's session (no mfa_process, no display): the shim asks.
  expect((await credentials('dev')).status).toBe(503);
  await sessions.delete('plain');
});

it('serves the session the keychain caches for a session profile, never its key, and only while the shim would reuse it', async () => {
  fs.rmSync(policyFile(), { force: true });
  await sessions.set('dev', sessionItem(10));
  expect((await credentials('dev')).status).toBe(503); // 10 min left: the shim would get a new one
  await sessions.set('dev', sessionItem(60, 'arn:aws:iam::123456789012:mfa/other'));
  expect((await credentials('dev')).status).toBe(503); // made with another device
  await sessions.set('dev', sessionItem(60));
  const served = await credentials('dev');
  expect(served.status).toBe(200);
  expect(JSON.parse(served.body)).toMatchObject({ Version: 1, AccessKeyId: session.id, SecretAccessKey: session.secret, SessionToken: 'token-of-dev' });
  expect(served.body).not.toContain(key.id);
  // Held in memory: served without the keychain until told the item changed.
  await sessions.delete('dev');
  expect((await credentials('dev')).body).toBe(served.body);
  agent.cache.invalidate('dev');
  expect((await credentials('dev')).status).toBe(503);
});

it('gets a session with the profile\'s mfa_process itself: 8 requests at once make one prompt and one STS call', async () => {
  fs.rmSync(policyFile(), { force: true });
  const before = sessionCalls().length;
  const replies = await Promise.all(Array.from({ length: 8 }, () => credentials('proc')));
  for (const reply of replies) expect(reply.status, reply.body).toBe(200);
  expect(new Set(replies.map((r) => r.body)).size).toBe(1);
  expect(JSON.parse(replies[0]!.body).AccessKeyId).toMatch(/^ASIA/);
  expect(fs.readFileSync(path.join(base.home, 'mfa-runs'), 'utf8')).toBe('run\n');
  expect(sessionCalls().slice(before)).toEqual([{ action: 'GetSessionToken', signer: key.id, serial: MFA, code: '123456', duration: 3600 }]);
  // Cached for the shim as it caches its own: made with the profile's device.
  expect(JSON.parse((await sessions.get('proc')) as string)).toMatchObject({ mfaSerial: MFA, AccessKeyId: JSON.parse(replies[0]!.body).AccessKeyId });
});

/**
 * A second agent whose session has a display: a stand-in `zenity` on its PATH (there is no desktop
 * on this machine; the real dialog is zenity's --entry, sessions/mfa.ts desktopCommand) that logs
 * its arguments and prints `answer`, or exits 1 (the user pressed Cancel) when `answer` is empty.
 */
async function desktopAgent(label: string, answer: string): Promise<{ agent: Agent; log: string }> {
  const dir = path.join(base.root, label);
  fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'run'), { mode: 0o700 });
  const log = path.join(dir, 'zenity.log');
  fs.writeFileSync(path.join(dir, 'bin', 'zenity'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nsleep 0.3\n${answer ? `echo ${answer}` : 'exit 1'}\n`, { mode: 0o755 });
  const desktopEnv = { ...env, DISPLAY: ':7', PATH: `${path.join(dir, 'bin')}:${env.PATH ?? ''}`, XDG_RUNTIME_DIR: path.join(dir, 'run') };
  return { agent: await startAgent({ env: desktopEnv, home: base.home, openStore: async () => store, onError: () => undefined }), log };
}

it('asks on the daemon\'s display when the policy order allows it, once for concurrent requests; declines when terminal comes first', async () => {
  const { agent: desktop, log } = await desktopAgent('desktop', '123456');
  try {
    await sessions.delete('dev');
    fs.mkdirSync(path.dirname(policyFile()), { recursive: true });
    fs.writeFileSync(policyFile(), 'mfa_prompt = terminal, desktop\n');
    expect((await ask(desktop.socketPath, 'dev')).status).toBe(503);
    expect(fs.existsSync(log)).toBe(false);
    fs.rmSync(policyFile());
    const before = sessionCalls().length;
    const replies = await Promise.all(Array.from({ length: 5 }, () => ask(desktop.socketPath, 'dev')));
    for (const reply of replies) expect(reply.status, reply.body).toBe(200);
    expect(JSON.parse(replies[0]!.body).AccessKeyId).toMatch(/^ASIA/);
    expect(fs.readFileSync(log, 'utf8')).toBe(`--entry --title=keyward --text=MFA code for AWS profile 'dev' (${MFA}):\n`);
    expect(sessionCalls().slice(before)).toEqual([{ action: 'GetSessionToken', signer: key.id, serial: MFA, code: '123456', duration: 3600 }]);
  } finally {
    await desktop.close();
    await sessions.delete('dev');
  }
});

it('a cancelled dialog is a 503 naming it, with no key and no STS call; the next request asks again', async () => {
  const { agent: desktop, log } = await desktopAgent('cancel', '');
  try {
    const before = sessionCalls().length;
    const reply = await ask(desktop.socketPath, 'dev');
    expect(reply.status).toBe(503);
    expect(JSON.parse(reply.body)).toMatchObject({ error: { code: 'mfa-cancelled' } });
    expect(reply.body).not.toContain(key.id);
    expect(sessionCalls().length).toBe(before);
    expect((await ask(desktop.socketPath, 'dev')).status).toBe(503);
    expect(fs.readFileSync(log, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  } finally {
    await desktop.close();
  }
});
