// A long-term key pair botocore would use, written in the credentials or config file.
import { redact } from '../redact.js';
import { commandToShow } from '../display.js';
import { awsFiles, isPair, isTemporary, staticCredentials } from './aws-files.js';
import type { RawFinding, Rule, Sources } from './types.js';

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
        remediation: creds.profile === undefined
          ? 'Move the key into a named profile, then run `keyward migrate` to put it in the OS keychain.'
          : `Run \`${commandToShow(['keyward', 'migrate', '--profile', creds.profile])}\` to move it into the OS keychain.`,
        evidence: redact(creds.id.value),
      });
    }
  }
  return findings;
}

export const plaintextAccessKey: Rule = {
  id: 'plaintext-access-key',
  severity: 'high',
  title: 'Long-term access key stored in plain text',
  description: 'A profile in the AWS credentials or config file holds aws_access_key_id and aws_secret_access_key. ' +
    'Any process running as you can read them. Temporary (ASIA…/session token) pairs are reported by plaintext-session-token instead.',
  check,
};
