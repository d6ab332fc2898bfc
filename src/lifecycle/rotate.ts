// keyward rotate: a new IAM access key for a profile, created and verified with AWS, promoted in
// the keychain, the old one deactivated (and deleted with --delete-old or after the policy's
// rotation_grace_days). Journaled (journal.ts): a run killed at any step is finished — or, before
// the new key is safely stored, undone — by the next. The profile's only working key is never
// deleted: the old key goes only after the new one is verified and promoted.
import { AwsCallError } from '../aws/clients.js';
import type { IamApi } from '../aws/clients.js';
import type { Context } from '../context.js';
import { commandToShow } from '../display.js';
import { KeywardError } from '../errors.js';
import { withFilesLock } from '../migrate/lock.js';
import { redact, redactText } from '../redact.js';
import type { CredentialItem } from '../secrets/item.js';
import { journalPath, readJournal, removeJournal, writeJournal } from './journal.js';
import type { RotateJournal } from './journal.js';
import { advance, conflict, deactivate, finish, promote, stopped, verify } from './rotate-steps.js';
import type { RotateRun } from './rotate-steps.js';
import { credentialsOf, openStores, readItem, realOpeners, rotateTarget, storeItem } from './rotate-target.js';
import type { AwsOpeners, Stores } from './rotate-target.js';

export interface RotateOptions {
  profile: string;
  deleteOld: boolean;
  /** Policy rotation_grace_days: a previous key Inactive in IAM for longer is deleted. */
  graceDays: number;
  onStep?: (step: string) => void;
  /** Called once the profile's item holds the new key (and again when a resumed run finishes). */
  promoted?: (account: string) => Promise<unknown>;
  retry?: { attempts: number; delayMs: number };
  stores?: Stores;
  aws?: AwsOpeners;
}

export interface RotateResult {
  profile: string;
  oldKeyId: string;
  newKeyId: string;
  oldKey: 'deactivated' | 'deleted';
  /** An unfinished rotation was finished (true) or undone before this one (`'rolled-back'`). */
  resumed: boolean | 'rolled-back';
  /** Previous keys deleted in IAM because their grace period was over. */
  graceDeleted: string[];
}

const DAY_MS = 86_400_000;

export function rotate(ctx: Pick<Context, 'env' | 'home' | 'now'>, options: RotateOptions): Promise<RotateResult> {
  const target = rotateTarget(ctx, options.profile);
  const run: RotateRun = {
    target, stores: options.stores ?? openStores(ctx), aws: options.aws ?? realOpeners(ctx),
    journalFile: journalPath(ctx.env, ctx.home, target.account), now: ctx.now,
    onStep: options.onStep ?? (() => undefined), retry: options.retry ?? { attempts: 8, delayMs: 2000 },
    promoted: options.promoted ?? (async () => undefined),
  };
  // The same lock as migrate/restore: none of them may rewrite this profile's items meanwhile.
  return withFilesLock(ctx, () => rotateLocked(run, options));
}

async function rotateLocked(run: RotateRun, options: RotateOptions): Promise<RotateResult> {
  const { profile } = run.target;
  let journal = readJournal(run.journalFile);
  let resumed: RotateResult['resumed'] = journal !== undefined;
  let graceDeleted: string[] = [];
  if (journal?.step === 'started') {
    journal = await settleStarted(run, journal);
    if (!journal) resumed = 'rolled-back';
  }
  if (!journal) {
    const old = await currentKey(run);
    // --delete-old retires the previous key of an earlier rotation too, grace period or not.
    graceDeleted = await retirePrevious(run, old, options.deleteOld ? 0 : options.graceDays);
    journal = await start(run, old, options.deleteOld);
  }
  if (options.deleteOld && !journal.deleteOld) journal = advance(run, journal, journal.step, { deleteOld: true });
  if (journal.step === 'created') journal = await verify(run, journal);
  if (journal.step === 'verified') journal = await promote(run, journal);
  if (journal.step === 'promoted') journal = await deactivate(run, journal);
  // A run killed after promotion left a running agent with the old key: tell it again.
  if (resumed === true) await run.promoted(run.target.account);
  const oldKey = await finish(run, journal);
  return { profile, oldKeyId: journal.oldKeyId, newKeyId: journal.newKeyId ?? '', oldKey, resumed, graceDeleted };
}

async function currentKey(run: RotateRun): Promise<CredentialItem> {
  const item = await readItem(run.stores.key, run.target.account);
  if (!item) {
    throw new KeywardError('keychain-item-missing', `the keychain holds no key for profile '${run.target.profile}'`,
      `Store one with \`${commandToShow(['keyward', 'migrate', '--profile', run.target.profile])}\` first.`);
  }
  if (!item.AccessKeyId.startsWith('AKIA') || item.SessionToken) {
    throw new KeywardError('usage', `profile '${run.target.profile}' holds temporary credentials (${redact(item.AccessKeyId)}), which IAM cannot rotate`,
      'Rotate the long-term key they come from instead.');
  }
  return item;
}

/** Refuses to start while the user has two keys: naming each and when it was last used. */
async function checkRoom(iam: IamApi, old: CredentialItem, profile: string, previousId: string | undefined): Promise<void> {
  const keys = await iam.listAccessKeys();
  if (keys.length < 2) return;
  const described = await Promise.all(keys.map(async (k) => {
    const used = await iam.lastUsed(k.id).catch(() => undefined);
    const whose = k.id === old.AccessKeyId ? 'this profile\'s' : k.id === previousId ? 'its previous' : 'the other';
    return `${redact(k.id)} (${whose}, ${k.status.toLowerCase()}, ${used ? `last used ${used.toISOString().slice(0, 10)}` : 'never used'})`;
  }));
  const other = keys.find((k) => k.id !== old.AccessKeyId);
  const hint = other?.id === previousId
    ? `The other is this profile's previous key, kept for rotation_grace_days: \`${commandToShow(['keyward', 'rotate', '--profile', profile, '--delete-old'])}\` deletes it now and rotates.`
    : other ? `If the other key is not needed, delete it (\`${commandToShow(['aws', 'iam', 'delete-access-key', '--access-key-id', other.id])}\`), then run keyward rotate again.` : '';
  throw stopped(`the IAM user already has two access keys, the most IAM allows: ${described.join(' and ')}`, hint);
}

/** Records the start, creates the key in IAM, stores it as the pending item (read back). */
async function start(run: RotateRun, old: CredentialItem, deleteOld: boolean): Promise<RotateJournal> {
  const sts = await run.aws.sts(run.target, credentialsOf(old));
  const who = await sts.callerIdentity().catch(refused(run));
  if (!/^arn:aws[\w-]*:iam::\d{12}:user\//.test(who.arn)) {
    throw new KeywardError('usage', `the key of profile '${run.target.profile}' is not an IAM user's (${who.arn})`, 'keyward rotates IAM users\' access keys only.');
  }
  const iam = await run.aws.iam(run.target, credentialsOf(old));
  const previous = await readItem(run.stores.previous, run.target.account);
  await checkRoom(iam, old, run.target.profile, previous?.AccessKeyId).catch(refused(run));
  if (previous && previous.AccessKeyId !== old.AccessKeyId) {
    // retirePrevious kept it: it still works and is not this IAM user's. The new previous item would replace it.
    throw stopped(`profile '${run.target.profile}' still keeps a previous key, ${redact(previous.AccessKeyId)}, that works but is not this IAM user's`,
      `Retire it first (\`${commandToShow(['keyward', 'remove', '--profile', run.target.profile, '--previous'])}\`; it stays valid in AWS until deleted there), then run keyward rotate again.`);
  }
  let journal: RotateJournal = { v: 1, profile: run.target.profile, account: run.target.account, step: 'started',
    oldKeyId: old.AccessKeyId, userArn: who.arn, startedAt: run.now().toISOString(), deleteOld };
  writeJournal(run.journalFile, journal);
  run.onStep('journal-started');
  const created = await iam.createAccessKey().catch(refused(run, () => removeJournal(run.journalFile)));
  run.onStep('created-in-iam');
  const item: CredentialItem = { v: 1, AccessKeyId: created.id, SecretAccessKey: created.secret, createdAt: run.now().toISOString(), source: old.source };
  try {
    await storeItem(run.stores.pending, run.target.account, item, 'new key');
  } catch (error) {
    await iam.deleteAccessKey(created.id);
    removeJournal(run.journalFile);
    throw error;
  }
  run.onStep('pending-stored');
  journal = advance(run, journal, 'created', { newKeyId: created.id });
  return journal;
}

/**
 * A run killed after `started`: if the new key reached the keychain, carry on from there; if not,
 * its secret is lost, so delete in IAM any key created since the start that the keychain does not
 * hold (never the profile's key) and begin again.
 */
async function settleStarted(run: RotateRun, journal: RotateJournal): Promise<RotateJournal | undefined> {
  const pending = await readItem(run.stores.pending, run.target.account);
  if (pending && pending.AccessKeyId !== journal.oldKeyId) return advance(run, journal, 'created', { newKeyId: pending.AccessKeyId });
  const old = await currentKey(run);
  if (old.AccessKeyId !== journal.oldKeyId) throw conflict(run, 'it holds another key than the rotation started from');
  const iam = await run.aws.iam(run.target, credentialsOf(old));
  const since = Date.parse(journal.startedAt) - 5 * 60_000; // clocks differ: AWS's CreateDate vs ours
  for (const key of await iam.listAccessKeys()) {
    if (key.id !== old.AccessKeyId && (key.created?.getTime() ?? Infinity) >= since) await iam.deleteAccessKey(key.id);
  }
  run.onStep('orphan-deleted');
  removeJournal(run.journalFile);
  return undefined;
}

/**
 * A previous key retired by an earlier rotation: once Inactive in IAM for longer than the grace
 * period it is deleted there; once IAM no longer has it, the item is forgotten.
 */
async function retirePrevious(run: RotateRun, current: CredentialItem, graceDays: number): Promise<string[]> {
  const previous = await readItem(run.stores.previous, run.target.account);
  if (!previous || previous.AccessKeyId === current.AccessKeyId) return [];
  const iam = await run.aws.iam(run.target, credentialsOf(current));
  const inIam = (await iam.listAccessKeys().catch(refused(run))).find((k) => k.id === previous.AccessKeyId);
  const expired = run.now().getTime() - Date.parse(previous.createdAt) >= graceDays * DAY_MS;
  if (inIam && !(inIam.status === 'Inactive' && expired)) return [];
  // Not this user's key (an adopted key of another account?) yet still working: never dropped here.
  if (!inIam && await stillWorks(run, previous)) return [];
  if (inIam) await iam.deleteAccessKey(inIam.id);
  await run.stores.previous.delete(run.target.account);
  run.onStep('previous-retired');
  return inIam ? [inIam.id] : [];
}

/** Whether STS still accepts a key; a refusal of the key itself means it is dead. */
async function stillWorks(run: RotateRun, item: CredentialItem): Promise<boolean> {
  try {
    await (await run.aws.sts(run.target, credentialsOf(item))).callerIdentity();
    return true;
  } catch (error) {
    if (error instanceof AwsCallError && ['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken'].includes(error.code)) return false;
    throw error;
  }
}

/** An AWS refusal of the stored key, as one line the user can act on. */
function refused(run: RotateRun, cleanup?: () => void) {
  return (error: unknown): never => {
    cleanup?.();
    if (!(error instanceof AwsCallError)) throw error;
    const where = run.target.iam.endpoint ? ` at ${run.target.iam.endpoint}` : '';
    throw stopped(`AWS${where} refused the call for profile '${run.target.profile}': ${error.code}${error.status ? ` (HTTP ${error.status})` : ''}: ${redactText(error.message)}`,
      'Check the key is active and the IAM user may manage its own keys (README: keyward rotate); nothing was changed.');
  };
}
