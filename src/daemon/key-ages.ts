// When each keychain item was stored, for the `access-key-too-old` rule and `keyward status`.
// Items keyward cannot decode are skipped: the scan reports key age, not item health.
import type { SecretStore } from '../secrets/store.js';
import { decodeItem } from '../secrets/item.js';
import type { KeyAge } from './contracts.js';

export async function loadKeyAges(store: SecretStore): Promise<KeyAge[]> {
  const ages: KeyAge[] = [];
  for (const { account, password } of await store.list()) {
    try {
      ages.push({ profile: account, createdAt: decodeItem(password, account).createdAt });
    } catch {
      continue;
    }
  }
  return ages;
}
