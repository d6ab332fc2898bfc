// Keys keyward holds still need rotating: the age comes from the keychain item's createdAt, the
// limit from the policy's max_key_age_days.
import { commandToShow } from '../display.js';
import { declaredAt, profileViews } from './aws-files.js';
import type { KeyAge, RawFinding, Rule, Sources } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days between createdAt and now; undefined when createdAt is not a date. */
export function ageInDays(createdAt: string, now: Date): number | undefined {
  const created = Date.parse(createdAt);
  if (Number.isNaN(created)) return undefined;
  return Math.floor((now.getTime() - created) / DAY_MS);
}

function locate(sources: Sources, profile: string): { file: string; line: number } {
  const view = profileViews(sources).find((v) => v.name === profile);
  const process = view?.settings.get('credential_process');
  if (process) return { file: process.file.path, line: process.entry.line };
  if (view) return { file: declaredAt(view).file.path, line: declaredAt(view).section.line };
  return { file: sources.config?.path ?? sources.credentials?.path ?? sources.home, line: 1 };
}

function finding(sources: Sources, key: KeyAge, days: number): RawFinding {
  return {
    ruleId: accessKeyTooOld.id, severity: accessKeyTooOld.severity, ...locate(sources, key.profile), profile: key.profile,
    key: 'createdAt',
    message: `The access key keyward holds for profile '${key.profile}' is ${days} days old (the limit is ${sources.maxKeyAgeDays}).`,
    remediation: `Run \`${commandToShow(['keyward', 'rotate', '--profile', key.profile])}\`: it creates a new key in IAM, switches the profile to it and deactivates the old one.`,
  };
}

function check(sources: Sources): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const key of sources.keyAges) {
    const days = ageInDays(key.createdAt, sources.now);
    if (days !== undefined && days > sources.maxKeyAgeDays) findings.push(finding(sources, key, days));
  }
  return findings;
}

export const accessKeyTooOld: Rule = {
  id: 'access-key-too-old',
  severity: 'medium',
  title: 'Access key older than the policy allows',
  description: 'A key held in the OS keychain by keyward was stored more than max_key_age_days (default 90) ago. ' +
    'Keys still in plaintext files are reported by plaintext-access-key instead; without a keychain this rule has no input.',
  check,
};
