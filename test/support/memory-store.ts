// An in-memory SecretStore for migrate apply's ordering and failure branches only
// (test/integration/migrate/apply.test.ts: a real file, a fake keychain); every other test uses the
// real keyring through keychain.ts. `tamper` lets a test make read-back differ.
import type { SecretStore, StoredItem } from '../../src/secrets/store.js';

export interface MemoryStore extends SecretStore {
  items: Map<string, string>;
  /** Applied to every value `get` returns. */
  tamper?: (value: string) => string;
  /** Thrown by `set` when present. */
  failSet?: Error;
}

export function createMemoryStore(): MemoryStore {
  const items = new Map<string, string>();
  const store: MemoryStore = {
    items,
    async get(account) {
      const value = items.get(account);
      return value === undefined ? null : (store.tamper?.(value) ?? value);
    },
    async set(account, password) {
      if (store.failSet) throw store.failSet;
      items.set(account, password);
    },
    async delete(account) {
      return items.delete(account);
    },
    async list(): Promise<StoredItem[]> {
      return [...items].map(([account, password]) => ({ account, password }));
    },
  };
  return store;
}
