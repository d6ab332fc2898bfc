// A long-term key pair botocore would use, written in the credentials or config file.
import { redact } from '../redact.js';
import { commandToShow } from '../display.js';
import path from 'node:path';
import { awsFiles, isPair, isTemporary, profileViewsByName, staticCredentials } from './aws-files.js';
import { programOf } from './references.js';
import type { AwsFile, RawFinding, Rule, Sources } from './types.js';

function check(sources: Sources): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const file of awsFiles(sources)) {
    for (const creds of staticCredentials(file)) {
      // The documentation example counts here: in a credentials field botocore would send it.
      if (!isPair(creds) || isTemporary(creds)) continue;
      const who = creds.profile === undefined ? 'every profile (via [DEFAULT])' : `profile '${creds.profile}'`;
      findings.push({
        ruleId: plaintextAccessKey.id,
        severity: plaintextAccessKey.severity,
        file: file.path,
        line: creds.id.line,
        profile: creds.profile,
        key: 'aws_access_key_id',
        message: `A long-term AWS access key for ${who} is stored in plain text.`,
        remediation: remediation(sources, file, creds.profile),
        evidence: redact(creds.id.value),
      });
    }
  }
  return findings;
}

function remediation(sources: Sources, file: AwsFile, profile: string | undefined): string {
  if (profile === undefined) return 'Move the key into a named profile, then run `keyward migrate` to put it in the OS keychain.';
  const migrate = commandToShow(['keyward', 'migrate', '--profile', profile]);
  if (file.kind === 'credentials' && usesKeyward(sources, profile)) {
    // `aws configure set aws_access_key_id …` after a migration: the file's key wins over keyward's line.
    return `This profile also has keyward's credential_process line, and the AWS CLI uses this key instead. Run \`${migrate}\`: ` +
      `it adopts this key (replaces the key in the profile's keychain item and removes these lines), and keeps the old key until you ` +
      `retire it in IAM and run \`${commandToShow(['keyward', 'remove', '--profile', profile, '--previous'])}\`.`;
  }
  return `Run \`${migrate}\` to move it into the OS keychain.`;
}

/** The profile's credential_process (as botocore merges it) runs keyward's launcher or `keyward credential-process`. */
function usesKeyward(sources: Sources, profile: string): boolean {
  const line = profileViewsByName(sources).get(profile)?.settings.get('credential_process')?.value;
  if (typeof line !== 'string') return false;
  const program = programOf(line);
  const base = program === undefined ? '' : path.basename(program);
  return base === 'keyward-credential-process' || (base === 'keyward' && line.includes('credential-process'));
}

export const plaintextAccessKey: Rule = {
  id: 'plaintext-access-key',
  severity: 'high',
  title: 'Long-term access key stored in plain text',
  description: 'A profile in the AWS credentials or config file holds aws_access_key_id and aws_secret_access_key. ' +
    'Any process running as you can read them. Temporary (ASIA…/session token) pairs are reported by plaintext-session-token instead.',
  check,
};
