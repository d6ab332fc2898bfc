// Making the socket's place safe before listening: the directory is ours and private, and an old
// socket file is removed only when it is a socket nobody answers on. Nothing here follows a
// symlink: lstat, never stat, and a symlink (or anything we did not make) is refused, not replaced.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { KeywardError } from '../errors.js';

/**
 * Creates `dir` (0700) or checks the one there: a real directory (not a symlink), owned by this
 * user, and not open to group or others. A directory of ours with a looser mode is tightened
 * before any socket exists in it; one owned by someone else is refused (they could see or replace
 * the socket).
 */
export function preparePrivateDir(dir: string, uid = process.getuid?.() ?? 0): void {
  // The parent of the fallback (/tmp) exists; XDG_RUNTIME_DIR's parent is the OS's business.
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw unusable(dir, `it cannot be created (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const stat = fs.lstatSync(dir);
  if (!stat.isDirectory()) throw unusable(dir, stat.isSymbolicLink() ? 'it is a symbolic link' : 'it is not a directory');
  if (stat.uid !== uid) throw unusable(dir, `it belongs to uid ${stat.uid}, not to this user (uid ${uid})`);
  if ((stat.mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
}

export type SocketState = 'absent' | 'stale' | 'live';

/**
 * What is at `file`: nothing, a socket nobody answers on (a crashed agent's: safe to remove), or a
 * live agent. Anything else (a symlink, a file, a directory) is refused: it is not ours to delete.
 */
export async function socketState(file: string): Promise<SocketState> {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw error;
  }
  if (!stat.isSocket()) throw unusable(path.dirname(file), `${path.basename(file)} in it is ${stat.isSymbolicLink() ? 'a symbolic link' : 'not a socket'}`);
  return (await answers(file)) ? 'live' : 'stale';
}

/** Removes a stale socket (state checked just before); a live one is never touched. */
export async function claimSocketPath(file: string): Promise<void> {
  const state = await socketState(file);
  if (state === 'live') {
    throw new KeywardError('service-error', `another keyward agent already answers on ${file}`,
      'Stop the other `keyward watch` (or its service) first; this one watches but does not serve credentials.');
  }
  if (state === 'stale') fs.unlinkSync(file);
}

/** True when something accepts a connection on the socket (ECONNREFUSED: a stale file). */
function answers(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(file);
    const done = (live: boolean): void => {
      socket.destroy();
      resolve(live);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1000, () => done(true));
  });
}

function unusable(dir: string, why: string): KeywardError {
  return new KeywardError('service-error', `the agent's directory ${dir} is unsafe: ${why}`,
    'Remove it (or fix its owner and mode to yours and 0700) and restart `keyward watch`; until then AWS tools use the Node shim.');
}
