import { describe, expect, it } from 'vitest';
import { formatJson } from '../../../src/report/json.js';
import { formatSarif } from '../../../src/report/sarif.js';
import { formatText } from '../../../src/report/text.js';
import { summarize } from '../../../src/report/summary.js';
import { rules } from '../../../src/rules/index.js';
import type { Finding } from '../../../src/rules/types.js';

const finding = (patch: Partial<Finding>): Finding => ({
  ruleId: 'plaintext-access-key', severity: 'high', file: '/home/u/.aws/credentials', line: 2, profile: 'default',
  message: 'A key.', remediation: 'Migrate it.', evidence: 'AKIA…ZAM2', fingerprint: 'f'.repeat(32), ...patch,
});

const findings = [
  finding({}),
  finding({ ruleId: 'tls-verification-disabled', file: '/home/u/.bashrc', line: 9, profile: undefined, evidence: undefined, fingerprint: 'a'.repeat(32) }),
  finding({ ruleId: 'mfa-not-configured', severity: 'low', file: '/home/u/.aws/config', line: 4, profile: 'admin', evidence: undefined, fingerprint: 'b'.repeat(32) }),
];

describe(formatText.name, () => {
  it('groups by file, shows the fix and a summary line, without colour off a TTY', () => {
    const text = formatText({ findings, errors: [] }, { color: false });
    expect(text.split('\n').filter((l) => l.startsWith('/'))).toEqual(['/home/u/.aws/config', '/home/u/.aws/credentials', '/home/u/.bashrc']);
    expect(text).toContain('fix: Migrate it.');
    expect(text).toContain('(AKIA…ZAM2)');
    expect(text.trimEnd().split('\n').at(-1)).toBe('keyward scan: 3 findings (2 high, 0 medium, 1 low, 0 info).');
    expect(text).not.toContain('\x1b[');
  });

  it('says "no findings" when clean, and lists errors first', () => {
    expect(formatText({ findings: [], errors: [] }, { color: false })).toBe('keyward scan: no findings.\n');
    const text = formatText({ findings: [], errors: [{ file: '/x', line: 3, message: 'the AWS CLI refuses this file' }] }, { color: false });
    expect(text).toMatch(/^error \/x:3: the AWS CLI refuses this file\n/);
  });
});

describe(formatJson.name, () => {
  it('omits absent profile and evidence, and counts by severity', () => {
    const report = JSON.parse(formatJson({ findings, errors: [{ file: '/x', message: 'cannot be read (EIO)' }] }));
    expect(report.version).toBe(1);
    expect(report.summary).toEqual(summarize(findings));
    expect(report.findings.find((f: Finding) => f.ruleId === 'tls-verification-disabled')).not.toHaveProperty('profile');
    expect(report.errors).toEqual([{ file: '/x', message: 'cannot be read (EIO)' }]);
  });
});

describe(formatSarif.name, () => {
  it('maps severities to SARIF levels and links results to rules', () => {
    const log = JSON.parse(formatSarif({ findings, errors: [] }, { name: 'keyward', version: '1.2.3', informationUri: 'https://example.com' }, rules));
    const results = log.runs[0].results;
    expect(results.map((r: { level: string }) => r.level)).toEqual(['note', 'error', 'error']);
    for (const r of results) expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(true);
  });
});
