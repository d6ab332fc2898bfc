// Where each profile's credentials come from, as botocore resolves them. Shared by the daemon's
// launcher check and `keyward status`. `classify` is pure; `readProfiles` reads the two files.
import { readFile } from 'node:fs/promises';
import type { Env } from '../awsconfig/paths.js';
import { configPath, credentialsPath } from '../awsconfig/paths.js';
import { parse } from '../awsconfig/parse.js';
import type { FileKind } from '../awsconfig/document.js';
import { effectiveEntries, sectionRole } from '../awsconfig/profiles.js';

export type CredentialSource = 'keychain' | 'plaintext' | 'sso' | 'process' | 'role' | 'none';

export interface Origin {
  file: string;
  line: number;
}

export interface ProfileView {
  name: string;
  /** Keys as botocore sees them after merging the credentials file over the config file. */
  settings: Record<string, string>;
  /** Where each key's winning value is written. */
  origins: Record<string, Origin>;
}

export interface ProfilesRead {
  profiles: ProfileView[];
  /** Files botocore would refuse (with the reason), or could not read. */
  errors: { file: string; message: string }[];
}

export type LineParser = (value: string) => { profile: string; program: string } | undefined;

/**
 * botocore's order (`create_credential_resolver`): assume-role, SSO, static keys in the
 * credentials file, credential_process, static keys in the config file.
 */
export function classify(profile: ProfileView, parseLine: LineParser, credentialsFile: string): CredentialSource {
  const s = profile.settings;
  const hasKeys = s.aws_access_key_id !== undefined && s.aws_secret_access_key !== undefined;
  if (s.role_arn !== undefined && (s.source_profile !== undefined || s.credential_source !== undefined ||
    s.web_identity_token_file !== undefined)) return 'role';
  if (s.sso_session !== undefined || s.sso_start_url !== undefined) return 'sso';
  if (hasKeys && profile.origins.aws_access_key_id?.file === credentialsFile) return 'plaintext';
  if (s.credential_process !== undefined) return parseLine(s.credential_process) ? 'keychain' : 'process';
  return hasKeys ? 'plaintext' : 'none';
}

export async function readProfiles(env: Env, home: string): Promise<ProfilesRead> {
  const result: ProfilesRead = { profiles: [], errors: [] };
  const byName = new Map<string, ProfileView>();
  for (const [file, kind] of [[configPath(env, home), 'config'], [credentialsPath(env, home), 'credentials']] as const) {
    const text = await readText(file, result);
    if (text !== undefined) addFile(byName, file, kind, text, result);
  }
  result.profiles = [...byName.values()];
  return result;
}

async function readText(file: string, result: ProfilesRead): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') result.errors.push({ file, message: `cannot read (${code ?? 'error'})` });
    return undefined;
  }
}

function addFile(byName: Map<string, ProfileView>, file: string, kind: FileKind, text: string, result: ProfilesRead): void {
  const doc = parse(text, kind);
  if (doc.diagnostics.length > 0) {
    result.errors.push({ file, message: `the AWS CLI refuses this file (${doc.diagnostics.length} problem(s)); run 'keyward scan'` });
    return;
  }
  for (const section of doc.sections) {
    const role = sectionRole(section.header, kind);
    if (role.kind !== 'profile') continue;
    const view = byName.get(role.name) ?? { name: role.name, settings: {}, origins: {} };
    for (const entry of effectiveEntries(doc, section)) {
      if (entry.nested) continue;
      view.settings[entry.key] = entry.value;
      view.origins[entry.key] = { file, line: entry.line };
    }
    byName.set(role.name, view);
  }
}
