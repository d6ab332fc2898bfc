// The keychain item format (docs/architecture.md §3), versioned so a later keyward can still
// read items written by this one.
import { KeywardError } from '../errors.js';

export interface ItemSource {
  /** Absolute path of the file the key came from. */
  file: string;
  /** The section header it came from, without brackets (`profile dev`, `dev`). */
  section: string;
  /** The removed lines exactly as written, so `restore` can put them back byte for byte. */
  lines?: string[];
}

export interface CredentialItem {
  v: 1;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken?: string;
  Expiration?: string;
  /** ISO 8601 time the item was stored. */
  createdAt: string;
  source: ItemSource;
}

export function encodeItem(item: CredentialItem): string {
  return JSON.stringify(item);
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Decodes an item; a value that is not a v1 item throws `keychain-item-corrupt` (without its text). */
export function decodeItem(password: string, profile: string): CredentialItem {
  let data: unknown;
  try {
    data = JSON.parse(password);
  } catch {
    throw corrupt(profile);
  }
  if (!isItem(data)) throw corrupt(profile);
  return data;
}

function isItem(data: unknown): data is CredentialItem {
  if (typeof data !== 'object' || data === null) return false;
  const item = data as Record<string, unknown>;
  const source = item.source as Record<string, unknown> | undefined;
  return item.v === 1 && isText(item.AccessKeyId) && isText(item.SecretAccessKey) &&
    (item.SessionToken === undefined || isText(item.SessionToken)) &&
    (item.Expiration === undefined || isText(item.Expiration)) &&
    isText(item.createdAt) && typeof source === 'object' && source !== null &&
    isText(source.file) && typeof source.section === 'string' &&
    (source.lines === undefined || (Array.isArray(source.lines) && source.lines.every((l) => typeof l === 'string')));
}

function corrupt(profile: string): KeywardError {
  return new KeywardError('keychain-item-corrupt',
    `the keychain item for profile '${profile}' is not a keyward v1 item`,
    `Something other than keyward wrote it. Delete the item (service keyward, account '${profile}') in your keychain tool, put the profile's key back in its file, and run 'keyward migrate' again.`);
}
