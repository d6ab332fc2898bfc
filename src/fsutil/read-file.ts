// The one way keyward reads a file it did not write: the AWS files, shell start-up files, policy
// files. A FIFO, a device or a link to /dev/zero at such a path must neither hang keyward nor fill
// its memory, so the file is opened without blocking, checked to be a regular file *after* the
// open (nothing can swap it between a stat and the read), and read only up to a size cap.
import fs from 'node:fs';
import { errorCode, isMissing } from './errno.js';

/** Larger files are not AWS, shell start-up or policy files; reading them would only slow keyward down. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** What lstat and fstat said about a path: `isSymlink` is the path's own kind, the rest its target's. */
export interface FileStat {
  /** Permission bits, `mode & 0o7777`. */
  mode: number;
  uid: number;
  gid: number;
  isFile: boolean;
  isDirectory: boolean;
  /** The path itself is a symbolic link (the other fields describe its target). */
  isSymlink: boolean;
  /** Hard links to the target (another name may hold the same bytes). */
  nlink: number;
  /** Device and inode: whether two paths are one file. */
  dev: number;
  ino: number;
}

export type FileRead =
  | { ok: true; bytes: Buffer; stat: FileStat }
  | { ok: false; missing: true }
  | { ok: false; missing: false; problem: string };

export function toFileStat(stats: fs.Stats, isSymlink: boolean): FileStat {
  return {
    mode: stats.mode & 0o7777, uid: stats.uid, gid: stats.gid, isFile: stats.isFile(), isDirectory: stats.isDirectory(),
    isSymlink, nlink: stats.nlink, dev: stats.dev, ino: stats.ino,
  };
}

const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

/** Reads a regular file of at most `maxBytes`; never throws for the file's sake. */
export function readRegularFile(file: string, maxBytes = MAX_FILE_BYTES): FileRead {
  let fd: number;
  let isSymlink: boolean;
  try {
    isSymlink = fs.lstatSync(file).isSymbolicLink();
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    return failure(error);
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) return { ok: false, missing: false, problem: 'is not a regular file, so it was not read' };
    const bytes = readUpTo(fd, maxBytes + 1);
    if (bytes.length > maxBytes) return { ok: false, missing: false, problem: `is larger than ${maxBytes} bytes, so it was not read` };
    return { ok: true, bytes, stat: toFileStat(stats, isSymlink) };
  } catch (error) {
    return failure(error);
  } finally {
    fs.closeSync(fd);
  }
}

function failure(error: unknown): FileRead {
  if (isMissing(error)) return { ok: false, missing: true };
  return { ok: false, missing: false, problem: `cannot be read (${errorCode(error, 'unknown error')})` };
}

/** Reads until EOF or `limit` bytes, whichever comes first (a file may grow while we read). */
function readUpTo(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit - total));
    const n = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}
