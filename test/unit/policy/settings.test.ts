// The settings table is the one description of each policy key: its default must parse as what it
// is, and its direction must match what a locked key lets a user change.
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/policy/parse.js';
import { DEFAULT_SETTINGS, SETTING_TABLE, isStricter, settingRow } from '../../../src/policy/settings.js';

describe('SETTING_TABLE', () => {
  it.each(SETTING_TABLE.map((row) => [row.key, row] as const))('%s: its default, written in a policy file, reads back as itself', (key, row) => {
    const layer = parsePolicy('/p.ini', `${key} = ${String(row.default)}\n`);
    expect(layer.settings).toEqual({ [row.field]: row.default });
    expect(DEFAULT_SETTINGS[row.field]).toBe(row.default);
  });

  it.each([
    ['fail_on', 'medium', 'low', true], ['fail_on', 'medium', 'high', false],
    ['max_key_age_days', 90, 30, true], ['max_key_age_days', 90, 120, false],
    ['require_fips', false, true, true], ['require_fips', true, false, false],
    ['notify', true, false, false], ['auto_migrate', false, true, false],
    ['rescan_schedule', '0 * * * *', '*/5 * * * *', false], ['rescan_schedule', '0 * * * *', '0 * * * *', true],
  ] as const)('%s: %s → %s is stricter: %s', (key, current, next, expected) => {
    expect(isStricter(settingRow(key)!, current, next)).toBe(expected);
  });
});
