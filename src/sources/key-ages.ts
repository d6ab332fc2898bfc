// The age of each key keyward holds, from the keychain items' createdAt. Corrupt items are
// skipped here: `keyward status` reports them; scan only needs the ages it can read.
import { decodeItem } from '../secrets/item.js';
import type { SecretStore } from '../secrets/store.js';
import type { KeyAge } from './types.js';

export async function listKeyAges(store: SecretStore): Promise<KeyAge[]> {
  const ages: KeyAge[] = [];
  for (const { account, password } of await store.list()) {
    try {
      ages.push({ profile: account, account, createdAt: decodeItem(password, account).createdAt });
    } catch {
      continue;
    }
  }
  return ages;
}
