// What sources/ reads for the rules (Sources) and the shape of one read AWS file. The rules take
// these values, never the disk, so their tests need no files.
import type { Env } from '../awsconfig/paths.js';
import type { Document, FileKind } from '../awsconfig/document.js';
import type { FileStat } from '../fsutil/read-file.js';

export type { FileStat } from '../fsutil/read-file.js';

/** A file keyward could not use: unreadable, not a regular file, too large, or refused by botocore. */
export interface FileError {
  file: string;
  line?: number;
  message: string;
}

/** An AWS config or credentials file that exists, as read and parsed (possibly with diagnostics). */
export interface AwsFile {
  path: string;
  kind: FileKind;
  /** The text exactly as read (strict UTF-8, like botocore). */
  text: string;
  doc: Document;
  stat: FileStat;
  /**
   * Set when the path is a symlink whose target sits in a git work tree (a dotfiles repository):
   * whatever the file ever held is in that repository's history.
   */
  gitWorkTree?: string;
}

/** A file read as plain lines: shell start-up files, `.env` files, the CLI alias file, `.boto`, `.s3cfg`. */
export interface TextFile {
  path: string;
  /** `shell` (sh/bash/zsh), `fish`, `env` (dotenv), `alias` (~/.aws/cli/alias), `boto`, `s3cfg`. */
  kind: 'shell' | 'fish' | 'env' | 'alias' | 'boto' | 's3cfg';
  lines: string[];
  stat: FileStat;
}

export interface KeyAge {
  /** The profile whose credential_process line names the item (the item's account when none does). */
  profile: string;
  /** The keychain account. */
  account: string;
  /** ISO 8601, from the keychain item. */
  createdAt: string;
}

/** How a `credential_process` program resolves: its absolute path (or null) and the stats. */
export interface ProgramInfo {
  path: string | null;
  stat: FileStat | null;
  dirStat: FileStat | null;
}

export interface Sources {
  home: string;
  env: Env;
  /** The uid scan runs as; files owned by root or by it are trusted. */
  uid: number;
  now: Date;
  config?: AwsFile;
  credentials?: AwsFile;
  /** `~/.aws` itself, when it exists. */
  awsDir?: { path: string; stat: FileStat };
  texts: TextFile[];
  /** Stats of each `ca_bundle` / `AWS_CA_BUNDLE` path, by absolute path. */
  caBundles: Map<string, FileStat | null>;
  /** Each `credential_process` first word as written, resolved. */
  programs: Map<string, ProgramInfo>;
  /** Keys keyward holds, with their age; empty when no keychain is available. */
  keyAges: KeyAge[];
  maxKeyAgeDays: number;
}
