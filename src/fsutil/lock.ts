// One migrate or restore at a time per user, across processes (the CLI and the daemon's
// auto-migration). proper-lockfile takes the lock with an atomic mkdir and treats it as stale
// once its holder stops refreshing it, so a SIGKILLed keyward blocks the next one for seconds only.
import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { KeywardError } from '../errors.js';

const STALE_MS = 5000;

export interface LockOptions {
  /** How long to wait for the holder before giving up (default 7.5 s). */
  waitMs?: number;
  /** How often to look again (default 300 ms). */
  pollMs?: number;
  /** The error when the wait runs out (default: migrate's `lock-held`). */
  held?: () => KeywardError;
}

export async function withLock<T>(lockPath: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const pollMs = options.pollMs ?? 300;
  const retries = Math.ceil((options.waitMs ?? 7500) / pollMs);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true, mode: 0o700 });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(path.dirname(lockPath), {
      lockfilePath: lockPath,
      realpath: false,
      stale: STALE_MS,
      update: STALE_MS / 5,
      retries: { retries, factor: 1, minTimeout: pollMs, maxTimeout: pollMs },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    if (options.held) throw options.held();
    // The files lock (migrate/lock.ts) is taken by every command that changes the AWS files or the keychain items.
    throw new KeywardError('lock-held', 'another keyward command is changing the AWS files or the keychain (migrate, restore, add, remove, rotate or the daemon\'s auto-migration)',
      `Wait for it to finish and run again (if none is running, remove ${lockPath}).`);
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}
