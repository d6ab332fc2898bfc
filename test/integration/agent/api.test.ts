// The agent's HTTP API (v1) in-process: startAgent on a real socket over the real keyring, asked
// with node's http client. What the launcher relies on: exactly the shim's JSON on 200, a non-200
// for everything else (so it falls back), nothing secret outside a 200's body, one keychain read
// per item until invalidated, one audit line per served request.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyAgent } from '../../../src/agent/client.js';
import { startAgent, type Agent } from '../../../src/agent/server.js';
import { encodeItem } from '../../../src/secrets/item.js';
import type { SecretStore } from '../../../src/secrets/store.js';
import { askAgent, processJson } from '../../support/agent.js';
import { keychainStore } from '../../support/keychain.js';
import { fakeKey } from '../../support/keys.js';
import { item } from '../../support/shim-fixture.js';
import { createTempHome } from '../../support/temp-home.js';

const base = createTempHome('agent-api');
const runtime = path.join(base.root, 'run');
const env: NodeJS.ProcessEnv = { ...base.env, XDG_RUNTIME_DIR: runtime };
const service = env.KEYWARD_SERVICE as string;
const store = keychainStore(service);
const key = fakeKey(51);
let reads = 0;
let agent: Agent;
const counting: SecretStore = { ...store, get: async (account) => { reads++; return store.get(account); } };
const errors: unknown[] = [];
const auditFile = path.join(base.home, '.local/state/keyward/audit.log');
const audit = (): Record<string, unknown>[] => (fs.existsSync(auditFile) ? fs.readFileSync(auditFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : []);
const ask = (method: string, url: string, body?: string) => askAgent(agent.socketPath, method, url, body);
const credentials = (profile: string, extra = '') => ask('GET', `/v1/credentials?profile=${encodeURIComponent(profile)}&service=${encodeURIComponent(service)}${extra}`);

beforeAll(async () => {
  fs.mkdirSync(runtime, { mode: 0o700 });
  await store.set('dev', encodeItem(item({ AccessKeyId: key.id, SecretAccessKey: key.secret })));
  agent = await startAgent({ env, home: base.home, openStore: async () => counting, onError: (e) => errors.push(e) });
});
afterAll(async () => {
  await agent.close();
  for (const account of ['dev', 'later', 'bad']) await store.delete(account).catch(() => false);
  base.cleanup();
});

describe('the agent API', () => {
  it('listens in $XDG_RUNTIME_DIR/keyward (0700) on a 0600 socket', () => {
    expect(agent.socketPath).toBe(path.join(runtime, 'keyward', 'agent.sock'));
    expect(fs.statSync(path.dirname(agent.socketPath)).mode & 0o777).toBe(0o700);
    expect(fs.lstatSync(agent.socketPath).mode & 0o777).toBe(0o600);
  });

  it('answers exactly the shim\'s JSON, reading the keychain once for 20 concurrent first requests', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, () => credentials('dev', `&pid=${process.pid}`)));
    for (const reply of replies) expect(reply).toEqual({ status: 200, body: processJson(key) });
    expect(reads).toBe(1);
    expect((await credentials('dev')).status).toBe(200);
    expect(reads).toBe(1);
  });

  it('audits each served request with the caller\'s pid and command, via agent', async () => {
    const before = audit().length;
    await credentials('dev', `&pid=${process.pid}`);
    await credentials('dev', '&pid=not-a-pid');
    const [withPid, without] = audit().slice(before);
    expect(withPid).toEqual({ time: expect.any(String), profile: 'dev', ppid: process.pid, parent: fs.readFileSync(`/proc/${process.pid}/comm`, 'utf8').trim(), outcome: 'ok', via: 'agent' });
    expect(without).toEqual({ time: expect.any(String), profile: 'dev', ppid: 0, outcome: 'ok', via: 'agent' });
  });

  it('serves an item by --item (account) and treats an empty item as the profile', async () => {
    expect(await credentials('other name', '&item=dev')).toEqual({ status: 200, body: processJson(key) });
    expect(await credentials('dev', '&item=')).toEqual({ status: 200, body: processJson(key) });
  });

  it('forgets one item or all on POST /v1/invalidate, so the next request reads the keychain again', async () => {
    expect(await ask('POST', '/v1/invalidate', '{"item":"dev"}')).toEqual({ status: 200, body: '{"version":1,"invalidated":1}\n' });
    await credentials('dev');
    expect(reads).toBe(2);
    expect(JSON.parse((await ask('POST', '/v1/invalidate')).body)).toEqual({ version: 1, invalidated: 1 });
    await credentials('dev');
    expect(reads).toBe(3);
    for (const bad of ['{"item":""}', '{"item":3}', 'not json', 'null']) expect((await ask('POST', '/v1/invalidate', bad)).status).toBe(400);
  });

  it('answers 404 for a missing item without remembering it, so an item added later is served at once', async () => {
    const missing = await credentials('later');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ version: 1, error: { code: 'keychain-item-missing' } });
    await store.set('later', encodeItem(item({ AccessKeyId: key.id, SecretAccessKey: key.secret })));
    expect((await credentials('later')).status).toBe(200);
  });

  it('refuses what it should not serve: another keychain service, no profile, a corrupt item; never with a secret in the body', async () => {
    expect((await ask('GET', '/v1/credentials?profile=dev&service=someone-else')).status).toBe(409);
    expect((await ask('GET', '/v1/credentials?profile=dev')).status).toBe(409); // no service: the default `keyward`
    expect((await ask('GET', `/v1/credentials?service=${service}`)).status).toBe(400);
    await store.set('bad', `{"v":1,"AccessKeyId":"${key.id}","SecretAccessKey":"${key.secret}"}`);
    const corrupt = await credentials('bad');
    expect(corrupt.status).toBe(503);
    expect(JSON.parse(corrupt.body)).toMatchObject({ error: { code: 'keychain-item-corrupt' } });
    expect(corrupt.body).not.toContain(key.secret);
  });

  it('is told by notifyAgent, which says false (and never throws) where no agent runs', async () => {
    await credentials('dev');
    const before = reads;
    expect(await notifyAgent(env, 'dev')).toBe(true);
    await credentials('dev');
    expect(reads).toBe(before + 1);
    const nowhere = path.join(base.root, 'no-agent');
    fs.mkdirSync(nowhere, { mode: 0o700 });
    expect(await notifyAgent({ ...env, XDG_RUNTIME_DIR: nowhere })).toBe(false);
  });

  it('has a health endpoint and refuses unknown paths and methods', async () => {
    expect(JSON.parse((await ask('GET', '/v1/health')).body)).toEqual({ version: 1, ok: true, pid: process.pid, service, items: expect.any(Number) });
    expect((await ask('GET', '/v2/credentials?profile=dev')).status).toBe(404);
    expect((await ask('POST', '/v1/credentials?profile=dev')).status).toBe(405);
    expect((await ask('GET', '/v1/invalidate')).status).toBe(405);
    expect(errors).toEqual([]);
  });
});
