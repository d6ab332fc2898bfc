// The rotation journal: one small JSON file per keychain account in keyward's state dir
// (`$XDG_STATE_HOME/keyward/rotate/`), rewritten (temp file, fsync, rename) before each step that
// changes IAM or the keychain, so a rotate killed at any point is finished or undone by the next.
//
// It holds no secret: the new key's secret lives only in the keychain (`pending` item) and in IAM.
// It does hold full access key IDs: AWS documents them as identifiers, not secrets (they appear in
// CloudTrail and in every request's Authorization header), and the next run needs them to
// deactivate, delete or roll back the right key in IAM even when the pending item was never written.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Env } from '../awsconfig/paths.js';
import { KeywardError } from '../errors.js';
import { logDir, osName } from '../platform/paths.js';

/**
 * Where a rotation stands; each is written once the work before it is done:
 * `started` (old key known, CreateAccessKey may have run), `created` (the new key is in the pending
 * item, read back), `verified` (STS accepted it for the same user), `promoted` (the profile's item
 * holds the new key, the old one is the previous item), `deactivated` (old key Inactive in IAM).
 */
export type RotateStep = 'started' | 'created' | 'verified' | 'promoted' | 'deactivated';

export interface RotateJournal {
  v: 1;
  profile: string;
  /** The keychain account of the profile's items. */
  account: string;
  step: RotateStep;
  oldKeyId: string;
  newKeyId?: string;
  /** The IAM user both keys belong to (GetCallerIdentity with the old key). */
  userArn: string;
  /** ISO time the rotation started: a key IAM created after it and not in the keychain is ours to delete. */
  startedAt: string;
  deleteOld: boolean;
}

export function journalDir(env: Env, home: string): string {
  return path.join(logDir(env, home, osName(process.platform)), 'rotate');
}

/** One file per account; hashed, since an account is a profile name and may hold any character. */
export function journalPath(env: Env, home: string, account: string): string {
  const id = createHash('sha256').update(account).digest('hex').slice(0, 32);
  return path.join(journalDir(env, home), `${id}.json`);
}

/** The account's unfinished rotation, if any (its journal file); an unreadable journal throws, as readJournal does. */
export function unfinishedRotation(env: Env, home: string, account: string): RotateJournal | undefined {
  return readJournal(journalPath(env, home, account));
}

function isJournal(data: unknown): data is RotateJournal {
  const j = data as Partial<RotateJournal> | null;
  return typeof j === 'object' && j !== null && j.v === 1 && typeof j.account === 'string' && typeof j.profile === 'string' &&
    typeof j.oldKeyId === 'string' && typeof j.userArn === 'string' && typeof j.startedAt === 'string' &&
    ['started', 'created', 'verified', 'promoted', 'deactivated'].includes(j.step as string);
}

/** The unfinished rotation of this account, if any. An unreadable journal is reported, never ignored. */
export function readJournal(file: string): RotateJournal | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (!isJournal(data)) {
    throw new KeywardError('file-unreadable', `${file} is not a keyward rotation journal`,
      'Something else wrote it. Check the profile\'s keys in IAM (`aws iam list-access-keys`), delete the file, and run keyward rotate again.');
  }
  return data;
}

/** Replaces the journal in one rename, after the bytes are on disk; 0600 in a 0700 directory. */
export function writeJournal(file: string, journal: RotateJournal): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(journal)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  syncDir(path.dirname(file));
}

export function removeJournal(file: string): void {
  fs.rmSync(file, { force: true });
  syncDir(path.dirname(file));
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Directories cannot be opened for fsync on every platform (Windows); the rename still happened.
  }
}
