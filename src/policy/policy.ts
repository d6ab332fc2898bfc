// keyward's own settings (not the AWS files'): the typed Policy, its built-in defaults, and how a
// fleet layer and a user layer combine.
import type { Severity } from '../rules/types.js';

export interface RuleSetting {
  enabled: boolean;
  severity: Severity;
}

export interface Policy {
  /** `--fail-on` default: exit 1 when a finding is at or above this. */
  failOn: Severity;
  /** access-key-too-old fires past this many days. */
  maxKeyAgeDays: number;
  /** Turns on fips-endpoint-not-used. */
  requireFips: boolean;
  /** Turns on imdsv1-allowed. */
  requireImdsv2: boolean;
  /** More files to scan as text (shell syntax unless the name says fish or .env). */
  extraPaths: string[];
  /** Every rule, resolved: enabled and severity after defaults, fleet and user files. */
  rules: Record<string, RuleSetting>;
  /** Keys and rule IDs the fleet file locked: the user file cannot weaken them. */
  locked: string[];
  /** Daemon: migrate new plaintext keys without asking. */
  autoMigrate: boolean;
  /** Daemon schedules, 5-field cron (node-cron); the daemon validates them. */
  rescanSchedule: string;
  reminderSchedule: string;
  keyAgeSchedule: string;
  shimCheckSchedule: string;
  /** Daemon: also log to syslog / the journal. */
  syslog: boolean;
  /** Daemon: desktop notifications. */
  notify: boolean;
  /** The policy files consulted (existing or not), for the daemon's watcher. */
  files: string[];
  /** User settings ignored because the fleet locked them (one line each, for stderr). */
  warnings: string[];
}

/** The top-level scalar settings, by their key in the ini files. */
export const SETTINGS = {
  fail_on: 'failOn',
  max_key_age_days: 'maxKeyAgeDays',
  require_fips: 'requireFips',
  require_imdsv2: 'requireImdsv2',
  auto_migrate: 'autoMigrate',
  rescan_schedule: 'rescanSchedule',
  reminder_schedule: 'reminderSchedule',
  key_age_schedule: 'keyAgeSchedule',
  shim_check_schedule: 'shimCheckSchedule',
  syslog: 'syslog',
  notify: 'notify',
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValues = Partial<Pick<Policy, (typeof SETTINGS)[SettingKey]>>;

export const DEFAULT_SETTINGS: Required<SettingValues> = {
  failOn: 'medium',
  maxKeyAgeDays: 90,
  requireFips: false,
  requireImdsv2: false,
  autoMigrate: false,
  rescanSchedule: '0 * * * *',
  reminderSchedule: '0 9 * * *',
  keyAgeSchedule: '30 9 * * *',
  shimCheckSchedule: '15 * * * *',
  syslog: false,
  notify: true,
};

/** One policy file, parsed: only what it sets. */
export interface PolicyLayer {
  file: string;
  settings: SettingValues;
  rules: Record<string, Partial<RuleSetting>>;
  extraPaths: string[];
  locked: string[];
}
