// Carries out a plan for one file as a transaction: every key is stored in the keychain and read
// back first; only then is the file rewritten (atomically, and only if nobody changed it since
// it was read). A crash at any point leaves each profile either as it was or fully migrated.
import { editSections } from '../awsconfig/edit.js';
import { commandToShow } from '../display.js';
import { parse } from '../awsconfig/parse.js';
import { rawConfig, sameSettings } from '../awsconfig/profiles.js';
import type { Document, Section } from '../awsconfig/document.js';
import { KeywardError, isKeywardError } from '../errors.js';
import { writeFileAtomic } from '../fsutil/atomic-write.js';
import type { WriteStep } from '../fsutil/atomic-write.js';
import { decodeItem, encodeItem } from '../secrets/item.js';
import type { CredentialItem, ItemSource } from '../secrets/item.js';
import { forgetSession, keepPrevious } from '../secrets/kinds.js';
import type { KindStores } from '../secrets/kinds.js';
import { redact } from '../redact.js';
import type { SecretStore } from '../secrets/store.js';
import { accountCandidates, unstorableName } from '../secrets/account.js';
import type { LoadedFile } from './files.js';
import type { Adoption, PlanStep } from './plan.js';

/** `previous-kept`: an adoption kept the item's old key as the previous key and has not yet written the new one. */
export type ApplyStep = WriteStep | 'previous-kept' | 'stored' | 'verified';

export interface ApplyOptions {
  store: SecretStore;
  /**
   * The keychain's items (account → password), read once per run with `list()`: asking `get` for
   * each profile first would make the Secret Service adapter probe the lock state per miss.
   * Items this run stores are added to it.
   */
  existing: Map<string, string>;
  now: Date;
  /** The credential_process value for a profile whose key is in keychain item `account`. */
  shimLine: (profile: string, account: string) => string;
  onStep?: (step: ApplyStep, profile?: string) => void;
  /** The previous-key and session stores, needed only when a step adopts a new key. */
  kinds?: KindStores;
}

const KEYCHAIN_DOWN = new Set(['keychain-locked', 'keychain-unavailable', 'keychain-timeout']);

export interface StepFailure {
  step: PlanStep;
  error: KeywardError;
}

/** A step whose key is safely in the keychain, and the item that holds it. */
export interface Stored {
  step: PlanStep;
  account: string;
  /** False when an item of this section already held this key (a re-run after a crash), or for an adoption. */
  created: boolean;
  /** For an adoption: the redacted key ID the item held before (kept as the previous key). */
  replaced?: string;
}

/** Stores each step's key, then rewrites the file for the steps whose key is safely stored. */
export async function applyFile(file: LoadedFile, steps: PlanStep[], options: ApplyOptions): Promise<{ done: Stored[]; failed: StepFailure[] }> {
  const done: Stored[] = [];
  const failed: StepFailure[] = [];
  for (const step of steps) {
    try {
      done.push(await storeAndVerify(step, options));
      options.onStep?.('stored', step.profile);
    } catch (error) {
      // A keychain that is locked or unreachable fails every profile alike: stop the whole run.
      if (!(isKeywardError(error)) || KEYCHAIN_DOWN.has(error.code)) throw await undo(done, options, error);
      failed.push({ step, error });
    }
  }
  if (done.length === 0) return { done, failed };
  const text = rewrite(file.doc, done, options.shimLine);
  try {
    verifyRewrite(file.doc, text, done, options.shimLine);
    options.onStep?.('verified');
    writeFileAtomic(file.path, text, { expected: file.text, onStep: (s) => options.onStep?.(s) });
  } catch (error) {
    // A concurrent writer: the caller reads and plans again, and finds these items to reuse.
    if (isKeywardError(error) && error.code === 'file-changed-during-write') throw error;
    throw await undo(done, options, error);
  }
  await forgetSessions(done, options);
  return { done, failed };
}

/**
 * The file keeps its keys when the run stops after storing some: delete the items this run
 * created, so nothing stays behind that the message does not mention; say exactly what remains.
 */
async function undo(done: Stored[], options: ApplyOptions, error: unknown): Promise<unknown> {
  const created = done.filter((d) => d.created);
  if (created.length === 0) return error;
  const left: string[] = [];
  for (const { account } of created) {
    try {
      if (await options.store.delete(account)) options.existing.delete(account);
    } catch {
      left.push(account);
    }
  }
  const note = left.length === 0
    ? `The keys stay in ${done[0]?.step.file}; the keychain items this run had stored were deleted again.`
    : `The keys stay in ${done[0]?.step.file}; these keychain items this run stored could not be deleted again: ${left.map((a) => `'${a}'`).join(', ')} — delete them in your keychain tool.`;
  if (!isKeywardError(error)) return error;
  return new KeywardError(error.code, error.message, `${error.hint.replace(/;? ?nothing was changed\.?$/i, '.')} ${note}`.trim(), { cause: error });
}

/** Sessions cached for an adopted profile were signed with the key it no longer uses. */
async function forgetSessions(done: Stored[], options: ApplyOptions): Promise<void> {
  // Also on a re-run that finds the new key already stored: the run it finishes did not get this far.
  for (const { step, account } of done) {
    if (!step.adopt || !options.kinds) continue;
    try {
      await forgetSession(options.kinds, account);
    } catch {
      // The key is safely adopted; a session left behind expires on its own within its duration.
    }
  }
}

/** Stores the step's key under an account no other section owns, and reads it back. */
async function storeAndVerify(step: PlanStep, options: ApplyOptions): Promise<Stored> {
  const bad = unstorableName(step.profile);
  if (bad) {
    throw new KeywardError('profile-invalid', `the profile name ${JSON.stringify(step.profile)} ${bad}`,
      `Rename the profile (in ${step.file} and wherever AWS_PROFILE or --profile names it), then run again; this profile was left alone.`);
  }
  if (step.adopt) return adopt(step, step.adopt, options);
  for (const account of accountCandidates(step.profile, step.file)) {
    const existing = options.existing.get(account);
    if (existing === undefined) return { step, account, created: await storeNew(step, account, options) };
    const item = decodeItem(existing, account);
    // Another section's item (another file with this profile name): never overwrite it.
    if (item.source.file !== step.file || item.source.section !== step.section.header) continue;
    if (sameKey(item, step)) return { step, account, created: false };
    throw new KeywardError('keychain-readback-mismatch',
      `the keychain already holds a different key for profile '${step.profile}' of ${step.file} (item '${account}')`,
      `Run \`${commandToShow(['keyward', 'restore', '--profile', step.profile])}\` or delete that item first; ${step.file} was not changed.`);
  }
  throw new KeywardError('keychain-readback-mismatch', `every keychain item keyward would use for profile '${step.profile}' belongs to another file`,
    `Run 'keyward restore' for the other files' profiles of this name first; ${step.file} was not changed.`);
}

/**
 * Replaces the key in the item keyward's line names with the step's key: the item it held is kept
 * as the previous key (read back) before the new one is written (read back). A re-run after a
 * crash finds the new key already stored and only rewrites the file. Never undone: the item then
 * holds the key the file still holds, which the AWS CLI uses anyway.
 */
async function adopt(step: PlanStep, target: Adoption, options: ApplyOptions): Promise<Stored> {
  const { account } = target;
  const current = options.existing.get(account);
  if (current !== undefined) {
    const item = decodeItem(current, account);
    if (sameKey(item, step)) return { step, account, created: false };
    if (!options.kinds) throw new KeywardError('internal', 'adopting a key needs the previous-key store');
    await keepPrevious(options.kinds, account, current, step.profile,
      commandToShow(['keyward', 'remove', '--profile', step.profile, '--previous']));
    options.onStep?.('previous-kept', step.profile);
  }
  // The item stays owned by the section whose line names it; restore puts the key lines back there.
  const sameSection = target.file === step.file && target.section === step.section.header;
  await storeNew(step, account, options, { file: target.file, section: target.section, ...(sameSection && { lines: step.lines }) });
  return { step, account, created: false, replaced: current === undefined ? 'none' : redact(decodeItem(current, account).AccessKeyId) };
}

async function storeNew(step: PlanStep, account: string, options: ApplyOptions,
  source: ItemSource = { file: step.file, section: step.section.header, lines: step.lines }): Promise<true> {
  const item: CredentialItem = {
    v: 1, AccessKeyId: step.accessKeyId, SecretAccessKey: step.secretAccessKey,
    createdAt: options.now.toISOString(), source,
  };
  const password = encodeItem(item);
  await options.store.set(account, password);
  options.existing.set(account, password);
  const back = await options.store.get(account);
  if (back === null || !sameKey(decodeItem(back, account), step)) {
    throw new KeywardError('keychain-readback-mismatch',
      `the keychain did not return the key just stored for profile '${step.profile}'`,
      `The key stays in ${step.file}; check the keychain and run again.`);
  }
  return true;
}

function sameKey(item: CredentialItem, step: PlanStep): boolean {
  return item.AccessKeyId === step.accessKeyId && item.SecretAccessKey === step.secretAccessKey && item.SessionToken === undefined;
}

function findSection(doc: Document, header: string): Section {
  const section = doc.sections.find((s) => s.header === header);
  if (!section) throw new KeywardError('internal', `section [${header}] vanished during the rewrite`);
  return section;
}

function rewrite(doc: Document, stored: Stored[], shimLine: ApplyOptions['shimLine']): string {
  // An adopted key's profile keeps the line it has.
  return editSections(doc, stored.map(({ step, account }) => ({
    section: findSection(doc, step.section.header),
    edit: { remove: step.remove, insert: step.adopt ? [] : [`credential_process = ${shimLine(step.profile, account)}`] },
  })));
}

/**
 * Reads the new text back the way botocore will and checks that exactly the intended keys
 * changed. Nothing is written when this fails.
 */
function verifyRewrite(original: Document, text: string, stored: Stored[], shimLine: ApplyOptions['shimLine']): void {
  const after = parse(text, original.kind);
  const expected = rawConfig(original);
  for (const { step, account } of stored) {
    const settings = new Map(expected.get(step.section.header));
    for (const key of step.remove) settings.delete(key);
    if (!step.adopt) settings.set('credential_process', shimLine(step.profile, account));
    expected.set(step.section.header, settings);
  }
  if (after.diagnostics.length > 0 || !sameSettings(rawConfig(after), expected)) {
    throw new KeywardError('internal', `the rewrite of ${stored[0]?.step.file ?? 'a file'} would change more than the key lines`,
      'Nothing was written. Please report this with the file layout (not its keys).');
  }
}
