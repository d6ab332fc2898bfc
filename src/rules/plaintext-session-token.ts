// Temporary credentials (ASIA… plus a session token) written to a file: they expire, but until
// then they are as good as the long-term key.
import { redact } from '../redact.js';
import { awsFiles, isPair, isTemporary, staticCredentials } from './aws-files.js';
import type { RawFinding, Rule, Sources } from './types.js';

function check(sources: Sources): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const file of awsFiles(sources)) {
    for (const creds of staticCredentials(file)) {
      if (!isPair(creds) || !isTemporary(creds)) continue;
      const who = creds.profile === undefined ? 'every profile (via [DEFAULT])' : `profile '${creds.profile}'`;
      findings.push({
        ruleId: plaintextSessionToken.id,
        severity: plaintextSessionToken.severity,
        file: file.path,
        line: creds.id.line,
        profile: creds.profile,
        key: 'aws_session_token',
        message: `Temporary AWS credentials for ${who} are stored in plain text.`,
        remediation: 'Let the AWS CLI fetch temporary credentials itself (sso_session, role_arn or credential_process) ' +
          'instead of pasting them into the file, and delete these lines.',
        evidence: redact(creds.id.value),
      });
    }
  }
  return findings;
}

export const plaintextSessionToken: Rule = {
  id: 'plaintext-session-token',
  severity: 'medium',
  title: 'Temporary credentials stored in plain text',
  description: 'A profile holds an ASIA… key ID or an aws_session_token next to a secret key. ' +
    'They expire, but until then anyone who reads the file can use them.',
  check,
};
