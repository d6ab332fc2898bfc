// A temp HOME, a unique keychain service and helpers to store items and run the built shim, for
// the secrets/shim integration and e2e tests. Each test file gets its own service name so files
// running in parallel never see each other's items in the shared private keyring.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { keychainStore } from './keychain.js';
import { encodeItem, type CredentialItem } from '../../src/secrets/item.js';
import type { SecretStore } from '../../src/secrets/store.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The bundle the launcher runs (npm run build makes it). */
export const shimEntry = path.join(repoRoot, 'dist/shim/credential-process.cjs');

/** Fake but well-formed keys: AKIA + 16 of [A-Z2-7], a 40-character secret. Never real ones. */
export function fakeKey(n: number): Pick<CredentialItem, 'AccessKeyId' | 'SecretAccessKey'> {
  const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const id = Array.from({ length: 16 }, (_, i) => digits[(n * 7 + i * 5) % 32]).join('');
  return { AccessKeyId: `AKIA${id}`, SecretAccessKey: `fAkE${n}/SeCrEt+${'x'.repeat(40)}`.slice(0, 40) };
}

export function item(key: Pick<CredentialItem, 'AccessKeyId' | 'SecretAccessKey'>, extra: Partial<CredentialItem> = {}): CredentialItem {
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
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `keyward-${label}-`));
  const service = `keyward-test-${label}-${process.pid}-${Date.now()}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env, HOME: home, KEYWARD_SERVICE: service,
    XDG_DATA_HOME: path.join(home, '.local/share'), XDG_STATE_HOME: path.join(home, '.local/state'),
    AWS_CONFIG_FILE: path.join(home, '.aws/config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws/credentials'),
    AWS_EC2_METADATA_DISABLED: 'true', AWS_REGION: 'us-east-1',
  };
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
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
