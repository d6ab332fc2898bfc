// A CA bundle decides which servers the AWS CLI trusts: one that someone else can write lets them
// add a CA and read every request; a missing one breaks every call.
import { caBundleReferences, resolveCaBundle } from './references.js';
import type { Reference } from './references.js';
import type { FileStat, RawFinding, Rule, Sources } from './types.js';

function problem(stat: FileStat | null | undefined, uid: number): string | undefined {
  if (!stat) return 'does not exist';
  if (!stat.isFile) return 'is not a regular file';
  if (stat.mode & 0o022) return 'can be written by other users';
  if (stat.uid !== 0 && stat.uid !== uid) return `is owned by another user (uid ${stat.uid})`;
  return undefined;
}

function finding(ref: Reference, bundle: string, issue: string): RawFinding {
  return {
    ruleId: untrustedCaBundle.id, severity: untrustedCaBundle.severity, file: ref.file, line: ref.line, profile: ref.profile,
    key: bundle,
    message: `The CA bundle ${bundle} ${issue}.`,
    remediation: issue === 'does not exist'
      ? 'Point ca_bundle / AWS_CA_BUNDLE at an existing certificate file, or remove the setting.'
      : `Make it owned by you or root and not writable by others: \`chmod go-w ${bundle}\`.`,
  };
}

function check(sources: Sources): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const ref of caBundleReferences(sources)) {
    const bundle = resolveCaBundle(ref.value, sources.env, sources.home);
    const issue = problem(sources.caBundles.get(bundle), sources.uid);
    if (issue) findings.push(finding(ref, bundle, issue));
  }
  return findings;
}

export const untrustedCaBundle: Rule = {
  id: 'untrusted-ca-bundle',
  severity: 'medium',
  title: 'CA bundle missing or writable by others',
  description: 'A ca_bundle setting or AWS_CA_BUNDLE points at a file that is missing, writable by group or others, ' +
    'or owned by a user other than you or root.',
  check,
};
