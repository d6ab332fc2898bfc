// The agent end to end: the real `keyward watch` serving on its socket, the launcher migrate
// installed asking it with curl, the real keyring, and the three real clients (AWS CLI v2 at
// /usr/bin/aws, botocore, the JS SDK's fromIni). The audit log says which path served each call:
// `via: agent` for the agent, no `via` for the Node shim. The tests run in order on one home.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyAgent } from '../../src/agent/client.js';
import type { DaemonEvent } from '../../src/daemon/events.js';
import { encodeItem } from '../../src/secrets/item.js';
import { askAgent, createAgentHome, processJson } from '../support/agent.js';
import { resolveBotocore, resolveCliV2, resolveJsSdk } from '../support/aws-clients.js';
import { startWatch, type WatchProcess } from '../support/daemon.js';
import { keychainStore } from '../support/keychain.js';
import { fakeKey, type FakeKey } from '../support/keys.js';
import { item } from '../support/shim-fixture.js';

const keys = { dev: fakeKey(41), ops: fakeKey(42) };
const h = createAgentHome('agent-e2e', keys);
let watch: WatchProcess;

const serving = (socket: string) => (event: DaemonEvent): boolean => event.event === 'ready' && event.agent === socket;
const creds = (key: FakeKey) => ({ AccessKeyId: key.id, SecretAccessKey: key.secret });
/** Audit lines written since `from` lines. */
const since = (from: number) => h.auditLines().slice(from);

/** The three clients resolve `profile` to `key`. */
function clientsResolve(profile: string, key: FakeKey): void {
  expect(resolveCliV2(h.env, profile)).toEqual(creds(key));
  expect(resolveBotocore(h.env, [profile])[profile]?.credentials).toEqual(creds(key));
  expect(resolveJsSdk(h.env, [profile])[profile]).toEqual(creds(key));
}

beforeAll(async () => {
  watch = startWatch(h.env);
  await watch.next(serving(h.socket));
});
afterAll(async () => {
  await watch.stop();
  h.cleanup();
});

describe('the agent serving the AWS clients', () => {
  it('answers the AWS CLI v2, botocore and the JS SDK through the fast path, one audit line each with the caller', () => {
    const from = h.auditLines().length;
    clientsResolve('dev', keys.dev);
    const lines = since(from);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatchObject({ profile: 'dev', outcome: 'ok', via: 'agent', ppid: expect.any(Number) });
    expect(lines.map((line) => line.parent)).toEqual(['aws', expect.stringMatching(/^python/), expect.any(String)]);
    expect(lines.every((line) => (line.ppid as number) > 1)).toBe(true);
  });

  it('gives 50 concurrent launchers the right key each', async () => {
    const from = h.auditLines().length;
    const runs = await Promise.all(Array.from({ length: 50 }, (_, i) => h.launch(['--profile', i % 2 ? 'dev' : 'ops'])));
    runs.forEach((run, i) => {
      expect(run).toEqual({ status: 0, stdout: processJson(i % 2 ? keys.dev : keys.ops), stderr: '' });
    });
    const lines = since(from);
    expect(lines.filter((line) => line.via === 'agent')).toHaveLength(50);
  });

  it('fails exactly as the shim does when the item is missing or the arguments are wrong (the shim answers them)', async () => {
    for (const args of [['--profile', 'nope'], ['--profile', 'dev', '--bogus'], ['--help'], ['--profile', 'dev', '--profile', 'ops'], ['--profile=']]) {
      const viaLauncher = await h.launch(args);
      const shimOnly = await h.launch(args, { KEYWARD_AGENT: 'off' });
      expect(viaLauncher).toEqual(shimOnly);
    }
    expect(h.auditLines().filter((line) => line.profile === 'nope').every((line) => line.via === undefined)).toBe(true);
  });

  it('serves an item rewritten in the keychain only after an invalidate, then at once', async () => {
    const store = keychainStore(h.env.KEYWARD_SERVICE as string);
    const rotated = fakeKey(43);
    await store.set('ops', encodeItem(item({ AccessKeyId: rotated.id, SecretAccessKey: rotated.secret })));
    // Answered from memory: the keychain is not read again until someone says the item changed.
    expect((await h.launch(['--profile', 'ops'])).stdout).toBe(processJson(keys.ops));
    expect(await notifyAgent(h.env, 'ops')).toBe(true);
    expect((await h.launch(['--profile', 'ops'])).stdout).toBe(processJson(rotated));
    expect(since(h.auditLines().length - 1)[0]).toMatchObject({ profile: 'ops', via: 'agent' });
  });

  it('serves a re-added key (restore, then migrate with another key) on the next call, without a restart', async () => {
    expect(h.keyward(['restore', '--yes', '--purge', '--profile', 'dev']).status).toBe(0);
    // restore told the agent: it no longer serves the purged key from memory, and the shim says it is gone.
    const purged = await h.launch(['--profile', 'dev']);
    expect(purged).toMatchObject({ status: 1, stdout: '' });
    expect(purged.stderr).toMatch(/^keyward credential-process: profile 'dev': no keychain item/);
    const readded = fakeKey(44);
    h.writeKeys({ dev: readded });
    expect(h.keyward(['migrate', '--yes', '--profile', 'dev']).status).toBe(0);
    const from = h.auditLines().length;
    clientsResolve('dev', readded);
    expect(since(from).map((line) => line.via)).toEqual(['agent', 'agent', 'agent']);
    keys.dev = readded;
  });

  it('falls back to the shim when the agent hangs (stopped): curl gives up, the call still succeeds', async () => {
    const from = h.auditLines().length;
    watch.signal('SIGSTOP');
    try {
      expect(await h.launch(['--profile', 'dev'])).toEqual({ status: 0, stdout: processJson(keys.dev), stderr: '' });
    } finally {
      watch.signal('SIGCONT');
    }
    // Once resumed, the agent finds the abandoned request in its socket: it neither answers nor
    // audits it (the shim's line is the one for that call). A health request answered after it
    // shows the agent has seen it.
    expect((await askAgent(h.socket, 'GET', '/v1/health')).status).toBe(200);
    expect(since(from)).toEqual([expect.not.objectContaining({ via: 'agent' })]);
  });

  it('keeps every client working through the fallback when the agent is killed mid-run, and a restarted agent replaces the stale socket', async () => {
    const from = h.auditLines().length;
    const runs = h.launch(['--profile', 'dev']);
    const burst = Array.from({ length: 10 }, () => h.launch(['--profile', 'dev']));
    await watch.kill('SIGKILL');
    for (const run of [await runs, ...(await Promise.all(burst))]) expect(run).toEqual({ status: 0, stdout: processJson(keys.dev), stderr: '' });
    // SIGKILL left the socket file behind, with nobody answering on it.
    expect(fs.lstatSync(h.socket).isSocket()).toBe(true);
    const fallback = h.auditLines().length;
    clientsResolve('dev', keys.dev);
    expect(since(fallback).map((line) => line.via)).toEqual([undefined, undefined, undefined]);
    expect(since(from).length).toBe(14);

    watch = startWatch(h.env);
    await watch.next(serving(h.socket));
    const again = h.auditLines().length;
    clientsResolve('dev', keys.dev);
    expect(since(again).map((line) => line.via)).toEqual(['agent', 'agent', 'agent']);
  });

  it('writes no secret to the daemon log, its output or the audit log', () => {
    const texts = [fs.readFileSync(h.logFile, 'utf8'), watch.stderr(), JSON.stringify(watch.events),
      fs.readFileSync(`${h.home}/.local/state/keyward/audit.log`, 'utf8')];
    for (const key of [keys.dev, keys.ops, fakeKey(41), fakeKey(43)]) {
      for (const text of texts) expect(text).not.toContain(key.secret);
    }
  });
});
