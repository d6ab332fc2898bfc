// Shared shape of the two policy-driven checks: every profile must set a boolean to true.
import { declaredAt, isTrue, profileViews } from './aws-files.js';
import type { RawFinding, Sources } from './types.js';

export interface RequiredSetting {
  ruleId: string;
  key: string;
  message: (profile: string) => string;
  remediation: string;
}

/** Profiles whose merged settings do not set `key = true`. SSO sessions and services are not profiles. */
export function checkRequiredSetting(sources: Sources, required: RequiredSetting): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const view of profileViews(sources)) {
    const setting = view.settings.get(required.key);
    if (isTrue(setting?.entry.value)) continue;
    const at = setting ?? declaredAt(view);
    findings.push({
      ruleId: required.ruleId, severity: 'info',
      file: at.file.path,
      line: setting ? setting.entry.line : at.section.line,
      profile: view.name, key: required.key,
      message: required.message(view.name),
      remediation: required.remediation,
    });
  }
  return findings;
}
