// `restore`: puts each keyward-held key back into the section whose credential_process line
// names it, in that line's place, so the AWS CLI resolves exactly what it did before migrate.
// As careful as migrate: refused files stop it, every rewrite is verified and atomic, and
// keychain items are deleted (with --purge) only after the file holding their key is written.
import { editSections } from '../awsconfig/edit.js';
import { parse } from '../awsconfig/parse.js';
import { rawConfig, sameSettings, sectionRole } from '../awsconfig/profiles.js';
import type { Document, Section } from '../awsconfig/document.js';
import type { Context } from '../context.js';
import { KeywardError, describeError, isKeywardError } from '../errors.js';
import { removeStaleTemps, writeFileAtomic } from '../fsutil/atomic-write.js';
import { decodeItem } from '../secrets/item.js';
import type { CredentialItem } from '../secrets/item.js';
import type { SecretStore } from '../secrets/store.js';
import { parseCredentialProcessLine } from '../launcher/line.js';
import { checkProfilesExist, loadAwsFiles } from './files.js';
import type { LoadedFile, LoadedFiles } from './files.js';
import { withFilesLock } from './lock.js';
import { updatePaused } from './paused.js';
import type { Outcome } from './outcome.js';

export interface RestoreOptions {
  profiles?: string[];
  purge?: boolean;
  /** The `session` item kind's store: a restored profile's cached STS session is deleted, --purge or not. */
  sessions?: SecretStore;
}

export interface RestoreResult {
  restored: Outcome[];
  failed: Outcome[];
  purged: string[];
  /** Items --purge left in the keychain, with why (another file's profile may still read them). */
  kept: { account: string; reason: string }[];
}

/** A keychain item whose key is back in `file`. */
interface Returned {
  account: string;
  file: string;
  /** The file the item says its key came from. */
  source: string;
}

export interface RestoreTarget {
  profile: string;
  /** The keychain account the credential_process line names. */
  account: string;
  file: LoadedFile;
  section: Section;
}

/** Every section whose credential_process is keyward's, in both files. */
export function restoreTargets(files: LoadedFiles, profiles: string[] = []): RestoreTarget[] {
  const targets: RestoreTarget[] = [];
  for (const file of files.all) {
    for (const section of file.doc.sections) {
      const role = sectionRole(section.header, file.doc.kind);
      const line = section.entries.find((e) => e.key === 'credential_process');
      const parsed = line && parseCredentialProcessLine(line.value);
      if (role.kind !== 'profile' || !parsed) continue;
      if (profiles.length > 0 && !profiles.includes(role.name)) continue;
      targets.push({ profile: role.name, account: parsed.account, file, section });
    }
  }
  return targets;
}

export async function restore(ctx: Context, store: SecretStore, options: RestoreOptions = {}): Promise<RestoreResult> {
  return withFilesLock(ctx, async () => {
    const result: RestoreResult = { restored: [], failed: [], purged: [], kept: [] };
    const files = loadAwsFiles(ctx.env, ctx.home);
    checkProfilesExist(files, options.profiles ?? []);
    const targets = restoreTargets(files, options.profiles);
    // Every item is read before any file is written: a keychain that stops answering (or is
    // locked) half-way must leave every file as it was, with one error, not a half-done restore.
    const loaded = [];
    for (const file of files.all) loaded.push({ file, ready: await loadItems(file, targets.filter((t) => t.file === file), store, result) });
    const returned: Returned[] = [];
    for (const { file, ready } of loaded) {
      removeStaleTemps(file.path);
      returned.push(...restoreFile(file, ready, result));
    }
    if (options.purge) await purge(ctx, store, returned, result);
    // The profile no longer runs the shim: its cached session (a live credential) has no reader left.
    if (options.sessions) for (const account of new Set(returned.map((r) => r.account))) await options.sessions.delete(account).catch(() => false);
    // With auto_migrate on, the daemon would move these keys straight back into the keychain.
    const since = ctx.now().toISOString();
    updatePaused(ctx, result.restored.map((r) => ({ file: r.file, profile: r.profile, since })), []);
    return result;
  });
}

interface ReadyTarget {
  target: RestoreTarget;
  item: CredentialItem;
}

/** A keychain that is locked, unreachable or not answering fails every profile alike: stop the whole run. */
const KEYCHAIN_DOWN = new Set(['keychain-locked', 'keychain-unavailable', 'keychain-timeout']);

/** Reads each target's item; a missing or corrupt one fails that profile only. */
async function loadItems(file: LoadedFile, targets: RestoreTarget[], store: SecretStore, result: RestoreResult): Promise<ReadyTarget[]> {
  const ready: ReadyTarget[] = [];
  for (const target of targets) {
    try {
      ready.push({ target, item: await loadItem(store, target.account) });
    } catch (error) {
      if (!isKeywardError(error) || KEYCHAIN_DOWN.has(error.code)) throw error;
      result.failed.push({ profile: target.profile, file: file.path, reason: describeError(error) });
    }
  }
  return ready;
}

/** Returns the keychain items whose keys are now back in the file. */
function restoreFile(file: LoadedFile, ready: ReadyTarget[], result: RestoreResult): Returned[] {
  if (ready.length === 0) return [];
  const doc = parse(editSections(file.doc, ready.map(({ target, item }) => {
    const raw = originalLines(item, file.path, target.section.header);
    return { section: target.section, edit: { remove: ['credential_process'], insert: raw ?? canonicalLines(item), keepIndent: raw !== undefined } };
  })), file.doc.kind);
  verifyRestore(file.doc, doc, ready.map((r) => ({ header: r.target.section.header, item: r.item })));
  writeFileAtomic(file.path, doc.text, { expected: file.text });
  result.restored.push(...ready.map(({ target }) => ({ profile: target.profile, file: file.path })));
  return ready.map(({ target, item }) => ({ account: target.account, file: file.path, source: item.source.file }));
}

async function loadItem(store: SecretStore, account: string): Promise<CredentialItem> {
  const password = await store.get(account);
  if (password === null) {
    throw new KeywardError('keychain-item-missing', `the keychain holds no key for profile '${account}'`,
      'Its credential_process line was left in place; restore the key from a backup or create a new one.');
  }
  return decodeItem(password, account);
}

function keySettings(item: CredentialItem): Map<string, string> {
  const settings = new Map([['aws_access_key_id', item.AccessKeyId], ['aws_secret_access_key', item.SecretAccessKey]]);
  if (item.SessionToken) settings.set('aws_session_token', item.SessionToken);
  return settings;
}

function canonicalLines(item: CredentialItem): string[] {
  return [...keySettings(item)].map(([key, value]) => `${key} = ${value}`);
}

/** The lines migrate removed, when they came from this section and still read as this key. */
function originalLines(item: CredentialItem, file: string, header: string): string[] | undefined {
  const lines = item.source.lines;
  if (!lines || item.source.file !== file || item.source.section !== header) return undefined;
  const probe = parse(`[probe]\n${lines.join('\n')}\n`, 'credentials');
  const settings = probe.diagnostics.length === 0 ? rawConfig(probe).get('probe') : undefined;
  return sameSettings(settings, keySettings(item)) ? lines : undefined;
}

function verifyRestore(before: Document, after: Document, restored: { header: string; item: CredentialItem }[]): void {
  const expected = rawConfig(before);
  for (const { header, item } of restored) {
    const settings = new Map(expected.get(header));
    settings.delete('credential_process');
    for (const [key, value] of keySettings(item)) settings.set(key, value);
    expected.set(header, settings);
  }
  const actual = rawConfig(after);
  if (after.diagnostics.length > 0 || !sameSettings(actual, expected)) {
    throw new KeywardError('internal', 'restoring would change more than the credential lines',
      'Nothing was written. Please report this with the file layout (not its keys).');
  }
}

/**
 * Deletes the items whose keys are back in a file and that no remaining keyward line still needs.
 * An item that came from another file is kept: a credentials file this environment does not name
 * (another AWS_SHARED_CREDENTIALS_FILE) may still read it, and keyward cannot see that file.
 */
async function purge(ctx: Context, store: SecretStore, returned: Returned[], result: RestoreResult): Promise<void> {
  const stillUsed = new Set(restoreTargets(loadAwsFiles(ctx.env, ctx.home)).map((t) => t.account));
  const done = new Set<string>();
  for (const { account, file, source } of returned) {
    if (stillUsed.has(account) || done.has(account)) continue;
    done.add(account);
    if (source !== file) {
      result.kept.push({ account, reason: `its key came from ${source}, whose profiles may still use it; delete it with your keychain tool once none does` });
      continue;
    }
    if (await store.delete(account)) result.purged.push(account);
  }
}
