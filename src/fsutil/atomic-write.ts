// Rewrites a file the way write-file-atomic does (temp file in the same directory, fsync,
// rename), plus the one thing it cannot do: compare the file with what we read just before the
// rename, so a concurrent `aws configure set` is never overwritten.
import fs from 'node:fs';
import path from 'node:path';
import { KeywardError, isKeywardError } from '../errors.js';
import { isMissing } from './errno.js';
import { readRegularFile } from './read-file.js';

export type WriteStep = 'temp-written' | 'checked' | 'renamed';

export interface AtomicWriteOptions {
  /** The text the file must still hold (null: it must still not exist). */
  expected: string | null;
  /** Observes each step; fault tests kill the process here. */
  onStep?: (step: WriteStep) => void;
}

const TEMP_MARK = '.keyward-';

function tempPath(file: string): string {
  const random = Math.random().toString(36).slice(2, 10);
  return path.join(path.dirname(file), `.${path.basename(file)}${TEMP_MARK}${process.pid}-${random}.tmp`);
}

/** What the file holds now; a FIFO or device swapped in reads as "changed", never blocks. */
function currentText(file: string): string | null | undefined {
  const read = readRegularFile(file);
  if (read.ok) return read.bytes.toString('utf8');
  return read.missing ? null : undefined;
}

/**
 * The file the rename must replace. A symlink (GNU stow, chezmoi, yadm keep ~/.aws/credentials in
 * a dotfiles repo) is followed, so the link stays and its target is rewritten in the target's own
 * directory; otherwise the dotfiles copy would keep the key. A file with other hard links is
 * refused: another name would keep the key.
 */
export function writeTarget(file: string): string {
  let target: string;
  try {
    target = fs.realpathSync(file);
  } catch (error) {
    if (!isMissing(error)) throw translate(error, file);
    return file;
  }
  const stat = fs.statSync(target);
  if (stat.isFile() && stat.nlink > 1) throw hardLinked(file, stat.nlink);
  return target;
}

export function hardLinked(file: string, links: number): KeywardError {
  return new KeywardError('file-unwritable', `${file} has ${links} names (hard links); rewriting it would leave its old text, keys included, under the other names`,
    `Remove the other names (find them with \`find / -xdev -samefile ${file}\`) or copy the file over itself, then run again; nothing was changed.`);
}

/**
 * Writes `text` to `file` atomically, mode 0600 or stricter, keeping the owner when run as root.
 * `file` may be a symlink: its target is rewritten and the link kept.
 */
export function writeFileAtomic(named: string, text: string, options: AtomicWriteOptions): void {
  const file = writeTarget(named);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  // Never looser than 0600: group and other bits are dropped, the owner's kept as they were.
  const mode = stat ? stat.mode & 0o600 : 0o600;
  const temp = tempPath(file);
  try {
    writeTemp(temp, text, mode, stat);
    options.onStep?.('temp-written');
    if (currentText(file) !== options.expected) throw changed(named);
    options.onStep?.('checked');
    fs.renameSync(temp, file);
    options.onStep?.('renamed');
    syncDirectory(path.dirname(file));
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw translate(error, file);
  }
}

function writeTemp(temp: string, text: string, mode: number, stat: fs.Stats | undefined): void {
  const fd = fs.openSync(temp, 'wx', mode);
  try {
    fs.writeSync(fd, text);
    fs.fchmodSync(fd, mode);
    if (stat && process.getuid?.() === 0) fs.fchownSync(fd, stat.uid, stat.gid);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes the rename itself durable; some platforms cannot open a directory, which is fine. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function changed(file: string): KeywardError {
  return new KeywardError('file-changed-during-write', `${file} changed while keyward was rewriting it`,
    'Another program (an editor or `aws configure`) wrote it. Nothing was overwritten; run the command again.');
}

function translate(error: unknown, file: string): unknown {
  if (isKeywardError(error)) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const dir = path.dirname(file);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new KeywardError('file-unwritable', `cannot write in ${dir} (${code})`,
      `Make it writable (for example \`chmod u+w ${dir}\`) and run again; nothing was changed.`, { cause: error });
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new KeywardError('file-unwritable', `no space left to rewrite ${file}`,
      'Free some disk space and run again; nothing was changed.', { cause: error });
  }
  return error;
}

/**
 * Removes temp files that a killed keyward left next to `file`. They may hold other profiles'
 * keys, so they must not linger; a live process's temp file is left alone.
 */
export function removeStaleTemps(named: string): void {
  let file = named;
  try {
    file = fs.realpathSync(named);
  } catch {
    // Missing: its own directory is where a temp file would be.
  }
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}${TEMP_MARK}`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (pid !== process.pid && isAlive(pid)) continue;
    fs.rmSync(path.join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
