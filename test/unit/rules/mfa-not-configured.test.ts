import { describe, expect, it } from 'vitest';
import { mfaNotConfigured } from '../../../src/rules/mfa-not-configured.js';
import { CONFIG, CREDENTIALS, sources } from '../../support/rule-sources.js';

describe(mfaNotConfigured.id, () => {
  it('reports role profiles chained from source_profile or credential_source without mfa_serial', () => {
    const config = '[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = default\n' +
      '[profile ec2]\nrole_arn = arn:aws:iam::123456789012:role/x\ncredential_source = Ec2InstanceMetadata\n';
    expect(mfaNotConfigured.check(sources({ config }))).toMatchObject([
      { ruleId: 'mfa-not-configured', severity: 'low', file: CONFIG, line: 2, profile: 'admin' },
      { file: CONFIG, line: 5, profile: 'ec2' },
    ]);
  });

  it('finds a role profile defined in the credentials file', () => {
    const credentials = '[admin]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = base\n';
    expect(mfaNotConfigured.check(sources({ credentials }))).toMatchObject([{ file: CREDENTIALS, line: 2, profile: 'admin' }]);
  });

  it.each([
    ['mfa_serial set', '[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\nmfa_serial = arn:aws:iam::1:mfa/me\n'],
    ['mfa_serial from [DEFAULT]', '[DEFAULT]\nmfa_serial = arn:aws:iam::1:mfa/me\n[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n'],
    ['web identity', '[profile a]\nrole_arn = arn:aws:iam::1:role/a\nweb_identity_token_file = /var/run/token\n'],
    ['SSO', '[profile a]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = Admin\n'],
  ])('ignores %s', (_name, config) => {
    expect(mfaNotConfigured.check(sources({ config }))).toEqual([]);
  });

  it('sees mfa_serial from the credentials file for a config-file role', () => {
    const config = '[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n';
    expect(mfaNotConfigured.check(sources({ config, credentials: '[a]\nmfa_serial = arn:aws:iam::1:mfa/me\n' }))).toEqual([]);
  });
});
