// `scan --format json`: docs/architecture.md §3, plus `errors` (files the scan could not use).
import { sortFindings, summarize } from './summary.js';
import type { Finding } from '../rules/types.js';
import type { ReportInput } from './summary.js';

/** Only the contract's fields, in the contract's order: what scan's JSON and the daemon's events both carry. */
export function findingJson(f: Finding): Finding {
  return {
    ruleId: f.ruleId, severity: f.severity, file: f.file, line: f.line,
    ...(f.profile !== undefined ? { profile: f.profile } : {}),
    message: f.message, remediation: f.remediation,
    ...(f.evidence !== undefined ? { evidence: f.evidence } : {}),
    fingerprint: f.fingerprint,
  };
}

export function formatJson(input: ReportInput): string {
  const report = {
    version: 1,
    findings: sortFindings(input.findings).map(findingJson),
    summary: summarize(input.findings),
    errors: input.errors.map((e) => ({ file: e.file, ...(e.line !== undefined ? { line: e.line } : {}), message: e.message })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
