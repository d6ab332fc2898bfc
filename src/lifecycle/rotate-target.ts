// What a rotation works on: the profile's keychain account, its items of each kind, and where its
// IAM and STS calls go (aws/settings.ts, from the profile as botocore reads it).
import { profileViews } from '../awsconfig/profiles.js';
import { resolveAwsSettings } from '../aws/settings.js';
import type { AwsCallSettings } from '../aws/settings.js';
import { openIam, openSts } from '../aws/clients.js';
import type { Credentials, IamApi, StsApi } from '../aws/clients.js';
import type { Context } from '../context.js';
import { commandToShow } from '../display.js';
import { KeywardError } from '../errors.js';
import { loadAwsFiles } from '../migrate/files.js';
import { decodeItem, encodeItem } from '../secrets/item.js';
import type { CredentialItem } from '../secrets/item.js';
import type { ItemKind, SecretStore } from '../secrets/store.js';
import { keychainAccount } from '../sources/profiles.js';
import { openLifecycleStores } from './stores.js';

export interface RotateTarget {
  profile: string;
  account: string;
  iam: AwsCallSettings;
  sts: AwsCallSettings;
}

export type Stores = Record<ItemKind, SecretStore>;

/** How a rotation reaches AWS; tests of the command use the real ones against the emulator. */
export interface AwsOpeners {
  iam(target: RotateTarget, credentials: Credentials): Promise<IamApi>;
  sts(target: RotateTarget, credentials: Credentials): Promise<StsApi>;
}

export function realOpeners(ctx: Pick<Context, 'env'>): AwsOpeners {
  return {
    iam: (t, c) => openIam(t.profile, t.iam, ctx.env, c),
    sts: (t, c) => openSts(t.profile, t.sts, ctx.env, c),
  };
}

export function openStores(ctx: Pick<Context, 'env'>): Stores {
  return openLifecycleStores(ctx);
}

/** The profile's account and endpoints; a profile that is not keyward's is a usage error. */
export function rotateTarget(ctx: Pick<Context, 'env' | 'home'>, profile: string): RotateTarget {
  const files = loadAwsFiles(ctx.env, ctx.home);
  const view = profileViews(files.config, files.credentials).get(profile);
  if (!view) {
    throw new KeywardError('usage', `no profile named '${profile}' in ${files.all.map((f) => f.path).join(' or ')}`,
      'Check the spelling (`keyward status` lists the profiles); names with spaces or quotes need quoting in the shell.');
  }
  const account = keychainAccount(view);
  if (account === undefined) {
    throw new KeywardError('usage', `profile '${profile}' does not get its key from keyward`,
      `Run \`${commandToShow(['keyward', 'migrate', '--profile', profile])}\` first; rotate works on keys keyward holds.`);
  }
  const input = { profile, view, config: files.config, env: ctx.env, home: ctx.home };
  return { profile, account, iam: resolveAwsSettings(input, 'iam'), sts: resolveAwsSettings(input, 'sts') };
}

export async function readItem(store: SecretStore, account: string): Promise<CredentialItem | undefined> {
  const text = await store.get(account);
  return text === null ? undefined : decodeItem(text, account);
}

/** Stores an item and reads it back: a key leaves nothing behind until the keychain provably holds it. */
export async function storeItem(store: SecretStore, account: string, item: CredentialItem, what: string): Promise<void> {
  await store.set(account, encodeItem(item));
  const back = await readItem(store, account);
  if (back?.AccessKeyId !== item.AccessKeyId || back.SecretAccessKey !== item.SecretAccessKey) {
    throw new KeywardError('keychain-readback-mismatch', `the keychain did not return the ${what} just stored for '${account}'`,
      'Check the keychain and run `keyward rotate` again: it finishes or undoes this rotation.');
  }
}

export const credentialsOf = (item: CredentialItem): Credentials => ({ accessKeyId: item.AccessKeyId, secretAccessKey: item.SecretAccessKey });
