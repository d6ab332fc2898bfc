// The credential_process output format, version 1:
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html
import type { CredentialItem } from '../secrets/item.js';

export interface ProcessCredentials {
  Version: 1;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken?: string;
  Expiration?: string;
}

/** Only the fields the AWS CLI and SDKs read; keyward's own fields (source, createdAt) stay in the keychain. */
export function toProcessCredentials(item: CredentialItem): ProcessCredentials {
  const out: ProcessCredentials = {
    Version: 1,
    AccessKeyId: item.AccessKeyId,
    SecretAccessKey: item.SecretAccessKey,
  };
  if (item.SessionToken !== undefined) out.SessionToken = item.SessionToken;
  if (item.Expiration !== undefined) out.Expiration = item.Expiration;
  return out;
}

export function formatProcessCredentials(item: CredentialItem): string {
  return `${JSON.stringify(toProcessCredentials(item))}\n`;
}
