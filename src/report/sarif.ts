// `scan --format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it (docs: "SARIF support for
// code scanning"): $schema, driver rules with descriptions and help, results with a physical
// location, a level and partialFingerprints. Files are absolute file:// URIs: a HOME is no repository.
import { pathToFileURL } from 'node:url';
import { sortFindings } from './summary.js';
import type { Finding, Severity } from '../rules/types.js';
import type { ReportInput } from './summary.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifRule {
  id: string;
  severity: Severity;
  title: string;
  description: string;
}

export interface SarifTool {
  name: string;
  version: string;
  informationUri: string;
}

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub sorts security alerts by this 0–10 score (>= 7 is "high"). */
const SECURITY_SEVERITY: Record<Severity, string> = { high: '8.0', medium: '5.0', low: '3.0', info: '1.0' };

function sarifRule(rule: SarifRule): Record<string, unknown> {
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: `${rule.description}\nSee docs/scan.md for the remediation.` },
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: { tags: ['security'], 'security-severity': SECURITY_SEVERITY[rule.severity] },
  };
}

function result(f: Finding, ruleIndex: number): Record<string, unknown> {
  const text = `${f.message}${f.evidence !== undefined ? ` (${f.evidence})` : ''} Fix: ${f.remediation}`;
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVELS[f.severity],
    message: { text },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: pathToFileURL(f.file).href },
        region: { startLine: f.line, startColumn: 1, endLine: f.line },
      },
    }],
    partialFingerprints: { 'keyward/v1': f.fingerprint },
    properties: { severity: f.severity, ...(f.profile !== undefined ? { profile: f.profile } : {}) },
  };
}

function notifications(input: ReportInput): Record<string, unknown>[] {
  return input.errors.map((e) => ({
    level: 'error',
    message: { text: e.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: pathToFileURL(e.file).href },
        ...(e.line !== undefined ? { region: { startLine: e.line } } : {}),
      },
    }],
  }));
}

export function formatSarif(input: ReportInput, tool: SarifTool, rules: readonly SarifRule[]): string {
  const ids = rules.map((r) => r.id);
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: tool.name, version: tool.version, semanticVersion: tool.version, informationUri: tool.informationUri, rules: rules.map(sarifRule) } },
      invocations: [{ executionSuccessful: input.errors.length === 0, toolExecutionNotifications: notifications(input) }],
      results: sortFindings(input.findings).map((f) => result(f, ids.indexOf(f.ruleId))),
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
