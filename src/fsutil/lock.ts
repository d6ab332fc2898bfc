// One migrate or restore at a time per user, across processes (the CLI and the daemon's
// auto-migration). proper-lockfile takes the lock with an atomic mkdir and treats it as stale
// once its holder stops refreshing it, so a SIGKILLed keyward blocks the next one for seconds only.
import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { KeywardError } from '../errors.js';

const STALE_MS = 5000;

export async function withLock<T>(lockPath: string, work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(lockPath), { recursive: true, mode: 0o700 });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(path.dirname(lockPath), {
      lockfilePath: lockPath,
      realpath: false,
      stale: STALE_MS,
      update: STALE_MS / 5,
      retries: { retries: 25, factor: 1, minTimeout: 300, maxTimeout: 300 },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    throw new KeywardError('lock-held', 'another keyward migrate or restore is running',
      `Wait for it to finish and run again (if none is running, remove ${lockPath}).`);
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}
