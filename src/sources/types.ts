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
  /**
   * `shell` (sh/bash/zsh), `fish`, `env` (dotenv), `alias` (~/.aws/cli/alias), `boto`, `s3cfg`,
   * `fish-variables` (fish's universal variables, `SETUVAR [--export] NAME:VALUE` lines).
   */
  kind: 'shell' | 'fish' | 'env' | 'alias' | 'boto' | 's3cfg' | 'fish-variables';
  lines: string[];
  stat: FileStat;
}

/** One command of a shell history, as the shell would replay it. */
export interface HistoryEntry {
  /** 1-based line of the history file where the command starts (zsh's `: <time>:<dur>;` line, fish's `- cmd:` line). */
  line: number;
  /** Its last line (a zsh multi-line command spans several). */
  lastLine: number;
  /** The command: zsh's time prefix removed, continuation lines joined with `\n`, fish's escapes decoded. */
  text: string;
}

/**
 * A shell history file. Only the commands that may hold a credential are kept (a key ID prefix, or
 * a 40+ character run of the secret alphabet with an upper-case letter and a digit, `/` or `+`):
 * a 20 MB history is read in chunks and never held whole. The rule decides what is a secret.
 */
export interface HistoryFile {
  path: string;
  shell: 'bash' | 'zsh' | 'fish';
  entries: HistoryEntry[];
  stat: FileStat;
  /** Bytes read from disk for this result (an incremental read reads only what was appended). */
  bytesRead: number;
}

/** Another S3 tool's own credentials file: s3fs `~/.passwd-s3fs`, rclone `rclone.conf`, MinIO `mc` `config.json`. */
export interface ToolConfigFile {
  path: string;
  tool: 's3fs' | 'rclone' | 'mc';
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
  /** Shell history files that exist (absent in hand-built Sources: nothing was read). */
  histories?: HistoryFile[];
  /** Other S3 tools' credentials files that exist (absent in hand-built Sources). */
  toolConfigs?: ToolConfigFile[];
  /** Keys keyward holds, with their age; empty when no keychain is available. */
  keyAges: KeyAge[];
  maxKeyAgeDays: number;
}
