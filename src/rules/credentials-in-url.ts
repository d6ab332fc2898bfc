// user:password inside a URL: an endpoint, a proxy variable, an SSO start URL. Anyone who reads
// the file (or a process listing, for a proxy variable) gets the password.
import { awsFiles, profileAt } from './aws-files.js';
import { isComputed } from './patterns.js';
import { textLines } from './text-lines.js';
import type { RawFinding, Rule, Sources } from './types.js';

const USERINFO_URL = /\b([a-z][a-z0-9+.-]*):\/\/([^\s/?#@'":]+):([^\s/?#@'"]+)@/gi;

export interface UrlCredential {
  scheme: string;
  user: string;
}

/** URLs with a literal password on one line (a password computed at run time is not one). */
export function urlCredentials(text: string): UrlCredential[] {
  if (!text.includes('@')) return [];
  const found: UrlCredential[] = [];
  USERINFO_URL.lastIndex = 0;
  for (let m = USERINFO_URL.exec(text); m; m = USERINFO_URL.exec(text)) {
    const password = m[3] as string;
    if (isComputed(password)) continue;
    found.push({ scheme: (m[1] as string).toLowerCase(), user: m[2] as string });
  }
  return found;
}

function finding(file: string, line: number, cred: UrlCredential, profile?: string): RawFinding {
  return {
    ruleId: credentialsInUrl.id, severity: credentialsInUrl.severity, file, line, profile,
    key: `${cred.scheme}://${cred.user}`,
    message: `A URL (${cred.scheme}://) carries a user name and password.`,
    remediation: 'Remove the password from the URL and change it; give it to the program some other way (a keychain, a credential helper).',
    evidence: `${cred.scheme}://${cred.user}:…@`,
  };
}

function check(sources: Sources): RawFinding[] {
  const findings: RawFinding[] = [];
  // Comments count here: a password in a comment is still a password on disk.
  for (const file of awsFiles(sources)) {
    for (const line of file.doc.lines) {
      for (const cred of urlCredentials(line.text)) findings.push(finding(file.path, line.number, cred, profileAt(file, line.number)));
    }
  }
  for (const line of textLines(sources.texts)) {
    for (const cred of urlCredentials(line.text)) findings.push(finding(line.file.path, line.number, cred));
  }
  return findings;
}

export const credentialsInUrl: Rule = {
  id: 'credentials-in-url',
  severity: 'high',
  title: 'Password inside a URL',
  description: 'A URL of the form scheme://user:password@host in an AWS file (endpoint_url, sso_start_url, …), a shell or .env file ' +
    '(HTTPS_PROXY, …), ~/.boto or ~/.s3cfg, commented or not. A password written as $VAR or $(…) is not reported.',
  check,
};
