// File modes and owners as the rules need them. lstat tells whether the path is a link; stat
// describes what the AWS CLI would actually open.
import { lstat, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { FileStat } from '../rules/types.js';

/** True for the errors that mean "there is nothing at this path". */
export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export function toFileStat(stats: Stats, isSymlink: boolean): FileStat {
  return { mode: stats.mode & 0o7777, uid: stats.uid, isFile: stats.isFile(), isDirectory: stats.isDirectory(), isSymlink };
}

/** The stat of a path, following links; null when it (or a link's target) does not exist. */
export async function statPath(file: string): Promise<FileStat | null> {
  try {
    const link = await lstat(file);
    const target = link.isSymbolicLink() ? await stat(file) : link;
    return toFileStat(target, link.isSymbolicLink());
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}
