import { describe, expect, it } from 'vitest';
import { eventLevel, findingEvent, resolvedEvent, toJsonLine, toText } from '../../../src/daemon/events.js';
import type { Finding } from '../../../src/rules/types.js';

const finding: Finding = {
  ruleId: 'plaintext-access-key', severity: 'high', file: '/h/.aws/credentials', line: 2, profile: 'dev',
  message: 'A key is stored in plain text.', remediation: 'Run keyward migrate.', evidence: 'AKIA…WXYZ', fingerprint: 'f1',
};
const time = new Date('2026-01-02T03:04:05.000Z');

describe(toJsonLine.name, () => {
  it('writes one line with the design §3 finding fields, the event name and the time', () => {
    const line = toJsonLine(findingEvent({ ...finding, extra: 'dropped' } as Finding, time));
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({ event: 'finding', time: '2026-01-02T03:04:05.000Z', ...finding });
  });

  it('omits profile and evidence when the finding has none', () => {
    const bare: Finding = { ...finding, profile: undefined, evidence: undefined };
    const keys = Object.keys(JSON.parse(toJsonLine(resolvedEvent(bare, time))));
    expect(keys).not.toContain('profile');
    expect(keys).not.toContain('evidence');
  });

  it('marks reminders', () => {
    expect(JSON.parse(toJsonLine(findingEvent(finding, time, true)))).toMatchObject({ event: 'finding', reminder: true });
  });
});

describe(toText.name, () => {
  it.each([
    [findingEvent(finding, time), 'NEW high plaintext-access-key: /h/.aws/credentials:2 [dev] A key is stored in plain text. (AKIA…WXYZ)\n  fix: Run keyward migrate.'],
    [findingEvent(finding, time, true), 'still open high plaintext-access-key'],
    [resolvedEvent(finding, time), 'resolved plaintext-access-key: /h/.aws/credentials:2 [dev]'],
    [{ event: 'migrated' as const, time: '', profile: 'dev', file: '/h/.aws/credentials' }, "migrated profile 'dev' from /h/.aws/credentials"],
    [{ event: 'error' as const, time: '', file: '/h/.aws/config', line: 3, message: 'refused' }, 'error: /h/.aws/config:3 refused'],
    [{ event: 'ready' as const, time: '', files: 7 }, 'watching 7 files'],
  ])('%#', (event, expected) => {
    expect(toText(event)).toContain(expected);
  });
});

describe(eventLevel.name, () => {
  it('warns for high and medium findings, errors for errors', () => {
    expect(eventLevel(findingEvent(finding, time))).toBe('warn');
    expect(eventLevel(findingEvent({ ...finding, severity: 'low' }, time))).toBe('info');
    expect(eventLevel({ event: 'error', time: '', message: 'x' })).toBe('error');
  });
});

describe('the text console of keyward watch', () => {
  it('prefixes each line with the local date and time', async () => {
    const { localTime } = await import('../../../src/daemon/sinks/log.js');
    expect(localTime(new Date(2026, 10, 26, 9, 5, 7))).toBe('2026-11-26 09:05:07');
  });

  it('says which file error is gone', () => {
    expect(toText({ event: 'resolved', time: 't', file: '/h/.aws/config', line: 3, message: 'no longer: the AWS CLI refuses this file: x', error: true }))
      .toBe('resolved: /h/.aws/config:3 no longer: the AWS CLI refuses this file: x');
  });
});
