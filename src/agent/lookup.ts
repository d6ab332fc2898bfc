// The agent's one credential lookup: (profile, account) → the credential_process JSON, from
// memory. Each keychain item is read once and kept until something says it changed (invalidate).
// Concurrent first requests for one item share one read (single flight). A profile that hands out
// STS sessions (issue 13) is never answered with its key: the agent serves the session the
// keychain caches (kind `session`) while the shim would reuse it, keeps it in memory until then,
// and otherwise declines, so the launcher's Node shim gets a new one (under its single-flight
// lock, with its MFA prompt) and the next call finds it cached.
import { commandToShow } from '../display.js';
import { KeywardError } from '../errors.js';
import { decodeItem } from '../secrets/item.js';
import type { SecretStore } from '../secrets/store.js';
import { decodeSession, isReusable, REUSE_MARGIN_MS } from '../sessions/cache.js';
import type { SessionItem } from '../sessions/cache.js';
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

/** How a profile that hands out sessions wants them: the MFA device its sessions must be made with. */
export interface SessionNeed {
  mfaSerial: string | undefined;
}

export interface KeyCacheOptions {
  /**
   * Issue 13: whether the profile hands out STS sessions (sessions/resolve.ts sessionPlan), read at
   * each request; undefined: it hands out its key. Such a profile gets a cached session or a 503
   * `session-via-shim`, never the key.
   */
  sessionNeed?: (profile: string) => SessionNeed | undefined;
  /** The keychain's `session` items (the shim's cache). */
  openSessionStore?: () => Promise<SecretStore>;
  /** Gets a new session when none is cached (agent/sessions.ts); absent, or `session-via-shim`: the shim gets it. */
  newSession?: (profile: string, account: string) => Promise<SessionItem>;
  now?: () => Date;
}

interface HeldSession {
  text: string;
  /** When the shim would stop reusing it (REUSE_MARGIN_MS before it expires). */
  until: number;
  mfaSerial: string | undefined;
}

/** `openStore` is called on each keychain read (the daemon passes its cached opener). */
export function createKeyCache(openStore: () => Promise<SecretStore>, service: string, options: KeyCacheOptions = {}): KeyCache {
  const held = new Map<string, Promise<string>>();
  const sessions = new Map<string, HeldSession>();
  const making = new Map<string, Promise<SessionItem>>();
  const now = options.now ?? (() => new Date());
  /** One new session per account at a time: concurrent misses wait for the same one (and its one prompt). */
  const make = (profile: string, account: string): Promise<SessionItem> => {
    if (!options.newSession) return Promise.reject(viaShim(profile));
    let pending = making.get(account);
    if (!pending) {
      pending = options.newSession(profile, account).finally(() => making.delete(account));
      making.set(account, pending);
    }
    return pending;
  };
  const session = async (profile: string, account: string, need: SessionNeed): Promise<string> => {
    const mine = sessions.get(account);
    if (mine && mine.until > now().getTime() && mine.mfaSerial === need.mfaSerial) return mine.text;
    sessions.delete(account);
    const store = options.openSessionStore ? await options.openSessionStore() : undefined;
    let cached = store ? decodeSession(await store.get(account), account) : undefined;
    if (!isReusable(cached, now(), need.mfaSerial)) cached = await make(profile, account);
    if (!isReusable(cached, now(), need.mfaSerial)) throw viaShim(profile);
    const text = formatProcessCredentials(cached);
    sessions.set(account, { text, until: Date.parse(cached.Expiration) - REUSE_MARGIN_MS, mfaSerial: need.mfaSerial });
    return text;
  };
  const read = async (profile: string, account: string): Promise<string> => {
    const password = await (await openStore()).get(account);
    if (password === null) throw missing(profile, account, service);
    return formatProcessCredentials(decodeItem(password, account));
  };
  return {
    lookup(profile, account) {
      const need = options.sessionNeed?.(profile);
      if (need) return session(profile, account, need);
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
        const n = held.size + sessions.size;
        held.clear();
        sessions.clear();
        return n;
      }
      return (held.delete(account) ? 1 : 0) + (sessions.delete(account) ? 1 : 0);
    },
    size: () => held.size,
  };
}

/** The agent does not answer this one: the launcher's shim does (it may prompt on the caller's terminal). */
export function viaShim(profile: string): KeywardError {
  return new KeywardError('session-via-shim', `profile '${profile}' hands out session credentials and the agent holds no fresh one: the shim gets it`, '');
}

function missing(profile: string, account: string, service: string): KeywardError {
  const item = account === profile ? '' : ` '${account}'`;
  const where = service === 'keyward' ? '' : ` (service '${service}')`;
  return new KeywardError('keychain-item-missing', `no keychain item${item} for profile '${profile}'${where}`,
    `Put the profile's key back in ~/.aws/credentials and run \`${commandToShow(['keyward', 'migrate', '--profile', profile])}\` again.`);
}
