// sts:GetSessionToken, signed with the profile's stored key. The SDK is loaded here only, on a
// cache miss. Where the call goes and how is what keyward's other AWS calls use (aws/settings.ts,
// aws/client-config.ts): AWS_ENDPOINT_URL_STS, [services] and endpoint_url, region,
// use_fips_endpoint, ca_bundle/AWS_CA_BUNDLE and HTTPS_PROXY/NO_PROXY, which the JS SDK alone
// ignores and the AWS CLI honours. Credentials are given explicitly: the SDK must never resolve
// this profile's own credential_process, which is this shim.
import type { Env } from '../awsconfig/paths.js';
import { quietSdk, sdkClientConfig } from '../aws/client-config.js';
import type { AwsCallSettings } from '../aws/settings.js';
import { KeywardError, isKeywardError } from '../errors.js';
import type { StsCredentials } from './cache.js';

export interface SessionTokenRequest {
  profile: string;
  key: { AccessKeyId: string; SecretAccessKey: string };
  /** Where STS is, for this profile (aws/settings.ts resolveAwsSettings(…, 'sts')). */
  settings: AwsCallSettings;
  /** For the proxy variables. */
  env: Env;
  durationSeconds: number;
  mfa?: { serial: string; code: string };
}

/** The STS error for a refused MFA code (AWS: AccessDenied "MultiFactorAuthentication failed …"). */
export function isWrongCode(error: unknown): boolean {
  const e = error as { name?: unknown; Code?: unknown; message?: unknown } | null;
  const name = String(e?.name ?? e?.Code ?? '');
  return name === 'AccessDenied' && /multi ?factor|mfa/i.test(String(e?.message ?? ''));
}

export async function getSessionToken(request: SessionTokenRequest): Promise<StsCredentials> {
  quietSdk();
  const { STSClient, GetSessionTokenCommand } = await import('@aws-sdk/client-sts');
  const credentials = { accessKeyId: request.key.AccessKeyId, secretAccessKey: request.key.SecretAccessKey };
  const client = new STSClient(sdkClientConfig(request.profile, request.settings, request.env, credentials));
  try {
    const input = { DurationSeconds: request.durationSeconds, ...(request.mfa ? { SerialNumber: request.mfa.serial, TokenCode: request.mfa.code } : {}) };
    const out = await client.send(new GetSessionTokenCommand(input));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw new KeywardError('sts-failed', 'STS GetSessionToken returned no credentials', 'Try again; if it persists, set session_credentials = never for the profile.');
    }
    return { AccessKeyId: c.AccessKeyId, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken, Expiration: c.Expiration };
  } finally {
    client.destroy();
  }
}

/** One line for an STS failure that is not a wrong code: the service's error name and message, never the request. */
export function stsFailure(error: unknown): KeywardError {
  if (isKeywardError(error)) return error;
  const e = error as { name?: unknown; message?: unknown } | null;
  const message = String(e?.message ?? '').split('\n')[0]?.slice(0, 200) ?? '';
  return new KeywardError('sts-failed', `STS GetSessionToken failed (${String(e?.name ?? 'error')}: ${message})`,
    'Check the network and the key; `keyward policy` shows session_credentials (set it to never for this profile to hand out the key instead).');
}
