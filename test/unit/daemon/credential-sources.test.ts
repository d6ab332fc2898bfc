import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/daemon/credential-sources.js';
import type { ProfileView } from '../../../src/daemon/credential-sources.js';
import { parseCredentialProcessLine } from '../../../src/shim/launcher.js';

const CREDS = '/h/.aws/credentials';
const CONFIG = '/h/.aws/config';
const view = (settings: Record<string, string>, keysIn = CREDS): ProfileView => ({
  name: 'p', settings,
  origins: Object.fromEntries(Object.keys(settings).map((k) => [k, { file: k.startsWith('aws_') ? keysIn : CONFIG, line: 1 }])),
});
const keys = { aws_access_key_id: 'AKIA', aws_secret_access_key: 's' };
const shim = { credential_process: '/h/.local/share/keyward/bin/keyward-credential-process --profile p' };

describe(classify.name, () => {
  it.each([
    ['static keys', view(keys), 'plaintext'],
    ['keyward shim', view(shim), 'keychain'],
    ['another credential_process', view({ credential_process: '/usr/bin/vault-helper p' }), 'process'],
    ['SSO session', view({ sso_session: 's', sso_account_id: '1' }), 'sso'],
    ['legacy SSO', view({ sso_start_url: 'https://x', sso_role_name: 'r' }), 'sso'],
    ['role with source_profile', view({ role_arn: 'arn:aws:iam::1:role/r', source_profile: 'base' }), 'role'],
    ['role with credential_source', view({ role_arn: 'arn:aws:iam::1:role/r', credential_source: 'Ec2InstanceMetadata' }), 'role'],
    ['region only', view({ region: 'us-east-1' }), 'none'],
    // botocore: credentials-file keys beat credential_process, which beats config-file keys.
    ['keys in credentials and the shim', view({ ...keys, ...shim }), 'plaintext'],
    ['keys in config and the shim', view({ ...keys, ...shim }, CONFIG), 'keychain'],
  ])('%s → %s', (_name, profile, expected) => {
    expect(classify(profile, parseCredentialProcessLine, CREDS)).toBe(expected);
  });
});
