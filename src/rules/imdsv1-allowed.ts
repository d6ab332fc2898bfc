// IMDSv1 answers any GET, so an SSRF on an EC2 host can read the instance role's credentials;
// AWS documents `ec2_metadata_v1_disabled = true` (env AWS_EC2_METADATA_V1_DISABLED) to stop the
// SDKs falling back to it.
import { checkRequiredSetting } from './profile-setting.js';
import type { RawFinding, Rule, Sources } from './types.js';

function check(sources: Sources): RawFinding[] {
  return checkRequiredSetting(sources, {
    ruleId: imdsv1Allowed.id,
    key: 'ec2_metadata_v1_disabled',
    message: (profile) => `Profile '${profile}' lets the SDK fall back to IMDSv1 (ec2_metadata_v1_disabled is not true).`,
    remediation: 'Add `ec2_metadata_v1_disabled = true` to the profile.',
  });
}

export const imdsv1Allowed: Rule = {
  id: 'imdsv1-allowed',
  severity: 'info',
  title: 'Profile allows IMDSv1 fallback',
  description: 'A profile without ec2_metadata_v1_disabled = true. Off unless the fleet policy sets require_imdsv2 = true.',
  offByDefault: true,
  check,
};
