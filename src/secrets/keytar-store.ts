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
  /** Limit for each keychain operation (secrets/open.ts picks it per use). */
  timeoutMs: number;
  /**
   * Linux: before the first keytar call, ask the Secret Service over `dbus-send` (a child process,
   * killed at the limit) whether it answers at all. Default true. A keytar call to a hung service
   * blocks a libuv worker for D-Bus's 25 s (twice, for some calls), and the process cannot exit
   * until it returns; the probe turns that case into a clean `keychain-timeout` before any worker is
   * committed. The shim turns it off: it pays for no spawn on its fast path, and ends itself instead.
   */
  probe?: boolean;
  /** Defaults to process.platform / process.env; injectable for tests. */
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
}

/** Call only from secrets/open.ts, which picks the time limit for each use. */
export function createKeytarStore(options: KeytarStoreOptions): SecretStore {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const { service, timeoutMs } = options;
  // libsecret reports a locked item as absent; ask D-Bus before believing it (Linux only).
  // Imported lazily: it loads node:child_process, which the successful fetch never needs.
  const lockState = async (ms: number): Promise<LockState> => platform !== 'linux' ? 'unknown'
    : (await import('./linux-lock-state.js')).defaultCollectionLockState(env, ms);
  const timedOut = (): KeywardError => timeoutError(timeoutMs, platform);
  let answered = options.probe === false;
  // A lock query that gets no answer is the same hung service: fail, and make no keytar call.
  const askLockState = async (left: Budget): Promise<LockState> => {
    const state = await lockState(left());
    if (state === 'timeout') throw timedOut();
    answered = true;
    return state;
  };
  const failIfLocked = async (left: Budget): Promise<void> => {
    if ((await askLockState(left)) === 'locked') throw lockedError(platform);
  };
  const call = async <T>(left: Budget, work: (keytar: Keytar) => Promise<T>): Promise<T> => {
    if (!answered) await askLockState(left);
    return withTimeout(tracked(loadKeytar(platform).then(work)), left(), timedOut, platform);
  };

  // Each operation has one time limit for all its steps (probe, keytar call, lock check): they
  // share it rather than each taking a full one.
  return {
    async get(account) {
      const left = budget(timeoutMs);
      const password = await call(left, (k) => k.getPassword(service, account));
      if (password === null) await failIfLocked(left);
      return password;
    },
    async set(account, password) {
      await call(budget(timeoutMs), (k) => k.setPassword(service, account, password));
    },
    async delete(account) {
      const left = budget(timeoutMs);
      const deleted = await call(left, (k) => k.deletePassword(service, account));
      if (!deleted) await failIfLocked(left);
      return deleted;
    },
    async list(): Promise<StoredItem[]> {
      const left = budget(timeoutMs);
      // keytar's findCredentials dereferences a null secret on a locked item and kills the process.
      await failIfLocked(left);
      return call(left, (k) => k.findCredentials(service));
    },
  };
}

/** Milliseconds left of one operation's limit (at least 1, so a timer still fires). */
type Budget = () => number;

function budget(ms: number): Budget {
  const end = Date.now() + ms;
  return () => Math.max(1, end - Date.now());
}

// keytar calls still running, shared by every copy of this module in the process (the scan command
// is a separate bundle): a timed-out call keeps its worker thread, and process.exit() waits for it.
const PENDING = Symbol.for('keyward.keytar.pending');

function pendingCounter(): { calls: number } {
  const global = globalThis as unknown as Record<symbol, { calls: number } | undefined>;
  return (global[PENDING] ??= { calls: 0 });
}

/** How many keytar calls have not returned yet; non-zero after a timeout means a worker is stuck. */
export function pendingKeychainCalls(): number {
  return pendingCounter().calls;
}

function tracked<T>(work: Promise<T>): Promise<T> {
  const counter = pendingCounter();
  counter.calls += 1;
  const done = (): void => { counter.calls -= 1; };
  work.then(done, done);
  return work;
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

async function withTimeout<T>(work: Promise<T>, ms: number, timedOut: () => KeywardError, platform: NodeJS.Platform): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (error) {
    throw isKeywardError(error) ? error : keychainError(error, platform);
  } finally {
    clearTimeout(timer);
  }
}
