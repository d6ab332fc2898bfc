// The agent's one credential lookup: (profile, account) → the credential_process JSON, from
// memory. Each keychain item is read once and kept until something says it changed (invalidate).
// Concurrent first requests for one item share one read (single flight). The sessions issue plugs
// in here: a lookup that consults the session cache first has the same shape (CredentialLookup).
import { commandToShow } from '../display.js';
import { KeywardError } from '../errors.js';
import { decodeItem } from '../secrets/item.js';
import type { SecretStore } from '../secrets/store.js';
import { formatProcessCredentials } from '../shim/output.js';

/** What the agent serves: the exact text the shim prints for the same arguments. */
export type CredentialLookup = (profile: string, account: string) => Promise<string>;

export interface KeyCache {
  lookup: CredentialLookup;
  /** Forgets one account's item (or all): the next lookup reads the keychain again. */
  invalidate(account?: string): number;
  /** How many items are held (for /v1/health; never their content). */
  size(): number;
}

export interface KeyCacheOptions {
  /**
   * Issue 13: whether the profile hands out STS sessions (sessions/resolve.ts sessionPlan). The agent
   * then declines (503 `session-via-shim`), so the launcher falls through to the Node shim, which
   * serves the session (cached or new, with its MFA prompt): the agent never hands out such a key.
   */
  handsOutSessions?: (profile: string) => boolean;
}

/** `openStore` is called on each keychain read (the daemon passes its cached opener). */
export function createKeyCache(openStore: () => Promise<SecretStore>, service: string, options: KeyCacheOptions = {}): KeyCache {
  const held = new Map<string, Promise<string>>();
  const read = async (profile: string, account: string): Promise<string> => {
    const password = await (await openStore()).get(account);
    if (password === null) throw missing(profile, account, service);
    return formatProcessCredentials(decodeItem(password, account));
  };
  return {
    lookup(profile, account) {
      if (options.handsOutSessions?.(profile)) return Promise.reject(viaShim(profile));
      let entry = held.get(account);
      if (!entry) {
        entry = read(profile, account);
        held.set(account, entry);
        // A failure is not remembered: the item may be added (or the keychain unlocked) any time.
        const mine = entry;
        entry.catch(() => { if (held.get(account) === mine) held.delete(account); });
      }
      return entry;
    },
    invalidate(account) {
      if (account === undefined) {
        const n = held.size;
        held.clear();
        return n;
      }
      return held.delete(account) ? 1 : 0;
    },
    size: () => held.size,
  };
}

function viaShim(profile: string): KeywardError {
  return new KeywardError('session-via-shim', `profile '${profile}' hands out session credentials, which the shim serves`, '');
}

function missing(profile: string, account: string, service: string): KeywardError {
  const item = account === profile ? '' : ` '${account}'`;
  const where = service === 'keyward' ? '' : ` (service '${service}')`;
  return new KeywardError('keychain-item-missing', `no keychain item${item} for profile '${profile}'${where}`,
    `Put the profile's key back in ~/.aws/credentials and run \`${commandToShow(['keyward', 'migrate', '--profile', profile])}\` again.`);
}
