// What the shim needs from the AWS files for one profile's session: its MFA device and how to ask
// for a code (where STS is, only a miss needs: sts-settings.ts). Read with the botocore view
// (awsconfig/profiles.ts), so keyward sees the profile exactly as the AWS CLI that spawned it does.
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
}

/** The two AWS files' text (undefined when missing or unreadable: that file contributes nothing). */
export interface AwsTexts {
  config?: { path: string; text: string };
  credentials?: { path: string; text: string };
}

function readText(file: string): { path: string; text: string } | undefined {
  const read = readRegularFile(file);
  return read.ok ? { path: file, text: read.bytes.toString('utf8') } : undefined;
}

export function readAwsTexts(env: Env, home: string): AwsTexts {
  const config = readText(configPath(env, home));
  const credentials = readText(credentialsPath(env, home));
  return { ...(config ? { config } : {}), ...(credentials ? { credentials } : {}) };
}

/**
 * Whether any profile could have an MFA device: the shim's most common call (a profile without
 * mfa_serial under the default policy) then skips parsing the files (option names are
 * case-insensitive in botocore, hence /i).
 */
export function mayHaveMfaSerial(texts: AwsTexts): boolean {
  return /mfa_serial/i.test(texts.config?.text ?? '') || /mfa_serial/i.test(texts.credentials?.text ?? '');
}

export function load(file: { path: string; text: string } | undefined, kind: 'config' | 'credentials'): SourceFile | undefined {
  return file ? { path: file.path, doc: parse(file.text, kind) } : undefined;
}

/** The profile's session settings, from the botocore view of the two files. */
export function readSessionProfile(env: Env, home: string, profile: string, texts: AwsTexts = readAwsTexts(env, home)): SessionProfile {
  const views = profileViews(load(texts.config, 'config'), load(texts.credentials, 'credentials'));
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
  return out;
}
