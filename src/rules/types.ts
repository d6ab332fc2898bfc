// The data every rule reads (Sources) and writes (Finding). Rules are pure: sources/ does the
// reading, so a rule is a function from these values to findings and its tests need no files.
import type { Env } from '../awsconfig/paths.js';
import type { Document } from '../awsconfig/document.js';

export type Severity = 'high' | 'medium' | 'low' | 'info';

/** Most severe first; the order `--fail-on` and the summary use. */
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** True when `severity` is `threshold` or more severe. */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Absolute path. */
  file: string;
  /** 1-based. */
  line: number;
  /** The profile name as the CLI spells it (`dev`, not `profile dev`). */
  profile?: string;
  message: string;
  remediation: string;
  /** Redacted: never more than the first four and last four characters of a secret. */
  evidence?: string;
  /** Stable across runs: a hash of ruleId, file, profile and setting, never of a secret. */
  fingerprint: string;
}

/** What lstat/stat said about a path; `null` in a map means the path does not exist. */
export interface FileStat {
  /** Permission bits, `mode & 0o7777`. */
  mode: number;
  uid: number;
  isFile: boolean;
  isDirectory: boolean;
  /** The path itself is a symbolic link (the other fields describe its target). */
  isSymlink: boolean;
}

export interface AwsFile {
  path: string;
  kind: 'config' | 'credentials';
  doc: Document;
  stat: FileStat;
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
  profile: string;
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
  caBundles: Record<string, FileStat | null>;
  /** Each `credential_process` first word as written, resolved. */
  programs: Record<string, ProgramInfo>;
  /** Keys keyward holds, with their age; empty when no keychain is available. */
  keyAges: KeyAge[];
  maxKeyAgeDays: number;
}

/** What a rule returns before scan adds the fingerprint and applies policy severity. */
export type RawFinding = Omit<Finding, 'fingerprint'> & {
  /** What distinguishes two findings of one rule in one file and profile (a setting or variable name). */
  key?: string;
};

export interface Rule {
  id: string;
  severity: Severity;
  /** One line for help texts and SARIF's shortDescription. */
  title: string;
  /** What it catches and what it deliberately leaves alone. */
  description: string;
  /** Off unless the policy turns it on (the fleet's require_fips / require_imdsv2). */
  offByDefault?: boolean;
  check(sources: Sources): RawFinding[];
}
