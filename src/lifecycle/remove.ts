// `keyward remove`: deletes a profile's keychain items. A profile whose credential_process line
// still names the item is never left pointing at nothing: without --from-files that is refused;
// with it, the line goes first (atomically, every other byte kept) and the items after, so a run
// stopped half-way leaves at worst an orphan item, never a broken profile.
import { editSections } from '../awsconfig/edit.js';
import type { Context } from '../context.js';
import { commandToShow } from '../display.js';
import { KeywardError } from '../errors.js';
import { loadAwsFiles } from '../migrate/files.js';
import type { LoadedFiles } from '../migrate/files.js';
import { withFilesLock } from '../migrate/lock.js';
import { restoreTargets } from '../migrate/restore.js';
import type { RestoreTarget } from '../migrate/restore.js';
import { writeVerified } from '../migrate/write.js';
import { redact } from '../redact.js';
import { decodeItem } from '../secrets/item.js';
import type { ItemKind } from '../secrets/store.js';
import { unfinishedRotation } from './journal.js';
import type { RotateJournal } from './journal.js';
import { deleteOrphans, findOrphans, label } from './orphans.js';
import type { KeptItem, Orphan, OrphanOptions, OrphanScan } from './orphans.js';
import type { LifecycleStores } from './stores.js';
import { KINDS_TO_DELETE } from './stores.js';

export interface RemoveOptions {
  profile: string;
  /** Also remove the profile's credential_process lines that name the items. */
  fromFiles?: boolean;
  /** Only the previous key (after the user retired it in IAM). */
  previous?: boolean;
}

export interface RemovalPlan {
  /** keyward's lines for the profile, in either file. */
  lines: { file: string; section: string; account: string }[];
  /** The items that exist and would be deleted. */
  items: Orphan[];
}

export interface RemoveResult extends RemovalPlan {
  /** The lines actually removed (with --from-files). */
  linesRemoved: RemovalPlan['lines'];
  deleted: Orphan[];
}

/** What `remove` would do now; throws what it would refuse. Reads the files and the keychain, changes nothing. */
export async function planRemoval(ctx: Context, stores: LifecycleStores, options: RemoveOptions): Promise<RemovalPlan> {
  return (await survey(ctx, loadAwsFiles(ctx.env, ctx.home), stores, options)).plan;
}

export async function removeProfile(ctx: Context, stores: LifecycleStores, options: RemoveOptions): Promise<RemoveResult> {
  return withFilesLock(ctx, async () => {
    const files = loadAwsFiles(ctx.env, ctx.home);
    const { plan, targets } = await survey(ctx, files, stores, options);
    const linesRemoved = options.previous ? [] : removeLines(files, targets);
    const deleted = await deleteOrphans(stores, plan.items);
    return { ...plan, linesRemoved, deleted };
  });
}

async function survey(ctx: Context, files: LoadedFiles, stores: LifecycleStores, options: RemoveOptions): Promise<{ plan: RemovalPlan; targets: RestoreTarget[] }> {
  const targets = restoreTargets(files, [options.profile]);
  const lines = targets.map((t) => ({ file: t.file.path, section: t.section.header, account: t.account }));
  // The profile's items are under the accounts its lines name; with no line left, under its name.
  const accounts = [...new Set(targets.length > 0 ? targets.map((t) => t.account) : [options.profile])];
  // An unfinished rotation's pending key is active in IAM: deleting it would leave a working key nobody holds.
  const rotating = options.previous ? undefined : accounts.map((account) => unfinishedRotation(ctx.env, ctx.home, account)).find(Boolean);
  if (rotating) throw rotationUnfinished(options.profile, rotating);
  const kinds: readonly ItemKind[] = options.previous ? ['previous'] : KINDS_TO_DELETE;
  const items: Orphan[] = [];
  for (const kind of kinds) {
    for (const account of accounts) {
      const password = await stores[kind].get(account);
      if (password !== null) items.push(describeItem(kind, account, password));
    }
  }
  if (!options.previous && targets.length > 0 && !options.fromFiles) throw stillNamed(options.profile, lines);
  if (items.length === 0 && (options.previous || targets.length === 0)) throw nothingToRemove(options);
  return { plan: { lines, items }, targets };
}

function describeItem(kind: ItemKind, account: string, password: string): Orphan {
  try {
    return { kind, account, keyId: redact(decodeItem(password, account).AccessKeyId) };
  } catch {
    return { kind, account };
  }
}

/** Removes the credential_process lines, file by file, each rewrite verified and atomic. */
function removeLines(files: LoadedFiles, targets: RestoreTarget[]): RemovalPlan['lines'] {
  const removed: RemovalPlan['lines'] = [];
  for (const file of files.all) {
    const mine = targets.filter((t) => t.file === file);
    if (mine.length === 0) continue;
    const text = editSections(file.doc, mine.map((t) => ({ section: t.section, edit: { remove: ['credential_process'], insert: [] } })));
    writeVerified(file, text, (expected) => {
      for (const t of mine) expected.get(t.section.header)?.delete('credential_process');
    });
    removed.push(...mine.map((t) => ({ file: file.path, section: t.section.header, account: t.account })));
  }
  return removed;
}

function stillNamed(profile: string, lines: RemovalPlan['lines']): KeywardError {
  const where = lines.map((l) => `${l.file} [${l.section}]`).join(' and ');
  return new KeywardError('usage', `profile '${profile}' still uses its keychain item: keyward's credential_process line is in ${where}`,
    `Deleting the item would leave the profile pointing at nothing. Run \`${commandToShow(['keyward', 'remove', '--profile', profile, '--from-files'])}\` ` +
    `to remove that line too, or \`${commandToShow(['keyward', 'restore', '--profile', profile])}\` to put the key back in the file; nothing was changed.`);
}

function rotationUnfinished(profile: string, journal: RotateJournal): KeywardError {
  const newKey = journal.newKeyId ? ` (its new key ${redact(journal.newKeyId)} exists in IAM)` : '';
  return new KeywardError('usage', `a rotation of profile '${profile}' is unfinished${newKey}`,
    `Run \`${commandToShow(['keyward', 'rotate', '--profile', journal.profile])}\` to finish it (or roll it back) first; nothing was changed.`);
}

function nothingToRemove(options: RemoveOptions): KeywardError {
  if (options.previous) {
    return new KeywardError('usage', `profile '${options.profile}' has no previous key in the keychain`,
      "A previous key is kept only when a new key replaced it ('keyward migrate' adopting a key, or 'keyward rotate'); nothing was changed.");
  }
  return new KeywardError('usage', `the keychain holds no keyward item for profile '${options.profile}', and no file names one`,
    "Check the spelling ('keyward status' lists the profiles and the items no profile uses); nothing was changed.");
}

export interface OrphanRemoval {
  deleted: Orphan[];
  kept: KeptItem[];
}

/** The items no profile uses now, as the AWS files and the rotation journals of this environment say. */
export function listOrphans(ctx: Context, stores: LifecycleStores, options: OrphanOptions): Promise<OrphanScan> {
  return findOrphans(loadAwsFiles(ctx.env, ctx.home), stores, { rotationOf: (account) => unfinishedRotation(ctx.env, ctx.home, account), ...options });
}

/** Deletes the items no profile uses (lifecycle/orphans.ts), under the files lock so no migrate names one mid-way. */
export async function removeOrphans(ctx: Context, stores: LifecycleStores, options: OrphanOptions & { only?: Orphan[] }): Promise<OrphanRemoval> {
  return withFilesLock(ctx, async () => {
    const found = await listOrphans(ctx, stores, options);
    // What the user confirmed, if the command showed a list first: never more than that.
    const confirmed = options.only && new Set(options.only.map(label));
    const orphans = confirmed ? found.orphans.filter((o) => confirmed.has(label(o))) : found.orphans;
    return { deleted: await deleteOrphans(stores, orphans), kept: found.kept };
  });
}

