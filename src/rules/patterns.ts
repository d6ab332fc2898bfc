// Regexes and tests for AWS credentials in text. Modelled on gitleaks' `aws-access-token` rule
// (cmd/generate/config/rules/aws.go): credential prefixes only, base32 body, word boundaries, a
// Shannon entropy floor, and the AWS documentation examples allowed in free text.

/**
 * AKIA (long-term), ASIA (STS), ABIA (bearer), ACCA (context) + 16 base32 characters. AIDA, AROA,
 * AGPA… name users, roles and groups and are not secrets (gitleaks PR #1307).
 */
export const KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g;

/**
 * A 40-character run of the secret key alphabet, bounded by characters outside it. `=` is base64
 * padding, so it may not start the run: `KEY=secret` must still match.
 */
export const SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+][A-Za-z0-9/+=]{39}(?![A-Za-z0-9/+=])/g;

/** Words that make a 40-character run a likely secret (gitleaks' generic-api-key keywords). */
export const SECRET_KEYWORD = /access|auth|api|credential|creds|key|passw(?:or)?d|secret|token/i;

export const EXAMPLE_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const KEY_ID_ENTROPY = 3;
const SECRET_ENTROPY = 4;

export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** The documentation placeholders; gitleaks allows `.+EXAMPLE$` the same way. */
export function isExample(value: string): boolean {
  return /EXAMPLE(?:KEY)?$/.test(value);
}

export interface Match {
  value: string;
  index: number;
}

function matches(pattern: RegExp, text: string): Match[] {
  const found: Match[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) found.push({ value: m[0], index: m.index });
  return found;
}

/** Key IDs in free text: examples and low-entropy fillers (`AKIAXXXXXXXXXXXXXXXX`) are skipped. */
export function findKeyIds(text: string): Match[] {
  if (!/A[KSBC][IC]A/.test(text)) return [];
  return matches(KEY_ID, text).filter((m) => !isExample(m.value) && shannonEntropy(m.value) >= KEY_ID_ENTROPY);
}

/** True for a 40-character value that could be a secret access key (not a hex hash, not a filler). */
export function isSecretLike(value: string): boolean {
  if (!/^[A-Za-z0-9/+][A-Za-z0-9/+=]{39}$/.test(value)) return false;
  if (/^[a-f0-9]{40}$/i.test(value)) return false;
  // A path or a word run is not a key: real secrets mix cases and digits.
  if (!/[a-z]/.test(value) || !/[A-Z]/.test(value) || !/[0-9]/.test(value)) return false;
  return shannonEntropy(value) >= SECRET_ENTROPY;
}

/**
 * Secret access keys in free text: a 40-character run with a keyword earlier on the same line,
 * as gitleaks' generic rule wants, minus the examples and hash look-alikes.
 */
export function findSecrets(text: string): Match[] {
  if (text.length < 40 || !SECRET_KEYWORD.test(text)) return [];
  return matches(SECRET, text).filter((m) =>
    SECRET_KEYWORD.test(text.slice(0, m.index)) && isSecretLike(m.value) && !isExample(m.value));
}

/** A value computed when the shell runs (`$(…)`, `${VAR}`, `$VAR`, backticks) is not a literal secret. */
export function isComputed(value: string): boolean {
  return /\$|`/.test(value);
}

/** Removes one pair of matching quotes around a shell or dotenv value. */
export function unquote(value: string): string {
  const m = /^(['"])([\s\S]*)\1$/.exec(value);
  return m ? (m[2] as string) : value;
}
