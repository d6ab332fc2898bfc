// The steps of a rotation after the new key exists: verify it, promote it, retire the old one.
// Each step is idempotent (a resumed run may repeat the last one) and ends by advancing the journal.
import { AwsCallError } from '../aws/clients.js';
import { KeywardError } from '../errors.js';
import { redact } from '../redact.js';
import { removeJournal, writeJournal } from './journal.js';
import type { RotateJournal, RotateStep } from './journal.js';
import { credentialsOf, readItem, storeItem } from './rotate-target.js';
import type { AwsOpeners, RotateTarget, Stores } from './rotate-target.js';

export interface RotateRun {
  target: RotateTarget;
  stores: Stores;
  aws: AwsOpeners;
  journalFile: string;
  now: () => Date;
  /** Observes each step (fault tests SIGKILL the process here). */
  onStep: (step: string) => void;
  /** Waits between tries while IAM propagates a new key. */
  retry: { attempts: number; delayMs: number };
  /** Called once the profile's item holds the new key (the CLI tells a running agent to read it again). */
  promoted: (account: string) => Promise<unknown>;
}

/** A rotation stopped for a reason the user must look at (exit 1, not an error of keyward's). */
export class RotationStopped extends KeywardError {}

export const stopped = (message: string, hint: string): RotationStopped => new RotationStopped('service-error', message, hint);

/** The keychain no longer matches the journal (something else changed the items): stop, change nothing more. */
export function conflict(run: RotateRun, what: string): KeywardError {
  return new KeywardError('keychain-readback-mismatch', `profile '${run.target.profile}' does not match its unfinished rotation: ${what}`,
    `Nothing more was changed. ${run.journalFile} names the keys involved (IDs only); check them with \`aws iam list-access-keys\`, fix the keychain items, delete that file and run keyward rotate again.`);
}

export function advance(run: RotateRun, journal: RotateJournal, step: RotateStep, extra: Partial<RotateJournal> = {}): RotateJournal {
  const next = { ...journal, ...extra, step };
  writeJournal(run.journalFile, next);
  run.onStep(`journal-${step}`);
  return next;
}

/** AWS refuses a key it has not finished propagating as if it did not exist. */
const NOT_YET = new Set(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'AuthFailure', 'UnrecognizedClientException']);

/** Runs `call` until AWS accepts the new key or the tries run out (bounded: `retry.attempts`). */
export async function whilePropagating<T>(run: RotateRun, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof AwsCallError) || !NOT_YET.has(error.code) || attempt >= run.retry.attempts) throw error;
      const wait = Math.min(run.retry.delayMs * 1.5 ** (attempt - 1), run.retry.delayMs * 4);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Deletes the new key in IAM (signed with the old one, which the profile still uses) and forgets it. */
export async function rollBack(run: RotateRun, journal: RotateJournal, newKeyId: string): Promise<void> {
  const current = await readItem(run.stores.key, run.target.account);
  if (!current || current.AccessKeyId !== journal.oldKeyId) throw conflict(run, 'it no longer holds the old key, so the new one is not rolled back');
  const iam = await run.aws.iam(run.target, credentialsOf(current));
  await iam.deleteAccessKey(newKeyId).catch((error: unknown) => {
    if (!(error instanceof AwsCallError && error.code === 'NoSuchEntity')) throw error;
  });
  run.onStep('rolled-back-in-iam');
  await run.stores.pending.delete(run.target.account);
  removeJournal(run.journalFile);
  run.onStep('rolled-back');
}

/** STS must accept the new key (after propagation) and name the same IAM user; otherwise roll back. */
export async function verify(run: RotateRun, journal: RotateJournal): Promise<RotateJournal> {
  const pending = await readItem(run.stores.pending, run.target.account);
  const newKeyId = journal.newKeyId ?? '';
  if (!pending || pending.AccessKeyId !== newKeyId) {
    await rollBack(run, journal, newKeyId);
    throw stopped(`the new key ${redact(newKeyId)} is no longer in the keychain; it was deleted in IAM and profile '${run.target.profile}' keeps its key`,
      'Run `keyward rotate` again to start over.');
  }
  let problem: string;
  try {
    const sts = await run.aws.sts(run.target, credentialsOf(pending));
    const who = await whilePropagating(run, () => sts.callerIdentity());
    if (who.arn === journal.userArn) return advance(run, journal, 'verified');
    problem = `it belongs to ${who.arn}, not ${journal.userArn}`;
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    problem = `STS refused it (${error.code}) after ${run.retry.attempts} tries`;
  }
  await rollBack(run, journal, newKeyId);
  throw stopped(`the new key ${redact(newKeyId)} did not work: ${problem}; it was deleted in IAM and profile '${run.target.profile}' keeps its key`,
    'Check the IAM user and its policies (README: keyward rotate), then run `keyward rotate` again.');
}

/** The profile's item becomes the new key; the old one is kept as the previous item; the cached session goes. */
export async function promote(run: RotateRun, journal: RotateJournal): Promise<RotateJournal> {
  const { account } = run.target;
  const current = await readItem(run.stores.key, account);
  if (current?.AccessKeyId === journal.oldKeyId) {
    const pending = await readItem(run.stores.pending, account);
    if (!pending || pending.AccessKeyId !== journal.newKeyId) throw conflict(run, 'the verified new key is missing from the keychain');
    // createdAt of the previous item is when it was retired: rotation_grace_days counts from there.
    await storeItem(run.stores.previous, account, { ...current, createdAt: run.now().toISOString() }, 'previous key');
    run.onStep('previous-stored');
    // The old item's source.lines are the plaintext lines of the old key: they must not follow the new one.
    const source = { file: current.source.file, section: current.source.section };
    await storeItem(run.stores.key, account, { ...pending, createdAt: run.now().toISOString(), source }, 'new key');
    run.onStep('key-promoted');
    await run.promoted(account);
  } else if (current?.AccessKeyId !== journal.newKeyId) {
    throw new KeywardError('keychain-readback-mismatch', `the keychain item of profile '${run.target.profile}' holds neither the old nor the new key`,
      `Something else changed it during the rotation; the journal ${run.journalFile} says which keys were involved.`);
  }
  await run.stores.pending.delete(account);
  run.onStep('pending-deleted');
  await run.stores.session.delete(account);
  run.onStep('session-deleted');
  return advance(run, journal, 'promoted');
}

async function newKeyIam(run: RotateRun, journal: RotateJournal) {
  const current = await readItem(run.stores.key, run.target.account);
  if (!current || current.AccessKeyId !== journal.newKeyId) throw conflict(run, 'it does not hold the new key, so the old one is left as it is in IAM');
  return run.aws.iam(run.target, credentialsOf(current));
}

const gone = (error: unknown): void => {
  if (!(error instanceof AwsCallError && error.code === 'NoSuchEntity')) throw error;
};

/** The old key goes Inactive in IAM (signed with the new key: the profile's only working key now). */
export async function deactivate(run: RotateRun, journal: RotateJournal): Promise<RotateJournal> {
  const iam = await newKeyIam(run, journal);
  await whilePropagating(run, () => iam.updateAccessKey(journal.oldKeyId, 'Inactive')).catch(gone);
  run.onStep('deactivated-in-iam');
  return advance(run, journal, 'deactivated');
}

/** With --delete-old: delete the old key in IAM and its previous item; then the rotation is over. */
export async function finish(run: RotateRun, journal: RotateJournal): Promise<'deleted' | 'deactivated'> {
  if (journal.deleteOld) {
    const iam = await newKeyIam(run, journal);
    await whilePropagating(run, () => iam.deleteAccessKey(journal.oldKeyId)).catch(gone);
    run.onStep('deleted-in-iam');
    const previous = await readItem(run.stores.previous, run.target.account);
    if (previous?.AccessKeyId === journal.oldKeyId) await run.stores.previous.delete(run.target.account);
    run.onStep('previous-deleted');
  }
  removeJournal(run.journalFile);
  run.onStep('done');
  return journal.deleteOld ? 'deleted' : 'deactivated';
}
