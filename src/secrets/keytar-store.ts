// The SecretStore over keytar (libsecret on Linux, Keychain on macOS, Credential Manager on
// Windows). Modelled on gh's internal/keyring: every call has a time limit, because the shim runs
// under the AWS CLI and a hung D-Bus must fail it quickly rather than hang it; and the library's
// errors become KeywardErrors with a hint for this OS.
import { KeywardError, isKeywardError } from '../errors.js';
import { keychainError, lockedError, timeoutError } from './keychain-errors.js';
import type { LockState } from './linux-lock-state.js';
import type { SecretStore, StoredItem } from './store.js';
import type * as KeytarModule from 'keytar';

type Keytar = typeof KeytarModule;

export interface KeytarStoreOptions {
  /** The keychain service name (see serviceName()). */
  service: string;
  /** Limit for each keychain call (secrets/open.ts picks it per use). */
  timeoutMs: number;
  /** Defaults to process.platform / process.env; injectable for tests. */
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
}

/** Call only from secrets/open.ts, which picks the time limit for each use. */
export function createKeytarStore(options: KeytarStoreOptions): SecretStore {
  const { service, timeoutMs } = options;
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const call = <T>(work: (keytar: Keytar) => Promise<T>): Promise<T> =>
    withTimeout(loadKeytar(platform).then(work), timeoutMs, platform);
  // libsecret reports a locked item as absent; ask D-Bus before believing it (Linux only).
  // Imported lazily: it loads node:child_process, which the successful fetch never needs.
  const lockState = async (): Promise<LockState> => platform !== 'linux' ? 'unknown'
    : (await import('./linux-lock-state.js')).defaultCollectionLockState(env);
  const failIfLocked = async (): Promise<void> => {
    if ((await lockState()) === 'locked') throw lockedError(platform);
  };

  return {
    async get(account) {
      const password = await call((k) => k.getPassword(service, account));
      if (password === null) await failIfLocked();
      return password;
    },
    async set(account, password) {
      await call((k) => k.setPassword(service, account, password));
    },
    async delete(account) {
      const deleted = await call((k) => k.deletePassword(service, account));
      if (!deleted) await failIfLocked();
      return deleted;
    },
    async list(): Promise<StoredItem[]> {
      // keytar's findCredentials dereferences a null secret on a locked item and kills the process.
      await failIfLocked();
      return call((k) => k.findCredentials(service));
    },
  };
}

let keytarModule: Promise<Keytar> | undefined;

/** Loads keytar on first use only, so commands that never touch the keychain never pay for it. */
function loadKeytar(platform: NodeJS.Platform): Promise<Keytar> {
  // keytar is CommonJS: under ESM its module.exports is the default export.
  const loading = keytarModule ?? import('keytar').then(
    (mod) => (mod as unknown as { default: Keytar }).default,
    (cause: unknown) => {
      keytarModule = undefined;
      throw new KeywardError('keychain-unavailable', 'the keychain library (keytar) could not be loaded',
        platform === 'linux' ? 'Install libsecret-1-0 and reinstall keyward.' : 'Reinstall keyward.', { cause });
    });
  keytarModule = loading;
  return loading;
}

async function withTimeout<T>(work: Promise<T>, ms: number, platform: NodeJS.Platform): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(ms, platform)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (error) {
    throw isKeywardError(error) ? error : keychainError(error, platform);
  } finally {
    clearTimeout(timer);
  }
}
