// Fleets under FedRAMP / FIPS 140 rules need every profile on FIPS endpoints; AWS documents the
// per-profile setting `use_fips_endpoint = true` (env AWS_USE_FIPS_ENDPOINT).
import { checkRequiredSetting } from './profile-setting.js';
import type { RawFinding, Rule, Sources } from './types.js';

function check(sources: Sources): RawFinding[] {
  return checkRequiredSetting(sources, {
    ruleId: fipsEndpointNotUsed.id,
    key: 'use_fips_endpoint',
    message: (profile) => `Profile '${profile}' does not set use_fips_endpoint = true.`,
    remediation: 'Add `use_fips_endpoint = true` to the profile (or to [default] and each other profile).',
  });
}

export const fipsEndpointNotUsed: Rule = {
  id: 'fips-endpoint-not-used',
  severity: 'info',
  title: 'Profile does not use FIPS endpoints',
  description: 'A profile without use_fips_endpoint = true. Off unless the fleet policy sets require_fips = true.',
  offByDefault: true,
  check,
};
