// The data every rule reads (Sources) and writes (Finding). Rules are pure: sources/ does the
// reading, so a rule is a function from these values to findings and its tests need no files.
import type { Sources } from '../sources/types.js';

export type { AwsFile, FileStat, KeyAge, ProgramInfo, Sources, TextFile } from '../sources/types.js';

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
