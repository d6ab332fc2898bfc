// `migrate` as a whole: plan against freshly read files, then apply file by file under the
// per-user lock. A file changed by someone else mid-way is read and planned again.
import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { KeywardError, describeError, isKeywardError } from '../errors.js';
import { removeStaleTemps } from '../fsutil/atomic-write.js';
import { installLauncher, launcherPath } from '../launcher/install.js';
import { credentialProcessLine, parseCredentialProcessLine } from '../launcher/line.js';
import { redact } from '../redact.js';
import type { SecretStore } from '../secrets/store.js';
import type { KindStores } from '../secrets/kinds.js';
import { openSecretStore } from '../secrets/open.js';
import { applyFile } from './apply.js';
import type { ApplyStep } from './apply.js';
import { checkProfilesExist, loadAwsFiles } from './files.js';
import type { LoadedFiles } from './files.js';
import { withFilesLock } from './lock.js';
import { readPaused, updatePaused } from './paused.js';
import { commandToShow } from '../display.js';
import type { Outcome } from './outcome.js';
import { plan } from './plan.js';
import type { Plan, PlanStep, Skip } from './plan.js';

export type { Outcome } from './outcome.js';

export interface MigrateOptions {
  profiles?: string[];
  /**
   * The daemon's auto-migration: profiles `keyward restore` put back stay in plaintext (skipped,
   * with the reason). Without it (a person ran `keyward migrate`), a migrated profile is taken off that list.
   */
  auto?: boolean;
  onStep?: (step: ApplyStep, profile?: string) => void;
  /** The previous-key and session stores an adoption uses; the keychain's by default. */
  kinds?: KindStores;
}

export interface MigrateResult {
  migrated: Outcome[];
  skipped: Outcome[];
  failed: Outcome[];
  /** Set when migrate tightened ~/.aws (to 0700), with its mode before. */
  tightened?: { dir: string; from: string };
}

const MAX_ATTEMPTS = 3;

export function shimLineFor(ctx: Context): (profile: string, account?: string) => string {
  const launcher = launcherPath(ctx.env, ctx.home);
  return (profile, account) => credentialProcessLine(launcher, profile, account);
}

/** Reads both files and plans; throws when a file cannot be rewritten safely. */
export function planMigration(ctx: Context, profiles: string[] = []): { files: LoadedFiles; plan: Plan } {
  const files = loadAwsFiles(ctx.env, ctx.home);
  checkProfilesExist(files, profiles);
  return { files, plan: plan(files, { profiles }) };
}

/** Refuses when a key to migrate is also exported in this environment: it would stay in plaintext there. */
export function checkEnvironment(ctx: Context, steps: PlanStep[]): void {
  const inEnv = steps.find((s) => s.accessKeyId === ctx.env.AWS_ACCESS_KEY_ID);
  if (!inEnv) return;
  throw new KeywardError('usage', `the key of profile '${inEnv.profile}' (${redact(inEnv.accessKeyId)}) is also set in AWS_ACCESS_KEY_ID`,
    'Unset AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and remove them from your shell start-up files), then run again; nothing was changed.');
}

/**
 * `migrate --yes` with no key to move still verifies the launcher: it is rewritten for this node and
 * install (after an nvm switch, an upgrade or a moved checkout) when it exists, and written again
 * when it is gone while a profile's line still names it. With no keyward profile there is nothing to do.
 */
export function refreshLauncher(ctx: Context, files: LoadedFiles): void {
  const launcher = launcherPath(ctx.env, ctx.home);
  const named = files.all.some((file) => file.doc.sections.some((section) => section.entries.some((entry) =>
    entry.key === 'credential_process' && parseCredentialProcessLine(entry.value)?.program === launcher)));
  if (named || fs.existsSync(launcher)) installLauncher({ env: ctx.env, home: ctx.home });
}

export async function migrate(ctx: Context, store: SecretStore, options: MigrateOptions = {}): Promise<MigrateResult> {
  return withFilesLock(ctx, async () => {
    const result: MigrateResult = { migrated: [], skipped: [], failed: [] };
    for (let attempt = 1; ; attempt++) {
      try {
        await attemptMigration(ctx, store, options, result);
        return result;
      } catch (error) {
        if (!(isKeywardError(error)) || error.code !== 'file-changed-during-write' || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  });
}

async function attemptMigration(ctx: Context, store: SecretStore, options: MigrateOptions, result: MigrateResult): Promise<void> {
  const { files, plan: found } = planMigration(ctx, options.profiles);
  const planned = options.auto ? withoutPaused(ctx, found) : found;
  checkEnvironment(ctx, planned.steps);
  const existing = new Map((await store.list()).map((item) => [item.account, item.password]));
  // Only once the keychain has answered: a locked or hung one must leave everything as it was.
  installLauncher({ env: ctx.env, home: ctx.home });
  const doneNow = new Set(result.migrated.map((m) => `${m.file}\u0000${m.profile}`));
  result.skipped = planned.skipped.filter((s) => !doneNow.has(`${s.file}\u0000${s.profile}`)).map(toOutcome);
  for (const file of files.all) {
    removeStaleTemps(file.path);
    const steps = planned.steps.filter((s) => s.file === file.path);
    if (steps.length === 0) continue;
    const { done, failed } = await applyFile(file, steps, { store, existing, now: ctx.now(), shimLine: shimLineFor(ctx), onStep: options.onStep,
      kinds: options.kinds ?? kindStores(ctx) });
    result.migrated.push(...done.map(({ step, replaced }) => ({ profile: step.profile, file: step.file, accessKeyId: redact(step.accessKeyId),
      ...(replaced !== undefined && { replaced }) })));
    result.failed.push(...failed.map((f) => ({ profile: f.step.profile, file: f.step.file, reason: describeError(f.error) })));
  }
  if (!options.auto) updatePaused(ctx, [], result.migrated);
  if (result.migrated.length > 0) tightenAwsDir(ctx, result);
}

/** The stores of the kinds beside the key (secrets/kinds.ts), opened like the command's own. */
export function kindStores(ctx: Pick<Context, 'env'>): KindStores {
  return { previous: openSecretStore('command', ctx.env, 'previous'), session: openSecretStore('command', ctx.env, 'session') };
}

/** `aws configure` keeps ~/.aws at 0700; once keyward rewrote a file in it, it makes it so too. */
function tightenAwsDir(ctx: Context, result: MigrateResult): void {
  const dir = path.join(ctx.home, '.aws');
  if (!result.migrated.some((m) => path.dirname(m.file) === dir)) return;
  const stat = fs.lstatSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory() || (stat.mode & 0o077) === 0 || stat.uid !== process.getuid?.()) return;
  fs.chmodSync(dir, stat.mode & 0o700);
  result.tightened = { dir, from: (stat.mode & 0o7777).toString(8).padStart(4, '0') };
}

/** The plan less what `keyward restore` paused: those become skips that say why and how to resume. */
function withoutPaused(ctx: Context, found: Plan): Plan {
  const paused = readPaused(ctx);
  const steps: PlanStep[] = [];
  const skipped = [...found.skipped];
  for (const step of found.steps) {
    const hit = paused.find((p) => p.file === step.file && p.profile === step.profile);
    if (!hit) steps.push(step);
    else {
      skipped.push({ profile: step.profile, file: step.file, leavesKey: true,
        reason: `auto-migration is paused since 'keyward restore' put this key back (${hit.since}); run \`${commandToShow(['keyward', 'migrate', '--profile', step.profile])}\` to move it again` });
    }
  }
  return { steps, skipped };
}

function toOutcome(skip: Skip): Outcome {
  return { profile: skip.profile, file: skip.file, reason: skip.reason, leavesKey: skip.leavesKey };
}
