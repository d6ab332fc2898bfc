// Issue 13 in the agent: a profile that hands out STS sessions is declined (503), so the launcher
// falls through to the Node shim, which serves the session; the agent never hands out its key.
// Other profiles are served as before. The policy and AWS files are read at each request.
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
