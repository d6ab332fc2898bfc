// Issue 13 in the agent: a profile that hands out STS sessions is never answered with its key. The
// agent serves the session the keychain caches while the shim would reuse it (> 15 min left, made
// with the profile's MFA device), and otherwise declines (503) so the launcher falls through to the
// Node shim, which gets a new one. Other profiles are served as before. The policy and AWS files are
// read at each request.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAgent, type Agent } from '../../../src/agent/server.js';
import { encodeItem } from '../../../src/secrets/item.js';
import { askAgent, processJson } from '../../support/agent.js';
import { keychainStore } from '../../support/keychain.js';
import { fakeKey } from '../../support/keys.js';
import { item } from '../../support/shim-fixture.js';
import { createTempHome } from '../../support/temp-home.js';

const base = createTempHome('agent-sessions', { files: {
  '.aws/config': '[profile dev]\nmfa_serial = arn:aws:iam::123456789012:mfa/dev\ncredential_process = x\n\n[profile plain]\ncredential_process = x\n',
} });
const runtime = path.join(base.root, 'run');
const env: NodeJS.ProcessEnv = { ...base.env, XDG_RUNTIME_DIR: runtime };
const service = env.KEYWARD_SERVICE as string;
const store = keychainStore(service);
const sessions = keychainStore(`${service}:session`);
const MFA = 'arn:aws:iam::123456789012:mfa/dev';
const session = fakeKey(53, 'ASIA');
/** A session item as the shim caches it (sessions/cache.ts), expiring `minutes` from now. */
function sessionItem(minutes: number, mfaSerial: string | undefined = MFA): string {
  return JSON.stringify({ v: 1, AccessKeyId: session.id, SecretAccessKey: session.secret, SessionToken: 'token-of-dev',
    Expiration: new Date(Date.now() + minutes * 60_000).toISOString(), createdAt: new Date().toISOString(),
    source: { file: '/x', section: 'profile dev' }, ...(mfaSerial ? { mfaSerial } : {}) });
}
const key = fakeKey(52);
let agent: Agent;
const credentials = (profile: string) => askAgent(agent.socketPath, 'GET', `/v1/credentials?profile=${profile}&service=${encodeURIComponent(service)}`);

beforeAll(async () => {
  fs.mkdirSync(runtime, { mode: 0o700 });
  for (const profile of ['dev', 'plain']) await store.set(profile, encodeItem(item({ AccessKeyId: key.id, SecretAccessKey: key.secret })));
  agent = await startAgent({ env, home: base.home, openStore: async () => store, onError: () => undefined });
});
afterAll(async () => {
  await agent.close();
  for (const account of ['dev', 'plain']) await store.delete(account).catch(() => false);
  await sessions.delete('dev').catch(() => false);
  base.cleanup();
});

it('declines a profile with mfa_serial under the default policy, and serves one without', async () => {
  const declined = await credentials('dev');
  expect(declined.status).toBe(503);
  expect(declined.body).toContain('session-via-shim');
  expect(declined.body).not.toContain(key.id);
  expect(await credentials('plain')).toEqual({ status: 200, body: processJson(key) });
});

it('follows the policy as it changes: always declines every profile, a [profile] never serves it again', async () => {
  const policy = path.join(env.XDG_CONFIG_HOME as string, 'keyward', 'config.ini');
  fs.mkdirSync(path.dirname(policy), { recursive: true });
  fs.writeFileSync(policy, 'session_credentials = always\n');
  expect((await credentials('plain')).status).toBe(503);
  fs.writeFileSync(policy, 'session_credentials = always\n[profile plain]\nsession_credentials = never\n');
  expect(await credentials('plain')).toEqual({ status: 200, body: processJson(key) });
  expect((await credentials('dev')).status).toBe(503);
});

it('serves the session the keychain caches for a session profile, never its key, and only while the shim would reuse it', async () => {
  const policy = path.join(env.XDG_CONFIG_HOME as string, 'keyward', 'config.ini');
  fs.rmSync(policy, { force: true });
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
