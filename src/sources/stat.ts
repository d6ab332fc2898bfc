// File modes and owners as the rules need them, for paths keyward does not read (directories, CA
// bundles, credential_process programs). lstat tells whether the path is a link; stat describes
// what the AWS CLI would actually open.
import { lstat, stat } from 'node:fs/promises';
import { isMissing } from '../fsutil/errno.js';
import { toFileStat } from '../fsutil/read-file.js';
import type { FileStat } from '../fsutil/read-file.js';

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
