// Every top-level policy key, described once: its field in Policy, how its value is read, its
// built-in default, and which way is stricter (what a user may still change when the fleet locks
// it). Parsing, merging, `locked` and the daemon's schedules are all derived from this table, so a
// new key is one row here (plus, for a schedule, its task in daemon/run.ts, which the types demand).
import { atOrAbove } from '../rules/types.js';
import type { Severity } from '../rules/types.js';
import { SESSION_DEFAULTS, isStricterSession } from '../sessions/settings.js';
import type { SessionMode } from '../sessions/settings.js';

/** `session-mode`, `duration` (seconds) and `prompt-order` are sessions/settings.ts's grammar. */
export type SettingKind = 'severity' | 'days' | 'boolean' | 'schedule' | 'session-mode' | 'duration' | 'prompt-order';

/**
 * Which change a locked key still allows: `lower` (a smaller number or a less severe threshold
 * reports more), `on` (only switching it on), `later` (a later value of the kind's order:
 * session_credentials never < mfa < always), `none` (no change at all).
 */
export type Stricter = 'lower' | 'on' | 'later' | 'none';

interface Row<Field extends string, Kind extends SettingKind, Value> {
  key: string;
  field: Field;
  kind: Kind;
  default: Value;
  stricter: Stricter;
  doc: string;
}

export const SETTING_TABLE = [
  { key: 'fail_on', field: 'failOn', kind: 'severity', default: 'medium' as Severity, stricter: 'lower',
    doc: '`--fail-on` default: exit 1 when a finding is at or above this.' },
  { key: 'max_key_age_days', field: 'maxKeyAgeDays', kind: 'days', default: 90, stricter: 'lower',
    doc: 'access-key-too-old fires past this many days.' },
  { key: 'require_fips', field: 'requireFips', kind: 'boolean', default: false, stricter: 'on', doc: 'Turns on fips-endpoint-not-used.' },
  { key: 'require_imdsv2', field: 'requireImdsv2', kind: 'boolean', default: false, stricter: 'on', doc: 'Turns on imdsv1-allowed.' },
  { key: 'auto_migrate', field: 'autoMigrate', kind: 'boolean', default: false, stricter: 'none',
    doc: 'Daemon: migrate new plaintext keys without asking.' },
  { key: 'rotation_grace_days', field: 'rotationGraceDays', kind: 'days', default: 7, stricter: 'lower',
    doc: '`keyward rotate`: an old key it deactivated is deleted in IAM by the next rotate once Inactive this many days.' },
  { key: 'auto_rotate', field: 'autoRotate', kind: 'boolean', default: false, stricter: 'on',
    doc: 'Daemon: rotate a key through IAM (`keyward rotate`) when it is older than max_key_age_days.' },
  { key: 'rescan_schedule', field: 'rescanSchedule', kind: 'schedule', default: '0 * * * *', stricter: 'none',
    doc: 'Daemon: full rescan (5-field cron).' },
  { key: 'reminder_schedule', field: 'reminderSchedule', kind: 'schedule', default: '0 9 * * *', stricter: 'none',
    doc: 'Daemon: repeat open findings.' },
  { key: 'key_age_schedule', field: 'keyAgeSchedule', kind: 'schedule', default: '30 9 * * *', stricter: 'none',
    doc: 'Daemon: check key ages in the keychain.' },
  { key: 'shim_check_schedule', field: 'shimCheckSchedule', kind: 'schedule', default: '15 * * * *', stricter: 'none',
    doc: 'Daemon: check the launcher of every keyward profile.' },
  { key: 'syslog', field: 'syslog', kind: 'boolean', default: false, stricter: 'on', doc: 'Daemon: also log to syslog / the journal.' },
  { key: 'notify', field: 'notify', kind: 'boolean', default: true, stricter: 'on', doc: 'Daemon: desktop notifications.' },
  { key: 'session_credentials', field: 'sessionCredentials', kind: 'session-mode', default: SESSION_DEFAULTS.mode as SessionMode, stricter: 'later',
    doc: 'Shim: hand out STS session credentials instead of the key: mfa (profiles with mfa_serial), always, never.' },
  { key: 'session_duration', field: 'sessionDuration', kind: 'duration', default: SESSION_DEFAULTS.durationSeconds, stricter: 'lower',
    doc: 'Shim: how long a session lasts (seconds; 15m to 36h, e.g. 1h).' },
  { key: 'mfa_prompt', field: 'mfaPrompt', kind: 'prompt-order', default: SESSION_DEFAULTS.prompt.join(','), stricter: 'none',
    doc: 'Shim: where the MFA code comes from, in order: process (mfa_process), desktop, terminal.' },
] as const satisfies readonly Row<string, SettingKind, Severity | SessionMode | number | boolean | string>[];

export type SettingRow = (typeof SETTING_TABLE)[number];
export type SettingKey = SettingRow['key'];
export type SettingField = SettingRow['field'];
type ValueOf<R> = R extends { kind: 'severity' } ? Severity : R extends { kind: 'days' | 'duration' } ? number
  : R extends { kind: 'boolean' } ? boolean : R extends { kind: 'session-mode' } ? SessionMode : string;

/** The settings as Policy holds them: field → value. */
export type SettingValues = { -readonly [R in SettingRow as R['field']]: ValueOf<R> };

export type ScheduleRow = Extract<SettingRow, { kind: 'schedule' }>;
export type ScheduleKey = ScheduleRow['key'];

export const SCHEDULE_ROWS: readonly ScheduleRow[] = SETTING_TABLE.filter((row): row is ScheduleRow => row.kind === 'schedule');

export function settingRow(key: string): SettingRow | undefined {
  return SETTING_TABLE.find((row) => row.key === key);
}

export const DEFAULT_SETTINGS: SettingValues = Object.fromEntries(SETTING_TABLE.map((row) => [row.field, row.default])) as SettingValues;

/** True when `next` is as strict as `current` or stricter, for this row's direction. */
export function isStricter(row: SettingRow, current: unknown, next: unknown): boolean {
  if (current === next) return true;
  if (row.stricter === 'on') return next === true;
  if (row.stricter === 'none') return false;
  if (row.stricter === 'later') return isStricterSession('session_credentials', current, next);
  if (row.kind === 'severity') return !atOrAbove(next as Severity, current as Severity);
  return (next as number) <= (current as number);
}
