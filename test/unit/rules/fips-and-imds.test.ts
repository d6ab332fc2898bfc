import { describe, expect, it } from 'vitest';
import { fipsEndpointNotUsed } from '../../../src/rules/fips-endpoint-not-used.js';
import { imdsv1Allowed } from '../../../src/rules/imdsv1-allowed.js';
import { CONFIG, sources } from '../../support/rule-sources.js';

describe(fipsEndpointNotUsed.id, () => {
  it('is off by default and reports each profile without use_fips_endpoint = true', () => {
    expect(fipsEndpointNotUsed.offByDefault).toBe(true);
    const config = '[default]\nuse_fips_endpoint = true\n[profile a]\nregion = x\n[profile b]\nuse_fips_endpoint = false\n[sso-session s]\nsso_region = x\n';
    expect(fipsEndpointNotUsed.check(sources({ config }))).toMatchObject([
      { ruleId: 'fips-endpoint-not-used', severity: 'info', file: CONFIG, line: 3, profile: 'a' },
      { line: 6, profile: 'b' },
    ]);
  });

  it('takes the setting from [DEFAULT]', () => {
    expect(fipsEndpointNotUsed.check(sources({ config: '[DEFAULT]\nuse_fips_endpoint = True\n[profile a]\nregion = x\n' }))).toEqual([]);
  });
});

describe(imdsv1Allowed.id, () => {
  it('is off by default and reports profiles without ec2_metadata_v1_disabled = true', () => {
    expect(imdsv1Allowed.offByDefault).toBe(true);
    const config = '[default]\nec2_metadata_v1_disabled = true\n[profile a]\nregion = x\n';
    expect(imdsv1Allowed.check(sources({ config }))).toMatchObject([{ ruleId: 'imdsv1-allowed', severity: 'info', line: 3, profile: 'a' }]);
  });
});
