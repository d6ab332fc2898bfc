import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/awsconfig/parse.js';
import { profileViews } from '../../../src/awsconfig/profiles.js';
import { credentialSource } from '../../../src/sources/profiles.js';

const SHIM = 'credential_process = /h/.local/share/keyward/bin/keyward-credential-process --profile p';
const KEYS = 'aws_access_key_id = AKIA\naws_secret_access_key = s';

/** The profile `p` from a config text and a credentials text. */
function profile(config: string, credentials = '') {
  const views = profileViews({ path: '/h/.aws/config', doc: parse(`[profile p]\n${config}\n`, 'config') },
    { path: '/h/.aws/credentials', doc: parse(credentials ? `[p]\n${credentials}\n` : '', 'credentials') });
  return views.get('p')!;
}

describe(credentialSource.name, () => {
  it.each([
    ['static keys in the credentials file', profile('', KEYS), 'plaintext'],
    ['static keys in the config file', profile(KEYS), 'plaintext'],
    ['keyward shim', profile(SHIM), 'keychain'],
    ['another credential_process', profile('credential_process = /usr/bin/vault-helper p'), 'process'],
    ['SSO session', profile('sso_session = s\nsso_account_id = 1'), 'sso'],
    ['legacy SSO', profile('sso_start_url = https://x\nsso_role_name = r'), 'sso'],
    ['role with source_profile', profile('role_arn = arn:aws:iam::1:role/r\nsource_profile = base'), 'role'],
    ['role with credential_source', profile('role_arn = arn:aws:iam::1:role/r\ncredential_source = Ec2InstanceMetadata'), 'role'],
    ['region only', profile('region = us-east-1'), 'none'],
    // botocore: credentials-file keys beat credential_process, which beats config-file keys.
    ['keys in credentials and the shim', profile(SHIM, KEYS), 'plaintext'],
    ['keys in config and the shim', profile(`${KEYS}\n${SHIM}`), 'keychain'],
  ])('%s → %s', (_name, view, expected) => {
    expect(credentialSource(view)).toBe(expected);
  });
});
