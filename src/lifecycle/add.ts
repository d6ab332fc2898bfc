// `keyward add`: a key the user types (or pipes) goes straight into the keychain, and the
// profile's credential_process line into the config file, through migrate's machinery: the
// per-user lock, the item read back before any file changes, a verified atomic rewrite. The key
// never touches a file, argv or the environment.
import fs from 'node:fs';
import path from 'node:path';
import { appendSection, editSections } from '../awsconfig/edit.js';
import { profileViews, sectionRole } from '../awsconfig/profiles.js';
import { shellQuote } from '../awsconfig/shlex.js';
import type { Context } from '../context.js';
import { commandToShow } from '../display.js';
import { KeywardError } from '../errors.js';
import { installLauncher } from '../launcher/install.js';
import { parseCredentialProcessLine } from '../launcher/line.js';
import { loadAwsFiles } from '../migrate/files.js';
import type { LoadedFile } from '../migrate/files.js';
import { withFilesLock } from '../migrate/lock.js';
import { shimLineFor } from '../migrate/run.js';
import { writeVerified } from '../migrate/write.js';
import { redact } from '../redact.js';
import { unstorableName } from '../secrets/account.js';
import { decodeItem, encodeItem } from '../secrets/item.js';
import { forgetSession } from '../secrets/kinds.js';
import type { LifecycleStores } from './stores.js';

export interface NewKey {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface AddResult {
  profile: string;
  /** The config file the line went into, and its section (created when `createdSection`). */
  file: string;
  section: string;
  createdSection: boolean;
  account: string;
  /** Redacted. */
  accessKeyId: string;
}

const KEY_ID = /^AKIA[A-Z2-7]{16}$/;
const SECRET = /^[A-Za-z0-9/+]{40}$/;

/** Checks the pair's shape; the message never holds the secret (nor the whole key ID). */
export function checkKey(key: NewKey): void {
  if (!KEY_ID.test(key.accessKeyId)) {
    throw new KeywardError('usage', `the access key ID ${key.accessKeyId.length >= 16 ? redact(key.accessKeyId) : ''} is not a long-term AWS key ID`.replace('  ', ' '),
      'A long-term key ID is AKIA followed by 16 capital letters or digits 2-7 (IAM console, Security credentials); nothing was changed.');
  }
  if (!SECRET.test(key.secretAccessKey)) {
    throw new KeywardError('usage', `the secret access key is not 40 characters of A-Z, a-z, 0-9, / and + (it has ${key.secretAccessKey.length})`,
      'Paste the secret exactly as IAM showed it, without spaces or quotes; nothing was changed.');
  }
}

export async function addKey(ctx: Context, stores: LifecycleStores, profile: string, key: NewKey): Promise<AddResult> {
  checkKey(key);
  const bad = unstorableName(profile) ?? (profile.trim() === '' || /[\r\n[\]]/.test(profile) ? 'cannot be a section name in the config file' : undefined);
  if (bad) throw new KeywardError('usage', `the profile name ${JSON.stringify(profile)} ${bad}`, 'Choose another name; nothing was changed.');
  return withFilesLock(ctx, async () => {
    const files = loadAwsFiles(ctx.env, ctx.home);
    refuseExisting(files.config, files.credentials, profile);
    const account = profile;
    if ((await stores.key.get(account)) !== null) throw itemExists(profile, account);
    const line = `credential_process = ${shimLineFor(ctx)(profile, account)}`;
    const { text, header, created } = withLine(files.config, profile, line);
    installLauncher({ env: ctx.env, home: ctx.home });
    await storeNew(stores, account, key, { file: files.config.path, section: header }, ctx.now());
    try {
      fs.mkdirSync(path.dirname(files.config.path), { recursive: true, mode: 0o700 });
      writeVerified(files.config, text, (expected) => {
        const settings = new Map(expected.get(header));
        settings.set('credential_process', line.slice('credential_process = '.length));
        expected.set(header, settings);
      });
    } catch (error) {
      // The config still does not name the item: take it out again rather than leave an orphan.
      await stores.key.delete(account).catch(() => false);
      throw error;
    }
    await forgetSession(stores, account).catch(() => undefined);
    return { profile, file: files.config.path, section: header, createdSection: created, account, accessKeyId: redact(key.accessKeyId) };
  });
}

/** A profile that already has credentials keeps them: add never replaces a key silently. */
function refuseExisting(config: LoadedFile, credentials: LoadedFile, profile: string): void {
  const view = profileViews(config, credentials).get(profile);
  if (!view) return;
  const id = view.settings.get('aws_access_key_id');
  if (id && typeof id.value === 'string' && id.value !== '') {
    throw new KeywardError('usage', `profile '${profile}' already has a key in plaintext in ${id.file.path}`,
      `Run \`${commandToShow(['keyward', 'migrate', '--profile', profile])}\` to move that key into the keychain; nothing was changed.`);
  }
  const process = view.settings.get('credential_process');
  if (process && typeof process.value === 'string') {
    if (parseCredentialProcessLine(process.value)) {
      throw new KeywardError('usage', `profile '${profile}' already keeps its key in the keychain (keyward's line in ${process.file.path})`,
        `To replace that key, run \`${commandToShow(['keyward', 'rotate', '--profile', profile])}\`, or \`${commandToShow(['keyward', 'remove', '--profile', profile, '--from-files'])}\` first and add again; nothing was changed.`);
    }
    throw new KeywardError('usage', `profile '${profile}' already gets its credentials from a credential_process in ${process.file.path}`,
      'Remove that line (or choose another profile name) and run again; nothing was changed.');
  }
  for (const other of ['role_arn', 'sso_session', 'sso_start_url']) {
    const setting = view.settings.get(other);
    if (setting) {
      throw new KeywardError('usage', `profile '${profile}' gets its credentials through ${other} (${setting.file.path}), which the AWS CLI uses before a credential_process`,
        'Add the key under another profile name (a role profile can name it as source_profile); nothing was changed.');
    }
  }
}

function itemExists(profile: string, account: string): KeywardError {
  return new KeywardError('usage', `the keychain already holds a keyward item '${account}' that no line of profile '${profile}' names`,
    `Run \`${commandToShow(['keyward', 'remove', '--profile', profile])}\` to delete it first (or \`${commandToShow(['keyward', 'restore', '--profile', profile])}\` if it is the key you want); nothing was changed.`);
}

async function storeNew(stores: LifecycleStores, account: string, key: NewKey, source: { file: string; section: string }, now: Date): Promise<void> {
  const password = encodeItem({ v: 1, AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey, createdAt: now.toISOString(), source });
  await stores.key.set(account, password);
  const back = await stores.key.get(account);
  const item = back === null ? undefined : decodeItem(back, account);
  if (item?.AccessKeyId !== key.accessKeyId || item.SecretAccessKey !== key.secretAccessKey) {
    await stores.key.delete(account).catch(() => false);
    throw new KeywardError('keychain-readback-mismatch', `the keychain did not return the key just stored for profile '${account}'`,
      'Check the keychain and run again; no file was changed.');
  }
}

/** The config text with the line in the profile's section, appended (with a new section) when it has none. */
function withLine(config: LoadedFile, name: string, line: string): { text: string; header: string; created: boolean } {
  const existing = config.doc.sections.filter((s) => {
    const role = sectionRole(s.header, 'config');
    return role.kind === 'profile' && role.name === name;
  });
  // botocore uses the last section of a name (build_profile_map).
  const section = existing[existing.length - 1];
  if (section) return { text: editSections(config.doc, [{ section, edit: { remove: [], insert: [line] } }]), header: section.header, created: false };
  const header = name === 'default' ? 'default' : `profile ${/^[\w\-@+.%:/]+$/.test(name) ? name : shellQuote(name)}`;
  const role = sectionRole(header, 'config');
  if (role.kind !== 'profile' || role.name !== name) {
    throw new KeywardError('usage', `the profile name ${JSON.stringify(name)} cannot be written as a config section the AWS CLI reads back`,
      'Choose another name; nothing was changed.');
  }
  return { text: appendSection(config.doc, header, [line]), header, created: true };
}
