// What migrate and restore print: the plan as a redacted diff for people, and a summary object
// for fleet scripts. Pure; secrets only ever appear through redact().
import { linesToShow } from '../display.js';
import { redact } from '../redact.js';
import type { Plan, PlanStep } from './plan.js';
import type { MigrateResult, Outcome } from './run.js';

/**
 * Shows a removed line with its key values redacted: the known values first, then any other run
 * of key-like characters long enough to be a key ID or a secret.
 */
export function redactLine(line: string, secrets: string[]): string {
  let out = line;
  for (const secret of secrets) if (secret) out = out.split(secret).join(redact(secret));
  return out.replace(/(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{16,}=*/g, (run) => redact(run));
}

export function formatPlan(plan: Plan, shimLine: (profile: string) => string): string {
  const out: string[] = [];
  if (plan.steps.length === 0) out.push('Nothing to migrate: no profile holds a long-term key in plaintext.');
  else out.push(`keyward will move ${plan.steps.length} key${plan.steps.length === 1 ? '' : 's'} into the keychain:`, '');
  for (const step of plan.steps) out.push(...formatStep(step, shimLine));
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
    ...step.lines.map((line) => `    - ${redactLine(line.trim(), [step.accessKeyId, step.secretAccessKey])}`),
    `    + credential_process = ${shimLine(step.profile)}`,
    '',
  ];
}

export function formatOutcomes(title: string, outcomes: Outcome[]): string[] {
  if (outcomes.length === 0) return [];
  return [title, ...outcomes.map((o) => linesToShow(`  ${o.profile} (${o.file})${o.reason ? `: ${o.reason}` : ''}`))];
}

export function formatResult(result: MigrateResult): string {
  const lines = [
    ...formatOutcomes('Migrated (the key now lives in the keychain):', result.migrated),
    ...formatOutcomes('Left alone:', result.skipped),
    ...formatOutcomes('Not migrated (the key is still in the file):', result.failed),
  ];
  if (lines.length === 0) lines.push('Nothing to migrate.');
  return `${lines.join('\n')}\n`;
}

export function planSummary(plan: Plan): object[] {
  return plan.steps.map((s) => ({ profile: s.profile, file: s.file, section: s.section.header, accessKeyId: redact(s.accessKeyId) }));
}

/** The exit code of design §3: 1 when a long-term key is still in plaintext after the run. */
export function exitCodeFor(result: MigrateResult): number {
  return result.failed.length > 0 || result.skipped.some((s) => s.leavesKey) ? 1 : 0;
}
