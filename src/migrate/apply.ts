// Carries out a plan for one file as a transaction: every key is stored in the keychain and read
// back first; only then is the file rewritten (atomically, and only if nobody changed it since
// it was read). A crash at any point leaves each profile either as it was or fully migrated.
import { editSections } from '../awsconfig/edit.js';
import { commandToShow } from '../display.js';
import { parse } from '../awsconfig/parse.js';
import { rawConfig, sameSettings } from '../awsconfig/profiles.js';
import type { Document, Section } from '../awsconfig/document.js';
import { KeywardError } from '../errors.js';
import { writeFileAtomic } from '../fsutil/atomic-write.js';
import type { WriteStep } from '../fsutil/atomic-write.js';
import { decodeItem, encodeItem } from '../secrets/item.js';
import type { CredentialItem } from '../secrets/item.js';
import type { SecretStore } from '../secrets/store.js';
import type { LoadedFile } from './files.js';
import type { PlanStep } from './plan.js';

export type ApplyStep = WriteStep | 'stored' | 'verified';

export interface ApplyOptions {
  store: SecretStore;
  /**
   * The keychain's items (account → password), read once per run with `list()`: asking `get` for
   * each profile first would make the Secret Service adapter probe the lock state per miss.
   */
  existing: ReadonlyMap<string, string>;
  now: Date;
  /** The credential_process value for a profile. */
  shimLine: (profile: string) => string;
  onStep?: (step: ApplyStep, profile?: string) => void;
}

const KEYCHAIN_DOWN = new Set(['keychain-locked', 'keychain-unavailable', 'keychain-timeout']);

export interface StepFailure {
  step: PlanStep;
  error: KeywardError;
}

/** Stores each step's key, then rewrites the file for the steps whose key is safely stored. */
export async function applyFile(file: LoadedFile, steps: PlanStep[], options: ApplyOptions): Promise<{ done: PlanStep[]; failed: StepFailure[] }> {
  const done: PlanStep[] = [];
  const failed: StepFailure[] = [];
  for (const step of steps) {
    try {
      await storeAndVerify(step, options);
      options.onStep?.('stored', step.profile);
      done.push(step);
    } catch (error) {
      // A keychain that is locked or unreachable fails every profile alike: stop the whole run.
      if (!(error instanceof KeywardError) || KEYCHAIN_DOWN.has(error.code)) throw error;
      failed.push({ step, error });
    }
  }
  if (done.length === 0) return { done, failed };
  const text = rewrite(file.doc, done, options.shimLine);
  verifyRewrite(file.doc, text, done, options.shimLine);
  options.onStep?.('verified');
  writeFileAtomic(file.path, text, { expected: file.text, onStep: (s) => options.onStep?.(s) });
  return { done, failed };
}

async function storeAndVerify(step: PlanStep, options: ApplyOptions): Promise<void> {
  const existing = options.existing.get(step.profile);
  if (existing !== undefined) {
    const item = decodeItem(existing, step.profile);
    if (sameKey(item, step)) return;
    throw new KeywardError('keychain-readback-mismatch',
      `the keychain already holds a different key for profile '${step.profile}' (from ${item.source.file})`,
      `Run \`${commandToShow(['keyward', 'restore', '--profile', step.profile])}\` or delete that item first; ${step.file} was not changed.`);
  }
  const item: CredentialItem = {
    v: 1, AccessKeyId: step.accessKeyId, SecretAccessKey: step.secretAccessKey,
    createdAt: options.now.toISOString(),
    source: { file: step.file, section: step.section.header, lines: step.lines },
  };
  await options.store.set(step.profile, encodeItem(item));
  const back = await options.store.get(step.profile);
  if (back === null || !sameKey(decodeItem(back, step.profile), step)) {
    throw new KeywardError('keychain-readback-mismatch',
      `the keychain did not return the key just stored for profile '${step.profile}'`,
      `The key stays in ${step.file}; check the keychain and run again.`);
  }
}

function sameKey(item: CredentialItem, step: PlanStep): boolean {
  return item.AccessKeyId === step.accessKeyId && item.SecretAccessKey === step.secretAccessKey && item.SessionToken === undefined;
}

function findSection(doc: Document, header: string): Section {
  const section = doc.sections.find((s) => s.header === header);
  if (!section) throw new KeywardError('internal', `section [${header}] vanished during the rewrite`);
  return section;
}

function rewrite(doc: Document, steps: PlanStep[], shimLine: (profile: string) => string): string {
  return editSections(doc, steps.map((step) => ({
    section: findSection(doc, step.section.header),
    edit: { remove: step.remove, insert: [`credential_process = ${shimLine(step.profile)}`] },
  })));
}

/**
 * Reads the new text back the way botocore will and checks that exactly the intended keys
 * changed. Nothing is written when this fails.
 */
function verifyRewrite(original: Document, text: string, steps: PlanStep[], shimLine: (profile: string) => string): void {
  const after = parse(text, original.kind);
  const expected = rawConfig(original);
  for (const step of steps) {
    const settings = { ...expected[step.section.header] };
    for (const key of step.remove) delete settings[key];
    settings.credential_process = shimLine(step.profile);
    expected[step.section.header] = settings;
  }
  if (after.diagnostics.length > 0 || !sameSettings(rawConfig(after), expected)) {
    throw new KeywardError('internal', `the rewrite of ${steps[0]?.file ?? 'a file'} would change more than the key lines`,
      'Nothing was written. Please report this with the file layout (not its keys).');
  }
}
