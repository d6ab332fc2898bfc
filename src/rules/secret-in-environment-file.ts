// AWS credential variables set to a literal in a shell start-up file or a dotenv file in HOME.
import { redact } from '../redact.js';
import { isComputed } from './patterns.js';
import { assignments, shellFiles, textLines } from './text-lines.js';
import type { RawFinding, Rule, Sources } from './types.js';

export const CREDENTIAL_VARIABLES = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);

/** The literal credential values assigned on a line (shared with secret-in-free-text, which skips them). */
export function literalCredentialAssignments(text: string): { name: string; value: string }[] {
  const universal = universalVariable(text);
  if (universal) return CREDENTIAL_VARIABLES.has(universal.name) && universal.value !== '' ? [universal] : [];
  return assignments(text).filter((a) =>
    CREDENTIAL_VARIABLES.has(a.name) && a.value !== '' && !isComputed(a.raw));
}

/**
 * A line of fish's universal variables file (`~/.config/fish/fish_variables`):
 * `SETUVAR [--export] [--path] NAME:VALUE`, the value with every character but letters, digits,
 * `/` and `_` written as `\xHH` (`\uHHHH`, `\UHHHHHHHH` beyond ASCII). The value is a literal.
 */
export function universalVariable(text: string): { name: string; value: string } | undefined {
  if (!text.startsWith('SETUVAR ')) return undefined;
  let at = 'SETUVAR '.length;
  while (text.startsWith('--', at)) {
    const space = text.indexOf(' ', at);
    if (space < 0) return undefined;
    at = space + 1;
  }
  const colon = text.indexOf(':', at);
  if (colon <= at) return undefined;
  return { name: text.slice(at, colon), value: decodeFishValue(text.slice(colon + 1)) };
}

function decodeFishValue(value: string): string {
  return value.replace(/\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/g,
    (_whole, x: string | undefined, u: string | undefined, big: string | undefined) =>
      String.fromCodePoint(Math.min(parseInt(x ?? u ?? big ?? '0', 16), 0x10ffff)));
}

const WHERE: Partial<Record<string, string>> = { env: 'dotenv file', 'fish-variables': 'fish universal variable' };

function howToFix(name: string, kind: string): string {
  if (kind === 'fish-variables') {
    return `Run \`set -Ue ${name}\` in fish (it rewrites fish_variables), and use a profile instead ` +
      '(`keyward migrate` keeps its key in the OS keychain).';
  }
  return 'Delete the line and use a profile (`keyward migrate` keeps its key in the OS keychain), ' +
    'or read the value at run time, e.g. `export ' + name + '=$(pass show aws/' + name.toLowerCase() + ')`.';
}

function check(sources: Sources): RawFinding[] {
  const findings: RawFinding[] = [];
  const files = [...shellFiles(sources.texts), ...sources.texts.filter((f) => f.kind === 'fish-variables')];
  for (const line of textLines(files)) {
    if (line.comment || !line.text.includes('AWS_')) continue;
    for (const { name, value } of literalCredentialAssignments(line.text)) {
      findings.push({
        ruleId: secretInEnvironmentFile.id,
        severity: secretInEnvironmentFile.severity,
        file: line.file.path,
        line: line.number,
        key: name,
        message: `${name} is set to a literal value in a ${WHERE[line.file.kind] ?? 'shell start-up file'}.`,
        remediation: howToFix(name, line.file.kind),
        evidence: redact(value),
      });
    }
  }
  return findings;
}

export const secretInEnvironmentFile: Rule = {
  id: 'secret-in-environment-file',
  severity: 'high',
  title: 'AWS credentials set in a shell or .env file',
  description: 'AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN is assigned a literal in a shell start-up file ' +
    '(.bashrc, .zshrc, config.fish, …), a .env file in HOME, or a fish universal variable (SETUVAR in ~/.config/fish/fish_variables). Values computed at run time ($(…), ${VAR}, `…`) and commented lines are not reported here.',
  check,
};
