// Settings that turn off certificate checks for AWS calls: `--no-verify-ssl` in an alias, the
// Node and Python switches exported from a start-up file, and the boto / s3cmd options.
import { assignments, shellFiles, textLines } from './text-lines.js';
import type { RawFinding, Rule, Sources, TextFile } from './types.js';

const NO_VERIFY = /(?:^|\s)--no-verify-ssl(?=\s|$|['";)])/;
const OFF_SWITCHES: Record<string, string> = { NODE_TLS_REJECT_UNAUTHORIZED: '0', PYTHONHTTPSVERIFY: '0' };
const SWITCH_NAMES = Object.keys(OFF_SWITCHES);
/** configparser's getboolean false words (boto reads its file with it). */
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);
const INI_SWITCHES: Partial<Record<TextFile['kind'], string>> = {
  boto: 'https_validate_certificates',
  s3cfg: 'check_ssl_certificate',
};

function base(file: TextFile, line: number, key: string, message: string, remediation: string): RawFinding {
  return { ruleId: tlsVerificationDisabled.id, severity: tlsVerificationDisabled.severity, file: file.path, line, key, message, remediation };
}

function checkAliases(sources: Sources): RawFinding[] {
  const files = sources.texts.filter((f) => f.kind === 'alias' || f.kind === 'shell' || f.kind === 'fish');
  const findings: RawFinding[] = [];
  for (const line of textLines(files)) {
    if (line.comment || !NO_VERIFY.test(line.text)) continue;
    findings.push(base(line.file, line.number, '--no-verify-ssl',
      `An ${line.file.kind === 'alias' ? 'AWS CLI alias' : 'alias or command'} passes --no-verify-ssl, so the AWS CLI accepts any certificate.`,
      'Remove --no-verify-ssl. For a corporate proxy, point ca_bundle (or AWS_CA_BUNDLE) at its CA certificate instead.'));
  }
  return findings;
}

function checkSwitches(sources: Sources): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const line of textLines(shellFiles(sources.texts))) {
    // Only a line naming a switch can set it: the others skip the assignment scan (a 1 MB line of
    // `export PATH=…` holds 16,000 assignments).
    if (line.comment || !SWITCH_NAMES.some((name) => line.text.includes(name))) continue;
    for (const a of assignments(line.text)) {
      if (OFF_SWITCHES[a.name] === undefined || a.value.trim() !== OFF_SWITCHES[a.name]) continue;
      findings.push(base(line.file, line.number, a.name,
        `${a.name}=0 turns off TLS certificate checks for every ${a.name.startsWith('NODE') ? 'Node.js' : 'Python'} program started from this shell.`,
        `Delete the line; to trust a private CA, set ${a.name.startsWith('NODE') ? 'NODE_EXTRA_CA_CERTS' : 'REQUESTS_CA_BUNDLE / AWS_CA_BUNDLE'} to its certificate.`));
    }
  }
  return findings;
}

/**
 * `key = value` or `key: value` as `/^\s*([^=:\s]+)\s*[=:]\s*(.*?)\s*$/` reads it, without that
 * regex: its lazy value followed by `\s*$` rescans every long run of spaces from each of its
 * characters (a .boto line took 6.9 s; issue 10, item 9). Split at the first `=` or `:` and trim.
 */
export function iniSetting(text: string): { key: string; value: string } | undefined {
  const at = text.search(/[=:]/);
  if (at < 0) return undefined;
  const key = text.slice(0, at).trim();
  return key === '' || /\s/.test(key) ? undefined : { key, value: text.slice(at + 1).trim() };
}

function checkIniSwitches(sources: Sources): RawFinding[] {
  const findings: RawFinding[] = [];
  const files = sources.texts.filter((f) => INI_SWITCHES[f.kind] !== undefined);
  for (const line of textLines(files)) {
    const key = INI_SWITCHES[line.file.kind] as string;
    const m = iniSetting(line.text);
    if (line.comment || !m || m.key.toLowerCase() !== key || !FALSE_WORDS.has(m.value.toLowerCase())) continue;
    findings.push(base(line.file, line.number, key, `${key} = ${m.value} turns off certificate checks in ${line.file.kind === 'boto' ? 'boto' : 's3cmd'}.`,
      `Set ${key} = True, or delete the line.`));
  }
  return findings;
}

function check(sources: Sources): RawFinding[] {
  return [...checkAliases(sources), ...checkSwitches(sources), ...checkIniSwitches(sources)];
}

export const tlsVerificationDisabled: Rule = {
  id: 'tls-verification-disabled',
  severity: 'high',
  title: 'TLS certificate verification turned off',
  description: '--no-verify-ssl in ~/.aws/cli/alias or a shell alias; NODE_TLS_REJECT_UNAUTHORIZED=0 or PYTHONHTTPSVERIFY=0 set in a ' +
    'shell start-up or .env file; https_validate_certificates = False in ~/.boto; check_ssl_certificate = False in ~/.s3cfg. ' +
    'Commented-out lines are ignored.',
  check,
};
