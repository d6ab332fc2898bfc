// The one place that opens the keychain. Each caller names what it is, and that decides how long
// one keychain call may take: the shim runs under every AWS CLI command and a scan must not stall
// on a hung Secret Service, while a migrate may wait for an unlock prompt.
// KEYWARD_KEYCHAIN_TIMEOUT_MS overrides every limit (slow keychains, tests of the hung case).
import { createKeytarStore } from './keytar-store.js';
import { serviceName } from './store.js';
import type { ItemKind, SecretStore } from './store.js';

export type StoreUse = 'shim' | 'command' | 'scan' | 'daemon';

/** Milliseconds one keychain call may take, by use. */
export const KEYCHAIN_TIMEOUTS: Readonly<Record<StoreUse, number>> = {
  shim: 10_000,
  command: 10_000,
  // Only the access-key-too-old rule reads the keychain; without an answer it has no input.
  scan: 3_000,
  daemon: 10_000,
};

type Env = Readonly<Record<string, string | undefined>>;

export function keychainTimeout(use: StoreUse, env: Env): number {
  const ms = Number(env.KEYWARD_KEYCHAIN_TIMEOUT_MS);
  return Number.isInteger(ms) && ms > 0 ? ms : KEYCHAIN_TIMEOUTS[use];
}

/** The store of one item kind (store.ts); `key` unless said otherwise. */
export function openSecretStore(use: StoreUse, env: Env, kind: ItemKind = 'key'): SecretStore {
  // Every use but the shim probes the Secret Service (a killable dbus-send) before its first keytar
  // call; the shim's fast path pays for no spawn and ends itself after a timeout (keytar-store.ts).
  return createKeytarStore({ service: serviceName(env, kind), timeoutMs: keychainTimeout(use, env), env: { ...env }, probe: use !== 'shim' });
}
