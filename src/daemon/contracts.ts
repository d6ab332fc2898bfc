// What the daemon needs from the rest of keyward, as one injectable record: run.ts binds the real
// modules (deps.ts); tests replace single members (a scan that throws, a keychain that is locked).
import type { Context } from '../context.js';
import type { SecretStore } from '../secrets/store.js';
import type { Policy } from '../policy/policy.js';
import type { ScanOptions, ScanResult } from '../scan.js';
import type { MigrateResult } from '../migrate/run.js';
import type { RotateResult } from '../lifecycle/rotate.js';

export type { Finding, KeyAge, Severity } from '../rules/types.js';
export type { Policy } from '../policy/policy.js';
export type { FileError, ScanOptions, ScanResult } from '../scan.js';
export type { MigrateResult } from '../migrate/run.js';

export interface DaemonDeps {
  loadPolicy(ctx: Context): Promise<Policy>;
  scan(ctx: Context, policy: Policy, options?: ScanOptions): Promise<ScanResult>;
  migrate(ctx: Context, store: SecretStore, options: { profiles: string[]; auto: true }): Promise<MigrateResult>;
  openStore(ctx: Context): Promise<SecretStore>;
  /** `keyward rotate --yes` for one profile (auto_rotate); lifecycle/ and the AWS SDK load on first use. */
  rotate(ctx: Context, options: { profile: string; graceDays: number }): Promise<RotateResult>;
}
