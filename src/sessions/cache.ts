// The session cache: one keychain item of kind `session` per profile (same account as its key),
// never a file. A cached session is handed out again while more than REUSE_MARGIN remains:
// botocore refreshes 15 minutes before expiry (the JS SDK 5), so handing out less would make
// every request run the shim again.
import { decodeItem, encodeItem } from '../secrets/item.js';
import type { CredentialItem } from '../secrets/item.js';

export const REUSE_MARGIN_MS = 15 * 60 * 1000;

/** A session item: a credential item with a token and expiry, and the MFA device it was made with. */
export interface SessionItem extends CredentialItem {
  SessionToken: string;
  Expiration: string;
  /** The mfa_serial the session was obtained with; absent for a session without MFA. */
  mfaSerial?: string;
}

export interface StsCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: Date;
}

/** The cached item, or undefined when there is none or it is not a session item (a corrupt one is replaced). */
export function decodeSession(password: string | null, account: string): SessionItem | undefined {
  if (password === null) return undefined;
  try {
    const item = decodeItem(password, account) as SessionItem;
    return item.SessionToken && item.Expiration ? item : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a cached session may be handed out at `now`: more than the margin left, and made with
 * the MFA device the profile names now (a session without MFA cannot stand in for one with it).
 */
export function isReusable(item: SessionItem | undefined, now: Date, mfaSerial: string | undefined): item is SessionItem {
  if (!item) return false;
  const expires = Date.parse(item.Expiration);
  if (!Number.isFinite(expires) || expires - now.getTime() <= REUSE_MARGIN_MS) return false;
  return (item.mfaSerial ?? undefined) === (mfaSerial ?? undefined);
}

/** The item to cache for credentials from STS, keeping the key item's source. */
export function sessionItem(creds: StsCredentials, key: CredentialItem, now: Date, mfaSerial: string | undefined): SessionItem {
  const item: SessionItem = {
    v: 1, AccessKeyId: creds.AccessKeyId, SecretAccessKey: creds.SecretAccessKey, SessionToken: creds.SessionToken,
    Expiration: creds.Expiration.toISOString(), createdAt: now.toISOString(), source: { file: key.source.file, section: key.source.section },
  };
  if (mfaSerial) item.mfaSerial = mfaSerial;
  return item;
}

export const encodeSession = (item: SessionItem): string => encodeItem(item);
