// AWS credential variables set to a literal in a shell start-up file or a dotenv file in HOME.
import { redact } from '../redact.js';
import { isComputed } from './patterns.js';
import { assignments, shellFiles, textLines } from './text-lines.js';
import type { Assignment } from './text-lines.js';
import type { RawFinding, Rule, Sources } from './types.js';

export const CREDENTIAL_VARIABLES = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);

/** The literal credential values assigned on a line (shared with secret-in-free-text, which skips them). */
export function literalCredentialAssignments(text: string): Assignment[] {
  return assignments(text).filter((a) =>
    CREDENTIAL_VARIABLES.has(a.name) && a.value !== '' && !isComputed(a.raw));
}

function check(sources: Sources): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const line of textLines(shellFiles(sources.texts))) {
    if (line.comment || !line.text.includes('AWS_')) continue;
    for (const { name, value } of literalCredentialAssignments(line.text)) {
      findings.push({
        ruleId: secretInEnvironmentFile.id,
        severity: secretInEnvironmentFile.severity,
        file: line.file.path,
        line: line.number,
        key: name,
        message: `${name} is set to a literal value in a ${line.file.kind === 'env' ? 'dotenv' : 'shell start-up'} file.`,
        remediation: 'Delete the line and use a profile (`keyward migrate` keeps its key in the OS keychain), ' +
          'or read the value at run time, e.g. `export ' + name + '=$(pass show aws/' + name.toLowerCase() + ')`.',
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
    '(.bashrc, .zshrc, config.fish, …) or a .env file in HOME. Values computed at run time ($(…), ${VAR}, `…`) and commented lines are not reported here.',
  check,
};
