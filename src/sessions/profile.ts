// What the shim needs from the AWS files for one profile's session: its MFA device and how to ask
// for a code, and where STS is. Read with the botocore view (awsconfig/profiles.ts), so keyward
// sees the profile exactly as the AWS CLI that spawned it does.
import path from 'node:path';
import { parse } from '../awsconfig/parse.js';
import { configPath, credentialsPath } from '../awsconfig/paths.js';
import type { Env } from '../awsconfig/paths.js';
import { profileViews } from '../awsconfig/profiles.js';
import type { SourceFile } from '../awsconfig/profiles.js';
import { readRegularFile } from '../fsutil/read-file.js';

export interface SessionProfile {
  /** `mfa_serial`: the MFA device's ARN (or a hardware token's serial number). */
  mfaSerial?: string;
  /** `mfa_process`: a command whose stdout is the code (aws-vault's convention). */
  mfaProcess?: string;
  region?: string;
  /** `ca_bundle` (AWS_CA_BUNDLE wins, as in botocore). */
  caBundle?: string;
}

function load(file: string, kind: 'config' | 'credentials'): SourceFile | undefined {
  const read = readRegularFile(file);
  if (!read.ok) return undefined;
  return { path: file, doc: parse(read.bytes.toString('utf8'), kind) };
}

/** The profile's session settings; a missing or unreadable file contributes nothing. */
export function readSessionProfile(env: Env, home: string, profile: string): SessionProfile {
  const views = profileViews(load(configPath(env, home), 'config'), load(credentialsPath(env, home), 'credentials'));
  const settings = views.get(profile)?.settings;
  const text = (key: string): string | undefined => {
    const value = settings?.get(key)?.value;
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const out: SessionProfile = {};
  const mfaSerial = text('mfa_serial');
  if (mfaSerial) out.mfaSerial = mfaSerial;
  const mfaProcess = text('mfa_process');
  if (mfaProcess) out.mfaProcess = mfaProcess;
  // botocore: AWS_REGION (CLI v2) / AWS_DEFAULT_REGION, then the profile's region.
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || text('region');
  if (region) out.region = region;
  const caBundle = env.AWS_CA_BUNDLE || text('ca_bundle');
  if (caBundle) out.caBundle = path.resolve(caBundle.replace(/^~(?=\/|$)/, home));
  return out;
}
