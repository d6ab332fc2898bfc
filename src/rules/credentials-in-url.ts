// user:password inside a URL: an endpoint, a proxy variable, an SSO start URL. Anyone who reads
// the file (or a process listing, for a proxy variable) gets the password.
import { awsFiles, profileAt } from './aws-files.js';
import { isComputed } from './patterns.js';
import { textLines } from './text-lines.js';
import type { RawFinding, Rule, Sources } from './types.js';

export interface UrlCredential {
  scheme: string;
  user: string;
}

// What `\b([a-z][a-z0-9+.-]*):\/\/([^\s/?#@'":]+):([^\s/?#@'"]+)@` (case-insensitive) matches, found
// without that regex: its scheme part is retried from every letter of a long `a.a.a.…` run, which
// is quadratic (a 160 KB line took 15.7 s; issue 10, item 9). Here each `://` is found once, the
// scheme is read backwards from it and the user info forwards; none of those runs can cross another
// `://`, so every character is looked at a bounded number of times.
const SCHEME_CHAR = /[a-z0-9+.-]/i;
const LETTER = /[a-z]/i;
const WORD_CHAR = /\w/;
const USER_STOP = /[\s/?#@'":]/;
const PASSWORD_STOP = /[\s/?#@'"]/;

/** Start of the scheme that ends at `colon` (the leftmost start the regex would take), or -1. */
function schemeStart(text: string, colon: number, floor: number): number {
  let first = colon;
  while (first > floor && SCHEME_CHAR.test(text.charAt(first - 1))) first--;
  for (let p = first; p < colon; p++) {
    if (LETTER.test(text.charAt(p)) && (p === 0 || !WORD_CHAR.test(text.charAt(p - 1)))) return p;
  }
  return -1;
}

/** End (exclusive) of the run starting at `from` of characters not matching `stop`. */
function runEnd(text: string, from: number, stop: RegExp): number {
  let end = from;
  while (end < text.length && !stop.test(text.charAt(end))) end++;
  return end;
}

/** `user:password@` right after `://`, as [user, password, index after the @]. */
function userInfo(text: string, from: number): [string, string, number] | undefined {
  const userEnd = runEnd(text, from, USER_STOP);
  if (userEnd === from || text.charAt(userEnd) !== ':') return undefined;
  const passwordEnd = runEnd(text, userEnd + 1, PASSWORD_STOP);
  if (passwordEnd === userEnd + 1 || text.charAt(passwordEnd) !== '@') return undefined;
  return [text.slice(from, userEnd), text.slice(userEnd + 1, passwordEnd), passwordEnd + 1];
}

/** URLs with a literal password on one line (a password computed at run time is not one). */
export function urlCredentials(text: string): UrlCredential[] {
  if (!text.includes('@')) return [];
  const found: UrlCredential[] = [];
  let consumed = 0;
  for (let colon = text.indexOf('://'); colon >= 0; colon = text.indexOf('://', colon + 1)) {
    const start = schemeStart(text, colon, consumed);
    const info = start < 0 ? undefined : userInfo(text, colon + 3);
    if (!info) continue;
    consumed = info[2];
    if (!isComputed(info[1])) found.push({ scheme: text.slice(start, colon).toLowerCase(), user: info[0] });
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
