// Keychain items no profile uses: no keyward credential_process line in either AWS file names
// their account (the items `keyward status` lists as orphans). `remove --orphans` and
// `restore --purge` delete them, except what may still be someone's only copy of a key:
// an item whose key came from a file this environment does not read (another
// AWS_SHARED_CREDENTIALS_FILE may still use it), and, for restore, a previous key not yet retired.
import { commandToShow } from '../display.js';
import { KeywardError, describeError } from '../errors.js';
import type { LoadedFiles } from '../migrate/files.js';
import type { RotateJournal } from './journal.js';
import { restoreTargets } from '../migrate/restore.js';
import { redact } from '../redact.js';
import { decodeItem } from '../secrets/item.js';
import type { ItemKind } from '../secrets/store.js';
import type { LifecycleStores } from './stores.js';
import { KINDS_TO_DELETE } from './stores.js';

export interface Orphan {
  kind: ItemKind;
  account: string;
  /** Redacted key ID, when the item is a readable keyward item. */
  keyId?: string;
}

export interface KeptItem extends Orphan {
  reason: string;
}

export interface OrphanScan {
  orphans: Orphan[];
  kept: KeptItem[];
}

/** The accounts some keyward credential_process line names, in any section of either file. */
export function usedAccounts(files: LoadedFiles): Set<string> {
  return new Set(restoreTargets(files).map((t) => t.account));
}

/** Lists each kind's items and sorts the unused ones into those to delete and those to keep. */
export interface OrphanOptions {
  keepPrevious: boolean;
  /** Only these kinds (all by default). */
  kinds?: readonly ItemKind[];
  /** Accounts whose key items are left alone (restore already decided to keep them, and said why). */
  spare?: ReadonlySet<string>;
  /**
   * The unfinished rotation of an account (lifecycle/journal.ts), if any: its pending item holds a
   * key that exists in IAM and is active, and deleting it would leave a working key nobody holds.
   */
  rotationOf?: (account: string) => RotateJournal | undefined;
}

export async function findOrphans(files: LoadedFiles, stores: LifecycleStores, options: OrphanOptions): Promise<OrphanScan> {
  const used = usedAccounts(files);
  const ours = new Set(files.all.map((f) => f.path));
  const scan: OrphanScan = { orphans: [], kept: [] };
  for (const kind of options.kinds ?? KINDS_TO_DELETE) {
    for (const { account, password } of await stores[kind].list()) {
      if (used.has(account) || (kind === 'key' && options.spare?.has(account))) continue;
      const orphan = describe(kind, account, password);
      const reason = keepReason(kind, password, account, ours, options);
      if (reason) scan.kept.push({ ...orphan, reason });
      else scan.orphans.push(orphan);
    }
  }
  return scan;
}

function describe(kind: ItemKind, account: string, password: string): Orphan {
  try {
    return { kind, account, keyId: redact(decodeItem(password, account).AccessKeyId) };
  } catch {
    return { kind, account };
  }
}

function keepReason(kind: ItemKind, password: string, account: string, ours: Set<string>, options: OrphanOptions): string | undefined {
  if (kind === 'session') return undefined;
  if (kind === 'pending') {
    const unfinished = pendingReason(account, options);
    if (unfinished) return unfinished;
  }
  if (kind === 'previous' && options.keepPrevious) {
    return "it is a previous key not yet retired; retire it in IAM, then run 'keyward remove --orphans'";
  }
  let source: string;
  try {
    source = decodeItem(password, account).source.file;
  } catch {
    return undefined;
  }
  if (ours.has(source)) return undefined;
  return `its key came from ${source}, which this environment does not read (AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE); ` +
    'run again with those variables naming it, or delete it with your keychain tool once no file uses it';
}

/** Why a pending item must stay: a rotation of its account is unfinished (or its journal cannot be read). */
function pendingReason(account: string, options: OrphanOptions): string | undefined {
  let journal: RotateJournal | undefined;
  try {
    journal = options.rotationOf?.(account);
  } catch (error) {
    return `its rotation journal cannot be read (${describeError(error)}); the key may be active in IAM`;
  }
  if (!journal) return undefined;
  const newKey = journal.newKeyId ? ` ${redact(journal.newKeyId)}` : '';
  const profile = commandToShow([journal.profile]);
  return `a rotation of profile '${journal.profile}' is unfinished and its new key${newKey} exists in IAM; ` +
    `run 'keyward migrate --profile ${profile}' and 'keyward rotate --profile ${profile}' to finish it (or roll it back), then 'keyward remove --orphans'`;
}

/** Deletes the orphans found; a keychain error stops it and says what was already deleted. */
export async function deleteOrphans(stores: LifecycleStores, orphans: Orphan[]): Promise<Orphan[]> {
  const deleted: Orphan[] = [];
  for (const orphan of orphans) {
    try {
      if (await stores[orphan.kind].delete(orphan.account)) deleted.push(orphan);
    } catch (error) {
      const done = deleted.length === 0 ? 'none was deleted' : `already deleted: ${deleted.map(label).join(', ')}`;
      throw new KeywardError('keychain-unavailable', `could not delete keychain item ${label(orphan)}: ${describeError(error)}`,
        `Check the keychain and run again (${done}).`, { cause: error });
    }
  }
  return deleted;
}

/** `'work' (previous key AKIA…WXYZ)` */
export function label(item: Orphan): string {
  const what = item.kind === 'key' ? 'key' : item.kind === 'session' ? 'cached session' : `${item.kind} key`;
  return `'${item.account}' (${what}${item.keyId && item.kind !== 'session' ? ` ${item.keyId}` : ''})`;
}
