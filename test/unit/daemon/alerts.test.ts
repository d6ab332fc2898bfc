import { describe, expect, it } from 'vitest';
import { diffFindings, keepUnreadable } from '../../../src/daemon/alerts.js';
import type { Finding } from '../../../src/rules/types.js';

const finding = (fingerprint: string, file = '/h/.aws/credentials'): Finding => ({
  ruleId: 'plaintext-access-key', severity: 'high', file, line: 2, profile: 'p', message: 'm', remediation: 'r', fingerprint,
});
const open = (...findings: Finding[]) => new Map(findings.map((f) => [f.fingerprint, f]));

describe(diffFindings.name, () => {
  it.each([
    { name: 'first sight is news', previous: [], current: ['a'], added: ['a'], resolved: [] },
    { name: 'a finding that stays is not re-alerted', previous: ['a'], current: ['a'], added: [], resolved: [] },
    { name: 'a fixed finding is resolved', previous: ['a', 'b'], current: ['b'], added: [], resolved: ['a'] },
    { name: 'fixed and new at once', previous: ['a'], current: ['b'], added: ['b'], resolved: ['a'] },
    { name: 'duplicates in one scan count once', previous: [], current: ['a', 'a'], added: ['a'], resolved: [] },
  ])('$name', ({ previous, current, added, resolved }) => {
    const diff = diffFindings(open(...previous.map((f) => finding(f))), current.map((f) => finding(f)));
    expect(diff.added.map((f) => f.fingerprint)).toEqual(added);
    expect(diff.resolved.map((f) => f.fingerprint)).toEqual(resolved);
    expect([...diff.open.keys()]).toEqual([...new Set(current)]);
  });

  it('keys on the fingerprint, not the line: a finding that moves is the same finding', () => {
    const moved = { ...finding('a'), line: 9 };
    expect(diffFindings(open(finding('a')), [moved]).added).toEqual([]);
  });
});

describe(keepUnreadable.name, () => {
  it('keeps the open findings of a file that failed to parse this time, and only those', () => {
    const previous = open(finding('a', '/broken'), finding('b', '/fine'));
    expect(keepUnreadable(previous, [], new Set(['/broken'])).map((f) => f.fingerprint)).toEqual(['a']);
    expect(keepUnreadable(previous, [], new Set())).toEqual([]);
  });
});
