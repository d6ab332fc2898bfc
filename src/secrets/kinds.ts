// Changing the key a profile's item holds without ever losing the one it held: the old item goes
// into the `previous` kind (written and read back first), and the cached STS session of the
// profile (`session` kind), which was signed with the old key, is dropped. Used by migrate's
// adoption of a new key and by `keyward add`/`remove`.
import { KeywardError } from '../errors.js';
import { decodeItem } from './item.js';
import type { SecretStore } from './store.js';

/** The stores of the kinds beside the key itself, with the same account. */
export interface KindStores {
  previous: SecretStore;
  session: SecretStore;
}

/**
 * Keeps `oldPassword` (the item the key kind holds now) as the profile's previous key. A previous
 * key the user has not retired yet is never overwritten by another one: that would drop it.
 * `retire` is the command (quoted for a shell) that retires it.
 */
export async function keepPrevious(stores: KindStores, account: string, oldPassword: string, profile: string, retire: string): Promise<void> {
  const held = await stores.previous.get(account);
  if (held !== null) {
    if (held === oldPassword) return;
    throw new KeywardError('previous-key-held',
      `profile '${profile}' still has a previous key in the keychain (${keyIdOf(held, account)}) that has not been retired`,
      `Retire it in IAM, then run \`${retire}\` and run again; the file was not changed.`);
  }
  await stores.previous.set(account, oldPassword);
  if ((await stores.previous.get(account)) !== oldPassword) {
    throw new KeywardError('keychain-readback-mismatch', `the keychain did not return the previous key just stored for profile '${profile}'`,
      'Check the keychain and run again; the file was not changed.');
  }
}

/** Drops the profile's cached session (it belongs to a key that changed or is gone); absent is fine. */
export async function forgetSession(stores: Pick<KindStores, 'session'>, account: string): Promise<void> {
  await stores.session.delete(account);
}

/** The redacted key ID an item holds, for messages; `unknown key` when it is not a keyward item. */
export function keyIdOf(password: string, account: string): string {
  try {
    const id = decodeItem(password, account).AccessKeyId;
    return id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : 'a key';
  } catch {
    return 'an unreadable item';
  }
}
