// parsePolicy and mergePolicy on their own: every value form, every refusal with its exact line,
// and what "stricter" means for each locked setting and rule.
import { describe, expect, it } from 'vitest';
import { isKeywardError } from '../../../src/errors.js';
import { mergePolicy } from '../../../src/policy/merge.js';
import { lineOf, parsePolicy } from '../../../src/policy/parse.js';
import type { PolicyLayer } from '../../../src/policy/policy.js';

function refusal(text: string): { code: string; message: string; hint: string } {
  try {
    parsePolicy('/etc/keyward/policy.ini', text);
  } catch (error) {
    if (isKeywardError(error)) return { code: error.code, message: error.message, hint: error.hint ?? '' };
    throw error;
  }
  throw new Error('parsePolicy accepted it');
}

const layer = (file: string, text: string): PolicyLayer => parsePolicy(file, text);

describe(parsePolicy.name, () => {
  it.each([
    ['true', true], ['yes', true], ['on', true], ['1', true], ['TRUE', true], [' Yes ', true],
    ['false', false], ['no', false], ['off', false], ['0', false], ['Off', false],
  ])('reads the boolean word %j as %s', (word, value) => {
    expect(parsePolicy('/p', `notify = ${word}\n`).settings).toEqual({ notify: value });
    expect(parsePolicy('/p', `[rules.mfa-not-configured]\nenabled = ${word}\n`).rules).toEqual({ 'mfa-not-configured': { enabled: value } });
  });

  it('reads every setting', () => {
    const parsed = parsePolicy('/p', [
      'fail_on = low', 'max_key_age_days = 1', 'require_fips = true', 'require_imdsv2 = yes', 'auto_migrate = on',
      'rescan_schedule = */5 * * * *', 'reminder_schedule = 0 8 * * 1', 'key_age_schedule = 1 2 * * *',
      'shim_check_schedule = 3 * * * *', 'syslog = 1', 'notify = 0', 'extra_paths = a, b ,,c', 'locked = fail_on,notify',
      'session_credentials = always', 'session_duration = 2h', 'mfa_prompt = terminal, process',
    ].join('\n'));
    expect(parsed).toEqual({
      file: '/p', rules: {}, extraPaths: ['a', 'b', 'c'], locked: ['fail_on', 'notify'], profiles: {},
      settings: {
        failOn: 'low', maxKeyAgeDays: 1, requireFips: true, requireImdsv2: true, autoMigrate: true,
        rescanSchedule: '*/5 * * * *', reminderSchedule: '0 8 * * 1', keyAgeSchedule: '1 2 * * *',
        shimCheckSchedule: '3 * * * *', syslog: true, notify: false,
        sessionCredentials: 'always', sessionDuration: 7200, mfaPrompt: 'terminal,process',
      },
    });
  });

  it('reads lists written as repeated key[] lines, trimmed and without empty items', () => {
    expect(parsePolicy('/p', 'extra_paths[] = a\nextra_paths[] =  b \nextra_paths[] = \n').extraPaths).toEqual(['a', 'b']);
    expect(parsePolicy('/p', 'locked[] = x\n').locked).toEqual(['x']);
    expect(parsePolicy('/p', 'locked = \n').locked).toEqual([]);
  });

  it('reads a rule section with both keys', () => {
    expect(parsePolicy('/p', '[rules.plaintext-access-key]\nenabled = false\nseverity = low\n').rules)
      .toEqual({ 'plaintext-access-key': { enabled: false, severity: 'low' } });
  });

  it.each([
    ['fail_on = critical', 1, "fail_on must be high, medium, low or info, not 'critical'"],
    ['\nfail_on =', 2, 'fail_on must have a value'],
    ['max_key_age_days = 0', 1, 'max_key_age_days must be a whole number of days, at least 1'],
    ['max_key_age_days = 1.5', 1, 'max_key_age_days must be a whole number of days, at least 1'],
    ['max_key_age_days = -3', 1, 'max_key_age_days must be a whole number of days, at least 1'],
    ['# c\n\nnotify = maybe', 3, 'notify must be true or false'],
    ['rescan_schedule =  ', 1, 'rescan_schedule must have a value'],
    ['[rules.mfa-not-configured]\nenabled = sometimes', 2, 'enabled must be true or false'],
    ['[rules.mfa-not-configured]\n\nseverity = severe', 3, "severity must be high, medium, low or info, not 'severe'"],
    ['[rules.mfa-not-configured]\nlevel = high', 2, 'unknown key level in [rules.mfa-not-configured] (use enabled, severity)'],
    ['\n[rules.nope]\nenabled = false', 2, 'unknown rule [rules.nope]'],
    ['region = x', 1, 'unknown setting region'],
    ['\n[general]\nx = 1', 2, 'unknown section general'],
  ])('refuses %j at line %i: %s', (text, line, problem) => {
    expect(refusal(`${text}\n`)).toEqual({
      code: 'policy-invalid', message: `/etc/keyward/policy.ini:${line}: ${problem}`,
      hint: 'Fix or remove it; `keyward policy` lists the policy keys and the values in force.',
    });
  });
});

describe(lineOf.name, () => {
  const text = 'a = 1\r\n[s]\nb[] = 2\r  c=3\n[ t ]\nc = 4\n[a.b+c]\nd = 5\n';
  it.each([
    [undefined, 'a', 1],
    ['s', 'b', 3],
    ['s', 'c', 4],
    ['t', 'c', 6],
    ['t', '', 5],
    ['a.b+c', '', 7],
    ['a.b+c', 'd', 8],
    ['s', 'a', 1],
    [undefined, 'zzz', 1],
  ] as const)('[%s] %s is on line %i', (section, key, line) => {
    expect(lineOf(text, section, key)).toBe(line);
  });

  it('matches the whole key, not a prefix or a regex', () => {
    expect(lineOf('ab = 1\na = 2\n', undefined, 'a')).toBe(2);
    expect(lineOf('axb = 1\na.b = 2\n', undefined, 'a.b')).toBe(2);
  });
});

describe(mergePolicy.name, () => {
  const fleetFile = '/etc/keyward/policy.ini';
  const userFile = '/home/u/.config/keyward/config.ini';

  it('is the defaults with no layer, and carries the files', () => {
    const policy = mergePolicy(undefined, undefined, ['/f', '/u']);
    expect(policy).toMatchObject({ failOn: 'medium', maxKeyAgeDays: 90, extraPaths: [], locked: [], files: ['/f', '/u'], warnings: [] });
    expect(policy.rules['imdsv1-allowed']).toEqual({ enabled: false, severity: expect.any(String) });
  });

  it.each([
    // setting, fleet value, user value, stricter (the user's value is kept)
    ['fail_on', 'medium', 'low', true],
    ['fail_on', 'medium', 'medium', true],
    ['fail_on', 'medium', 'high', false],
    ['max_key_age_days', '60', '30', true],
    ['max_key_age_days', '60', '60', true],
    ['max_key_age_days', '60', '61', false],
    ['require_fips', 'true', 'false', false],
    ['require_fips', 'false', 'true', true],
    ['require_imdsv2', 'true', 'false', false],
    ['notify', 'true', 'false', false],
    ['notify', 'false', 'true', true],
    ['syslog', 'true', 'false', false],
    ['syslog', 'true', 'true', true],
    ['auto_migrate', 'false', 'true', false],
    ['rescan_schedule', '0 * * * *', '0 0 1 1 *', false],
    ['rescan_schedule', '0 * * * *', '0 * * * *', true],
  ])('locked %s = %s: the user value %s is kept only if stricter (%s)', (key, fleetValue, userValue, kept) => {
    const fleet = layer(fleetFile, `${key} = ${fleetValue}\nlocked = ${key}\n`);
    const user = layer(userFile, `${key} = ${userValue}\n`);
    const name = Object.keys(user.settings)[0] as keyof typeof user.settings;
    const policy = mergePolicy(fleet, user, []);
    expect(policy[name]).toBe(kept ? user.settings[name] : fleet.settings[name]);
    expect(policy.warnings).toEqual(kept ? [] : [`${userFile}: ${key} is locked by the fleet policy; the user value is ignored`]);
    // Unlocked, the user always wins.
    expect(mergePolicy(layer(fleetFile, `${key} = ${fleetValue}\n`), user, [])[name]).toBe(user.settings[name]);
  });

  it.each([
    // fleet rule section, user rule section, kept
    ['enabled = true', 'enabled = false', false],
    ['enabled = false', 'enabled = true', true],
    ['enabled = false', 'enabled = false', true],
    ['severity = medium', 'severity = high', true],
    ['severity = medium', 'severity = medium', true],
    ['severity = medium', 'severity = low', false],
    ['severity = medium', 'enabled = true\nseverity = info', false],
  ])('a locked rule [%s]: the user [%s] is kept only if stricter (%s)', (fleetRule, userRule, kept) => {
    const id = 'mfa-not-configured';
    const fleet = layer(fleetFile, `locked = ${id}\n[rules.${id}]\n${fleetRule}\n`);
    const user = layer(userFile, `[rules.${id}]\n${userRule}\n`);
    const policy = mergePolicy(fleet, user, []);
    const fleetOnly = mergePolicy(fleet, undefined, []).rules[id];
    expect(policy.rules[id]).toEqual(kept ? { ...fleetOnly, ...user.rules[id] } : fleetOnly);
    expect(policy.warnings).toEqual(kept ? [] : [`${userFile}: rule ${id} is locked by the fleet policy; the user setting is ignored`]);
  });

  it('a fleet layer is never held back by its own locks', () => {
    const fleet = layer(fleetFile, 'fail_on = high\nlocked = fail_on\n');
    expect(mergePolicy(fleet, undefined, []).failOn).toBe('high');
    expect(mergePolicy(fleet, undefined, []).locked).toEqual(['fail_on']);
  });

  it('require_fips and require_imdsv2 switch their rules on even when a layer disabled them', () => {
    const user = layer(userFile, 'require_fips = true\nrequire_imdsv2 = true\n[rules.fips-endpoint-not-used]\nenabled = false\n[rules.imdsv1-allowed]\nenabled = false\n');
    const policy = mergePolicy(undefined, user, []);
    expect(policy.rules['fips-endpoint-not-used']?.enabled).toBe(true);
    expect(policy.rules['imdsv1-allowed']?.enabled).toBe(true);
    const off = mergePolicy(undefined, layer(userFile, '[rules.fips-endpoint-not-used]\nenabled = false\n'), []);
    expect(off.rules['fips-endpoint-not-used']?.enabled).toBe(false);
    expect(off.rules['imdsv1-allowed']?.enabled).toBe(false);
  });

  it('joins extra paths of both layers without duplicates, fleet first', () => {
    const fleet = layer(fleetFile, 'extra_paths = /a, /b\n');
    const user = layer(userFile, 'extra_paths = /b, /c\n');
    expect(mergePolicy(fleet, user, []).extraPaths).toEqual(['/a', '/b', '/c']);
  });
});

describe('parsePolicy, odd shapes', () => {
  it.each([
    ['rules = x', /policy\.ini:1: rules must be \[rules\.<ruleId>\] sections$/],
    ['rules[] = x', /policy\.ini:1: rules must be \[rules\.<ruleId>\] sections$/],
    ['[rules.mfa-not-configured\nenabled = true', /policy\.ini:1: the section header \[rules\.mfa-not-configured has no closing \]$/],
    ['extra_paths = true', /policy\.ini:1: extra_paths must be a comma-separated list$/],
    ['locked = false', /policy\.ini:1: locked must be a comma-separated list$/],
  ])('refuses %j', (text, pattern) => {
    expect(refusal(`${text}\n`).message).toMatch(pattern);
  });

  it('trims values and list items', () => {
    expect(parsePolicy('/p', 'fail_on =   low   \nextra_paths[] =  /a  \n').settings).toEqual({ failOn: 'low' });
    expect(parsePolicy('/p', 'extra_paths[] =  /a  \n').extraPaths).toEqual(['/a']);
    expect(parsePolicy('/p', 'notify = "  YES "\n').settings).toEqual({ notify: true });
  });

  it('starts each layer empty', () => {
    expect(parsePolicy('/p', '')).toEqual({ file: '/p', settings: {}, rules: {}, extraPaths: [], locked: [], profiles: {} });
  });
});

describe('lineOf, headers', () => {
  it('takes a line as a header only when the whole trimmed line is [ … ]', () => {
    expect(lineOf('a = [s]\nb = 1\n', 's', 'b')).toBe(1);
    expect(lineOf('[s] x\nb = 1\n', 's', 'b')).toBe(1);
    expect(lineOf('  [s]  \nb = 1\n', 's', 'b')).toBe(2);
  });
});
