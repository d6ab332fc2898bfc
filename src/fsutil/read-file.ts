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

type Failure = { ok: false; missing: true } | { ok: false; missing: false; problem: string };

const NOT_REGULAR: Failure = { ok: false, missing: false, problem: 'is not a regular file, so it was not read' };

/**
 * Opens `file` without blocking and hands the open descriptor, checked to be a regular file, to
 * `use`; closes it after. The one place that opens a file keyward did not write. What `use` throws
 * propagates: it reports its own read errors.
 */
function withRegularFile<T>(file: string, use: (fd: number, stats: fs.Stats, stat: FileStat) => T): T | Failure {
  let fd: number;
  let isSymlink: boolean;
  try {
    isSymlink = fs.lstatSync(file).isSymbolicLink();
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    return failure(error);
  }
  try {
    let stats: fs.Stats;
    try {
      stats = fs.fstatSync(fd);
    } catch (error) {
      return failure(error);
    }
    if (!stats.isFile()) return NOT_REGULAR;
    return use(fd, stats, toFileStat(stats, isSymlink));
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads a regular file of at most `maxBytes`; never throws for the file's sake. */
export function readRegularFile(file: string, maxBytes = MAX_FILE_BYTES): FileRead {
  return withRegularFile<FileRead>(file, (fd, _stats, stat) => {
    let bytes: Buffer;
    try {
      bytes = readUpTo(fd, maxBytes + 1);
    } catch (error) {
      return failure(error);
    }
    if (bytes.length > maxBytes) return { ok: false, missing: false, problem: `is larger than ${maxBytes} bytes, so it was not read` };
    return { ok: true, bytes, stat };
  });
}

function failure(error: unknown): Failure {
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

/** A file read in chunks from an offset (history files): where the read started and stopped, and the file's size then. */
export type ChunkedRead =
  | { ok: true; stat: FileStat; size: number; start: number; end: number }
  | { ok: false; missing: true }
  | { ok: false; missing: false; problem: string };

/** Where to start reading and how many bytes at most, decided after the open from what fstat says. */
export type ReadPlan = (stat: FileStat, size: number) => { start: number; maxBytes: number };

export const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads a regular file from the offset `plan` picks (after the open, from fstat: an incremental
 * reader compares the inode and size with its last read) up to EOF or `maxBytes`, handing each
 * chunk to `onChunk` with its file position. Same safety as readRegularFile (non-blocking open,
 * regular files only, checked after the open); memory stays at one chunk, so a large history file
 * can be read without holding it. The chunk's buffer is reused: copy what you keep. Never throws for
 * the file's sake; `onChunk`'s errors propagate.
 */
export function readRegularFileChunks(file: string, plan: ReadPlan, onChunk: (bytes: Buffer, position: number) => void,
  chunkBytes = CHUNK_BYTES): ChunkedRead {
  return withRegularFile<ChunkedRead>(file, (fd, stats, stat) => {
    const { start, maxBytes } = plan(stat, stats.size);
    let position = start;
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(chunkBytes, maxBytes)));
    while (position - start < maxBytes) {
      let n: number;
      try {
        n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, maxBytes - (position - start)), position);
      } catch (error) {
        return failure(error);
      }
      if (n === 0) break;
      onChunk(buffer.subarray(0, n), position);
      position += n;
    }
    return { ok: true, stat, size: stats.size, start, end: position };
  });
}
