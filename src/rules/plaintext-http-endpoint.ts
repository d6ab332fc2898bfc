// An endpoint_url over plain http to a host that is not this machine: requests are signed, but
// responses (credentials from STS, data from S3) travel in clear and can be altered.
import { sectionRole } from '../awsconfig/profiles.js';
import { awsFiles } from './aws-files.js';
import { assignments, shellFiles, textLines } from './text-lines.js';
import type { RawFinding, Rule, Sources } from './types.js';

/** localhost, 127.0.0.0/8 and ::1 never leave the machine. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** True for an http:// URL whose host is not loopback. */
export function isRemoteHttp(value: string): boolean {
  const text = value.trim().replace(/^['"]|['"]$/g, '');
  if (!/^http:\/\//i.test(text)) return false;
  try {
    return !isLoopback(new URL(text).hostname);
  } catch {
    return true;
  }
}

function finding(file: string, line: number, key: string, where: string, profile?: string): RawFinding {
  return {
    ruleId: plaintextHttpEndpoint.id, severity: plaintextHttpEndpoint.severity, file, line, profile, key,
    message: `${where} sends AWS requests over plain http to a remote host.`,
    remediation: 'Use an https:// endpoint (plain http is only safe to localhost).',
  };
}

function checkAwsFiles(sources: Sources): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const file of awsFiles(sources)) {
    for (const section of file.doc.sections) {
      const role = sectionRole(section.header, file.kind);
      const profile = role.kind === 'profile' ? role.name : undefined;
      for (const entry of section.entries) {
        if (entry.key === 'endpoint_url' && isRemoteHttp(entry.value)) {
          findings.push(finding(file.path, entry.line, `[${section.header}] endpoint_url`, 'endpoint_url', profile));
        }
        for (const sub of entry.nested ?? []) {
          if (sub.name.toLowerCase() !== 'endpoint_url' || !isRemoteHttp(sub.value)) continue;
          findings.push(finding(file.path, sub.line, `[${section.header}] ${entry.key}.endpoint_url`, `The ${entry.key} endpoint_url`, profile));
        }
      }
    }
  }
  return findings;
}

function checkVariables(sources: Sources): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const line of textLines(shellFiles(sources.texts))) {
    if (line.comment || !line.text.includes('AWS_ENDPOINT_URL')) continue;
    for (const a of assignments(line.text)) {
      if (a.name.startsWith('AWS_ENDPOINT_URL') && isRemoteHttp(a.value)) findings.push(finding(line.file.path, line.number, a.name, a.name));
    }
  }
  return findings;
}

function check(sources: Sources): RawFinding[] {
  return [...checkAwsFiles(sources), ...checkVariables(sources)];
}

export const plaintextHttpEndpoint: Rule = {
  id: 'plaintext-http-endpoint',
  severity: 'high',
  title: 'AWS endpoint over plain http',
  description: 'An endpoint_url (in a profile, a nested service block such as s3 =, or a [services] section) or an AWS_ENDPOINT_URL* ' +
    'variable uses http:// to a host that is not loopback. localhost, 127.0.0.0/8 and ::1 (LocalStack, MinIO on this machine) are not reported.',
  check,
};
