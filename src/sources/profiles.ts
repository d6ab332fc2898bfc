// Each profile the AWS CLI sees and where its credentials come from, for `keyward status` and the
// daemon's launcher check. The files are read once (sources/aws-file.ts) and merged the botocore
// way (awsconfig/profiles.ts); `credentialSource` is pure.
import { profileViews } from '../awsconfig/profiles.js';
import type { Env } from '../awsconfig/paths.js';
import type { ProfileView } from '../awsconfig/profiles.js';
import { parseCredentialProcessLine } from '../launcher/line.js';
import { readAwsFiles } from './aws-file.js';
import type { AwsFile, FileError } from './types.js';

export type CredentialSource = 'keychain' | 'plaintext' | 'sso' | 'process' | 'role' | 'none';

export interface ProfilesRead {
  profiles: ProfileView<AwsFile>[];
  /** Files botocore would refuse (with the reason), or could not read. */
  errors: FileError[];
}

/**
 * botocore's order (`create_credential_resolver`): assume-role, SSO, static keys in the
 * credentials file, credential_process, static keys in the config file.
 */
export function credentialSource(profile: ProfileView): CredentialSource {
  const has = (key: string): boolean => profile.settings.has(key);
  const keys = profile.settings.get('aws_access_key_id');
  const hasKeys = keys !== undefined && has('aws_secret_access_key');
  if (has('role_arn') && (has('source_profile') || has('credential_source') || has('web_identity_token_file'))) return 'role';
  if (has('sso_session') || has('sso_start_url')) return 'sso';
  if (hasKeys && keys.file.doc.kind === 'credentials') return 'plaintext';
  const process = profile.settings.get('credential_process')?.value;
  if (process !== undefined) return typeof process === 'string' && parseCredentialProcessLine(process) ? 'keychain' : 'process';
  return hasKeys ? 'plaintext' : 'none';
}

/** The profiles botocore sees in this environment; a file it refuses contributes none and is listed in `errors`. */
export function readProfiles(env: Env, home: string): ProfilesRead {
  const read = readAwsFiles(env, home);
  const refused = new Set(read.errors.map((e) => e.file));
  const usable = (file: AwsFile | null): AwsFile | undefined => (file && !refused.has(file.path) ? file : undefined);
  return { profiles: [...profileViews(usable(read.config), usable(read.credentials)).values()], errors: read.errors };
}

/** The keychain account a keyward profile's credential_process line names, if it has one. */
export function keychainAccount(profile: ProfileView): string | undefined {
  const line = profile.settings.get('credential_process')?.value;
  return typeof line === 'string' ? parseCredentialProcessLine(line)?.account : undefined;
}
