// sts:GetSessionToken, signed with the profile's stored key. The SDK is loaded here only, on a
// cache miss. Endpoint rules are the SDK's own, for this profile: AWS_ENDPOINT_URL_STS,
// endpoint_url and [services] sections, use_fips_endpoint, sts_regional_endpoints (`profile`).
// Credentials are given explicitly: the SDK must never resolve this profile's own
// credential_process, which is this shim.
import fs from 'node:fs';
import { KeywardError, isKeywardError } from '../errors.js';
import type { StsCredentials } from './cache.js';

export interface SessionTokenRequest {
  profile: string;
  key: { AccessKeyId: string; SecretAccessKey: string };
  region?: string;
  caBundle?: string;
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
  // The shim's stderr is the AWS CLI's error text: no ten-line notice about future node versions in it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { STSClient, GetSessionTokenCommand } = await import('@aws-sdk/client-sts');
  const client = new STSClient({
    profile: request.profile,
    // GetSessionToken works in every region; without one, the global endpoint's.
    region: request.region ?? 'us-east-1',
    credentials: { accessKeyId: request.key.AccessKeyId, secretAccessKey: request.key.SecretAccessKey },
    maxAttempts: 2,
    ...(request.caBundle ? { requestHandler: { httpsAgent: { ca: readCaBundle(request.caBundle) } } } : {}),
  });
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

function readCaBundle(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new KeywardError('sts-failed', `cannot read the CA bundle ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'Fix ca_bundle / AWS_CA_BUNDLE.');
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
