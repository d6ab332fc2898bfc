// A key ID or secret key anywhere it is not a setting botocore uses: a comment, a profile name,
// a value of some other key, a section botocore ignores, a shell file, ~/.boto, ~/.s3cfg.
import { redact } from '../redact.js';
import { awsFiles, isPair, staticCredentials } from './aws-files.js';
import { findKeyIds, findSecrets } from './patterns.js';
import type { Match } from './patterns.js';
import { literalCredentialAssignments } from './secret-in-environment-file.js';
import { textLines } from './text-lines.js';
import type { Assignment } from './text-lines.js';
import type { AwsFile, RawFinding, Rule, Sources } from './types.js';

/** Lines whose secrets plaintext-access-key / plaintext-session-token already report. */
function pairLines(file: AwsFile): Set<number> {
  const lines = new Set<number>();
  for (const creds of staticCredentials(file)) {
    if (!isPair(creds)) continue;
    for (const entry of [creds.id, creds.secret, creds.token]) {
      if (!entry) continue;
      for (let n = entry.line; n <= entry.lastLine; n++) lines.add(n);
    }
  }
  return lines;
}

function secretsIn(text: string): Match[] {
  return [...findKeyIds(text), ...findSecrets(text)];
}

/**
 * The secrets that sit inside the value of a literal credential assignment on the line (reported
 * by secret-in-environment-file), found by position in one sorted sweep: comparing every secret
 * with every assigned value is quadratic on a line of thousands of both (issue 10, item 9).
 */
function assignedSecrets(secrets: Match[], assigned: Assignment[]): Set<string> {
  const spans = assigned.map((a) => [a.index, a.index + a.raw.length] as const).sort((x, y) => x[0] - y[0]);
  const found = new Set<string>();
  let next = 0;
  let reach = -1;
  for (const m of [...secrets].sort((x, y) => x.index - y.index)) {
    for (; next < spans.length && (spans[next] as readonly [number, number])[0] <= m.index; next++) {
      reach = Math.max(reach, (spans[next] as readonly [number, number])[1]);
    }
    if (m.index + m.value.length <= reach) found.add(m.value);
  }
  return found;
}

function finding(path: string, line: number, secret: string, where: string): RawFinding {
  const evidence = redact(secret);
  return {
    ruleId: secretInFreeText.id,
    severity: secretInFreeText.severity,
    file: path,
    line,
    key: evidence,
    message: `An AWS ${secret.length === 20 ? 'access key ID' : 'secret access key'} appears in ${where}.`,
    remediation: 'Delete it from the file. If it is a real key, deactivate it in IAM and create a new one: ' +
      'copies of this file (backups, dotfile repositories) still hold it.',
    evidence,
  };
}

const ROLE_WHERE: Record<string, string> = {
  comment: 'a comment', section: 'a section header (profile name)', option: 'a setting value',
  continuation: 'a setting value', invalid: 'a line botocore cannot parse', blank: 'the file',
};

function checkAwsFile(file: AwsFile): RawFinding[] {
  const skip = pairLines(file);
  const findings: RawFinding[] = [];
  for (const line of file.doc.lines) {
    if (skip.has(line.number)) continue;
    for (const { value } of secretsIn(line.text)) {
      findings.push(finding(file.path, line.number, value, ROLE_WHERE[line.role] ?? 'the file'));
    }
  }
  return findings;
}

function checkTextFiles(sources: Sources): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const line of textLines(sources.texts)) {
    const secrets = secretsIn(line.text);
    if (secrets.length === 0) continue;
    const assigned = line.comment ? new Set<string>() : assignedSecrets(secrets, literalCredentialAssignments(line.text));
    for (const { value } of secrets) {
      if (assigned.has(value)) continue;
      findings.push(finding(line.file.path, line.number, value, line.comment ? 'a comment' : 'the file'));
    }
  }
  return findings;
}

function check(sources: Sources): RawFinding[] {
  return [...awsFiles(sources).flatMap(checkAwsFile), ...checkTextFiles(sources)];
}

export const secretInFreeText: Rule = {
  id: 'secret-in-free-text',
  severity: 'high',
  title: 'AWS key ID or secret in free text',
  description: 'An AKIA/ASIA/ABIA/ACCA key ID, or a 40-character secret key next to a keyword such as "secret" or "key", ' +
    'in a comment, a profile name, another setting, ~/.boto, ~/.s3cfg or a shell/.env file. ' +
    'Ignores the AWS documentation examples (…EXAMPLE), identifiers that are not secrets (AIDA, AROA, AGPA…), ' +
    'low-entropy fillers, hex hashes, and values computed at run time.',
  check,
};
