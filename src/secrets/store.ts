// The keychain as keyward sees it: items under one service, one per profile (account = profile
// name). migrate/ and daemon/ take this interface, never keytar itself.

export interface StoredItem {
  account: string;
  password: string;
}

export interface SecretStore {
  /** The password for an account, or null when there is no such item. */
  get(account: string): Promise<string | null>;
  set(account: string, password: string): Promise<void>;
  /** True when an item was deleted. */
  delete(account: string): Promise<boolean>;
  list(): Promise<StoredItem[]>;
}

/**
 * What an item holds. `key` is the profile's current key (service `keyward`, the first format).
 * The others live under services of their own (`keyward:pending`, ...) with the same account, so
 * listing the keys (status, orphans, restore) never sees them and no profile name can collide
 * with them: `pending` is a new key a rotation has not promoted yet, `previous` a replaced key kept
 * until the user says it is retired, `session` a cached STS session.
 */
export type ItemKind = 'key' | 'pending' | 'previous' | 'session';

/** keychain service name; KEYWARD_SERVICE exists so tests and side-by-side installs stay apart. */
export function serviceName(env: Readonly<Record<string, string | undefined>>, kind: ItemKind = 'key'): string {
  const base = env.KEYWARD_SERVICE || 'keyward';
  return kind === 'key' ? base : `${base}:${kind}`;
}
