// `scan --format text`: for people. Grouped by file, each finding with its fix, one summary line.
// Colour only when the output is a terminal (and NO_COLOR is unset; the caller decides).
import { textToShow } from '../display.js';
import { sortFindings, summarize } from './summary.js';
import type { Finding, Severity } from '../rules/types.js';
import type { ReportInput } from './summary.js';

export interface TextOptions {
  color: boolean;
}

const COLORS: Record<Severity | 'error' | 'dim', string> = {
  high: '\x1b[31;1m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[2m', error: '\x1b[31;1m', dim: '\x1b[2m',
};
const RESET = '\x1b[0m';

function paint(text: string, color: keyof typeof COLORS, options: TextOptions): string {
  return options.color ? `${COLORS[color]}${text}${RESET}` : text;
}

function formatFinding(f: Finding, options: TextOptions): string[] {
  const label = paint(f.severity.toUpperCase().padEnd(6), f.severity, options);
  // Profile names, paths and messages quote files: their control characters are shown escaped,
  // so only keyward's own colours reach the terminal.
  const profile = f.profile !== undefined ? ` [${textToShow(f.profile)}]` : '';
  const evidence = f.evidence !== undefined ? ` (${textToShow(f.evidence)})` : '';
  return [
    `  ${String(f.line).padStart(4)}  ${label} ${f.ruleId}${profile}: ${textToShow(f.message)}${evidence}`,
    `        ${paint('fix:', 'dim', options)} ${textToShow(f.remediation)}`,
  ];
}

function summaryLine(input: ReportInput): string {
  const s = summarize(input.findings);
  const total = input.findings.length;
  const errors = input.errors.length ? `; ${input.errors.length} error${input.errors.length === 1 ? '' : 's'}` : '';
  if (total === 0) return `keyward scan: no findings${errors}.`;
  return `keyward scan: ${total} finding${total === 1 ? '' : 's'} (${s.high} high, ${s.medium} medium, ${s.low} low, ${s.info} info)${errors}.`;
}

export function formatText(input: ReportInput, options: TextOptions): string {
  const lines: string[] = [];
  for (const e of input.errors) {
    lines.push(`${paint('error', 'error', options)} ${textToShow(e.file)}${e.line !== undefined ? `:${e.line}` : ''}: ${textToShow(e.message)}`);
  }
  if (input.errors.length) lines.push('');
  let file: string | undefined;
  for (const f of sortFindings(input.findings)) {
    if (f.file !== file) {
      if (file !== undefined) lines.push('');
      file = f.file;
      lines.push(textToShow(f.file));
    }
    lines.push(...formatFinding(f, options));
  }
  if (file !== undefined) lines.push('');
  lines.push(summaryLine(input));
  return `${lines.join('\n')}\n`;
}
