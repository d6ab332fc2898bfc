// What migrate and restore print: the plan as a redacted diff for people, and a summary object
// for fleet scripts. Pure; secrets only ever appear through redact.ts.
import { commandToShow, linesToShow } from '../display.js';
import { redact, redactText } from '../redact.js';
import type { Elsewhere } from './exported.js';
import type { Plan, PlanStep } from './plan.js';
import type { MigrateResult, Outcome } from './run.js';

/**
 * `held`: for an adoption, the redacted key ID the item holds now (by account), read by the
 * command before it asks; absent when the keychain could not be read.
 */
export function formatPlan(plan: Plan, shimLine: (profile: string) => string, elsewhere: Elsewhere[] = [], held: ReadonlyMap<string, string> = new Map()): string {
  const out: string[] = [];
  if (plan.steps.length === 0) out.push('Nothing to migrate: no profile holds a long-term key in plaintext.');
  else out.push(`keyward will move ${plan.steps.length} key${plan.steps.length === 1 ? '' : 's'} into the keychain:`, '');
  for (const step of plan.steps) {
    out.push(...(step.adopt ? formatAdoption(step, step.adopt.account, held.get(step.adopt.account)) : formatStep(step, shimLine)));
    for (const copy of elsewhere.filter((e) => e.profile === step.profile)) {
      out.splice(out.length - 1, 0, `    note: this key also appears in ${copy.file} line ${copy.line}; remove it there too, or it stays in plaintext`);
    }
  }
  if (plan.skipped.length > 0) {
    out.push('Left alone:');
    for (const skip of plan.skipped) out.push(`  ${skip.profile} (${skip.file}): ${skip.reason}`);
    out.push('');
  }
  // Profile names, paths and the removed lines come from the files: shown escaped.
  return linesToShow(`${out.join('\n')}\n`);
}

function formatStep(step: PlanStep, shimLine: (profile: string) => string): string[] {
  return [
    `  profile ${step.profile}  (${step.file}, [${step.section.header}])`,
    ...step.lines.map((line) => `    - ${redactText(line.trim(), [step.accessKeyId, step.secretAccessKey])}`),
    `    + credential_process = ${shimLine(step.profile)}`,
    '',
  ];
}

/** A key next to keyward's line: the item's key is replaced, the old one kept as the previous key. */
function formatAdoption(step: PlanStep, account: string, old: string | undefined): string[] {
  return [
    `  profile ${step.profile}  (${step.file}, [${step.section.header}])`,
    `    replaces the key in keychain item '${account}': ${old ?? 'its current key'} → ${redact(step.accessKeyId)}`,
    `    (the AWS CLI uses the file's key now; the old key is kept as the profile's previous key until \`${commandToShow(['keyward', 'remove', '--profile', step.profile, '--previous'])}\`)`,
    ...step.lines.map((line) => `    - ${redactText(line.trim(), [step.accessKeyId, step.secretAccessKey])}`),
    '    (keyward\'s credential_process line stays)',
    '',
  ];
}

export function formatOutcomes(title: string, outcomes: Outcome[]): string[] {
  if (outcomes.length === 0) return [];
  return [title, ...outcomes.map((o) => linesToShow(`  ${o.profile} (${o.file})${o.reason ? `: ${o.reason}` : ''}`))];
}

export function formatResult(result: MigrateResult): string {
  const adopted = result.migrated.filter((m) => m.replaced !== undefined);
  const lines = [
    ...formatOutcomes('Migrated (the key now lives in the keychain):', result.migrated.filter((m) => m.replaced === undefined)),
    ...formatOutcomes('Adopted (the keychain item now holds the file\'s new key):', adopted.map((m) => ({ ...m, reason: adoptedNote(m) }))),
    ...formatOutcomes('Left alone:', result.skipped),
    ...formatOutcomes('Not migrated (the key is still in the file):', result.failed),
  ];
  if (result.tightened) lines.push(`Tightened ${result.tightened.dir} to mode 0700 (it was ${result.tightened.from}), as \`aws configure\` keeps it.`);
  if (lines.length === 0) lines.push('Nothing to migrate.');
  return `${lines.join('\n')}\n`;
}

function adoptedNote(outcome: Outcome): string {
  if (outcome.replaced === 'none') return `${outcome.accessKeyId ?? ''} (the item was missing)`;
  return `${outcome.replaced ?? ''} → ${outcome.accessKeyId ?? ''}; the old key is kept until you retire it in IAM and run ` +
    `\`${commandToShow(['keyward', 'remove', '--profile', outcome.profile, '--previous'])}\``;
}

export function planSummary(plan: Plan): object[] {
  return plan.steps.map((s) => ({ profile: s.profile, file: s.file, section: s.section.header, accessKeyId: redact(s.accessKeyId),
    ...(s.adopt && { adopts: s.adopt.account }) }));
}
