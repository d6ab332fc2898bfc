// The shim tests' layer on temp-home.ts: a temp HOME with this process's env (the session's bus
// and keyring) and AWS_CONFIG_FILE/AWS_SHARED_CREDENTIALS_FILE in it, its keychain service opened
// as a store, and helpers to store items, run the built shim and read its audit log. Every fixture
// has its own service name, so files running in parallel never see each other's items.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { keychainStore } from './keychain.js';
import type { FakeCredentials } from './keys.js';
import { shimEntry } from './paths.js';
import { createTempHome } from './temp-home.js';
import { encodeItem, type CredentialItem } from '../../src/secrets/item.js';
import type { SecretStore } from '../../src/secrets/store.js';

/** A keychain item holding `key` (keys.ts fakeCredentials), as migrate would store it. */
export function item(key: FakeCredentials, extra: Partial<CredentialItem> = {}): CredentialItem {
  return { v: 1, ...key, createdAt: '2026-01-01T00:00:00.000Z', source: { file: '/nonexistent/credentials', section: 'x' }, ...extra };
}

export interface Fixture {
  home: string;
  service: string;
  env: NodeJS.ProcessEnv;
  store: SecretStore;
  put(profile: string, value: CredentialItem | string): Promise<void>;
  /** Runs the shim bundle with the fixture's env plus `env`. */
  runShim(args: string[], env?: NodeJS.ProcessEnv): SpawnSyncReturns<string>;
  /** Runs another node script (bin/keyward) with exactly `env` (default the fixture's). */
  runShimWith(script: string, args: string[], env?: NodeJS.ProcessEnv): SpawnSyncReturns<string>;
  auditLines(): Record<string, unknown>[];
  cleanup(): Promise<void>;
}

export function createFixture(label: string): Fixture {
  const base = createTempHome(label, { inheritEnv: true });
  const { home, service } = base;
  const env: NodeJS.ProcessEnv = { ...base.env, AWS_CONFIG_FILE: base.aws('config'), AWS_SHARED_CREDENTIALS_FILE: base.aws('credentials'), AWS_REGION: 'us-east-1' };
  const store = keychainStore(service);
  const written = new Set<string>();
  return {
    home, service, env, store,
    async put(profile, value) {
      written.add(profile);
      await store.set(profile, typeof value === 'string' ? value : encodeItem(value));
    },
    runShim(args, extraEnv = {}) {
      return spawnSync(process.execPath, [shimEntry, ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 30_000 });
    },
    runShimWith(script, args, runEnv = env) {
      return spawnSync(process.execPath, [script, ...args], { env: runEnv, encoding: 'utf8', timeout: 30_000 });
    },
    auditLines() {
      const file = path.join(home, '.local/state/keyward/audit.log');
      if (!fs.existsSync(file)) return [];
      return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    async cleanup() {
      for (const profile of written) await store.delete(profile).catch(() => false);
      base.cleanup();
    },
  };
}
