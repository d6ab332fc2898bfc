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

/** keychain service name; KEYWARD_SERVICE exists so tests and side-by-side installs stay apart. */
export function serviceName(env: Readonly<Record<string, string | undefined>>): string {
  return env.KEYWARD_SERVICE || 'keyward';
}
