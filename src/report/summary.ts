// Counts and ordering shared by the formatters and the exit code.
import { SEVERITIES } from '../rules/types.js';
import type { Finding, Severity } from '../rules/types.js';

export type Summary = Record<Severity, number>;

export function summarize(findings: readonly Finding[]): Summary {
  const summary: Summary = { high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of findings) summary[finding.severity]++;
  return summary;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** By file, then line, then severity (most severe first), then rule ID: stable output for diffs (code-point order, not locale). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) =>
    compare(a.file, b.file) || a.line - b.line ||
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || compare(a.ruleId, b.ruleId) ||
    compare(a.fingerprint, b.fingerprint));
}

/** A problem that stopped part of the scan (a file botocore refuses, a file that cannot be read). */
export interface ReportError {
  file: string;
  line?: number;
  message: string;
}

export interface ReportInput {
  findings: readonly Finding[];
  errors: readonly ReportError[];
}
