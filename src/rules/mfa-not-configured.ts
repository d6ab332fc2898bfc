// A role profile assumed from long-term credentials without mfa_serial: the key alone is enough
// to take the role.
import { profileViews } from './aws-files.js';
import type { RawFinding, Rule, Sources } from './types.js';

function check(sources: Sources): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const view of profileViews(sources)) {
    const role = view.settings.get('role_arn');
    const chained = view.settings.has('source_profile') || view.settings.has('credential_source');
    if (!role || role.entry.value === '' || !chained || view.settings.get('mfa_serial')?.entry.value) continue;
    findings.push({
      ruleId: mfaNotConfigured.id, severity: mfaNotConfigured.severity, file: role.file.path, line: role.entry.line,
      profile: view.name, key: 'role_arn',
      message: `Profile '${view.name}' assumes a role without MFA (no mfa_serial).`,
      remediation: 'Add `mfa_serial = arn:aws:iam::ACCOUNT:mfa/NAME` to the profile, and require MFA in the role\'s trust policy.',
    });
  }
  return findings;
}

export const mfaNotConfigured: Rule = {
  id: 'mfa-not-configured',
  severity: 'low',
  title: 'Role profile without MFA',
  description: 'A profile with role_arn and source_profile or credential_source has no mfa_serial (after [DEFAULT] inheritance and ' +
    'merging the credentials file). SSO and web-identity profiles are not role chains and are not reported.',
  check,
};
