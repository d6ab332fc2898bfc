// `migrate` as a whole: plan against freshly read files, then apply file by file under the
// per-user lock. A file changed by someone else mid-way is read and planned again.
import path from 'node:path';
import type { Context } from '../context.js';
import { KeywardError } from '../errors.js';
import { removeStaleTemps } from '../fsutil/atomic-write.js';
import { withLock } from '../fsutil/lock.js';
import { logDir, osName } from '../platform/paths.js';
import { redact } from '../redact.js';
import { sectionRole } from '../awsconfig/profiles.js';
import type { SecretStore } from '../secrets/store.js';
import { credentialProcessLine, installLauncher, launcherPath, parseCredentialProcessLine } from '../shim/launcher.js';
import { applyFile } from './apply.js';
import type { ApplyStep } from './apply.js';
import { loadAwsFiles } from './files.js';
import type { LoadedFile } from './files.js';
import { plan } from './plan.js';
import type { Plan, PlanStep, Skip } from './plan.js';

export interface MigrateOptions {
  profiles?: string[];
  onStep?: (step: ApplyStep, profile?: string) => void;
}

export interface Outcome {
  profile: string;
  file: string;
  /** Redacted key ID. */
  accessKeyId?: string;
  reason?: string;
  /** For a skip: a long-term key stays in plaintext. */
  leavesKey?: boolean;
}

export interface MigrateResult {
  migrated: Outcome[];
  skipped: Outcome[];
  failed: Outcome[];
}

const MAX_ATTEMPTS = 3;

export function lockPath(ctx: Context): string {
  return path.join(logDir(ctx.env, ctx.home, osName(process.platform)), 'files.lock');
}

export function shimLineFor(ctx: Context): (profile: string) => string {
  const launcher = launcherPath(ctx.env, ctx.home);
  return (profile) => credentialProcessLine(launcher, profile);
}

/** Reads both files and plans; throws when a file cannot be rewritten safely. */
export function planMigration(ctx: Context, profiles: string[] = []): { files: LoadedFile[]; plan: Plan } {
  const files = loadAwsFiles(ctx.env, ctx.home);
  checkProfilesExist(files, profiles);
  const isKeywardLine = (value: string): boolean => parseCredentialProcessLine(value) !== undefined;
  return { files, plan: plan(files.map((f) => ({ path: f.path, doc: f.doc })), { profiles, isKeywardLine }) };
}

/** A --profile that names no profile in either file is a typo: say so rather than do nothing. */
export function checkProfilesExist(files: LoadedFile[], profiles: string[]): void {
  const known = new Set(files.flatMap((f) => f.doc.sections.map((s) => sectionRole(s.header, f.doc.kind)))
    .flatMap((role) => (role.kind === 'profile' ? [role.name] : [])));
  const unknown = profiles.find((p) => !known.has(p));
  if (unknown === undefined) return;
  throw new KeywardError('usage', `no profile named '${unknown}' in ${files.map((f) => f.path).join(' or ')}`,
    'Check the spelling (`keyward status` lists the profiles); names with spaces or quotes need quoting in the shell.');
}

/** Refuses when a key to migrate is also exported in this environment: it would stay in plaintext there. */
export function checkEnvironment(ctx: Context, steps: PlanStep[]): void {
  const inEnv = steps.find((s) => s.accessKeyId === ctx.env.AWS_ACCESS_KEY_ID);
  if (!inEnv) return;
  throw new KeywardError('usage', `the key of profile '${inEnv.profile}' (${redact(inEnv.accessKeyId)}) is also set in AWS_ACCESS_KEY_ID`,
    'Unset AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and remove them from your shell start-up files), then run again; nothing was changed.');
}

export async function migrate(ctx: Context, store: SecretStore, options: MigrateOptions = {}): Promise<MigrateResult> {
  return withLock(lockPath(ctx), async () => {
    const result: MigrateResult = { migrated: [], skipped: [], failed: [] };
    for (let attempt = 1; ; attempt++) {
      try {
        await attemptMigration(ctx, store, options, result);
        return result;
      } catch (error) {
        if (!(error instanceof KeywardError) || error.code !== 'file-changed-during-write' || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  });
}

async function attemptMigration(ctx: Context, store: SecretStore, options: MigrateOptions, result: MigrateResult): Promise<void> {
  const { files, plan: planned } = planMigration(ctx, options.profiles);
  checkEnvironment(ctx, planned.steps);
  const existing = new Map((await store.list()).map((item) => [item.account, item.password]));
  // Only once the keychain has answered: a locked or hung one must leave everything as it was.
  installLauncher({ env: ctx.env, home: ctx.home });
  const doneNow = new Set(result.migrated.map((m) => `${m.file}\u0000${m.profile}`));
  result.skipped = planned.skipped.filter((s) => !doneNow.has(`${s.file}\u0000${s.profile}`)).map(toOutcome);
  for (const file of files) {
    removeStaleTemps(file.path);
    const steps = planned.steps.filter((s) => s.file === file.path);
    if (steps.length === 0) continue;
    const { done, failed } = await applyFile(file, steps, { store, existing, now: ctx.now(), shimLine: shimLineFor(ctx), onStep: options.onStep });
    result.migrated.push(...done.map((s) => ({ profile: s.profile, file: s.file, accessKeyId: redact(s.accessKeyId) })));
    result.failed.push(...failed.map((f) => ({ profile: f.step.profile, file: f.step.file, reason: `${f.error.message}. ${f.error.hint}` })));
  }
}

function toOutcome(skip: Skip): Outcome {
  return { profile: skip.profile, file: skip.file, reason: skip.reason, leavesKey: skip.leavesKey };
}
