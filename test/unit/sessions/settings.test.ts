// The session policy keys: their grammar, the shim's own reader (sessions/settings.ts) and
// policy/'s reader agreeing on every layering and lock case, and the cache's freshness rule.
import { describe, expect, it } from 'vitest';
import { mergePolicy } from '../../../src/policy/merge.js';
import { parsePolicy } from '../../../src/policy/parse.js';
import { isReusable, REUSE_MARGIN_MS, type SessionItem } from '../../../src/sessions/cache.js';
import {
  parseDuration, parsePromptOrder, parseSessionMode, readSessionLayer, resolveSessionSettings, SESSION_DEFAULTS,
} from '../../../src/sessions/settings.js';
import { isKeywardError } from '../../../src/errors.js';

describe(parseDuration.name, () => {
  it.each([
    ['3600', 3600], ['3600s', 3600], ['90m', 5400], ['1h', 3600], ['1h30m', 5400], ['15m', 900], ['36h', 129_600], [' 2H ', 7200],
  ])('%j is %i seconds', (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each(['', 'h', '899', '14m59s', '36h1s', '129601', '1d', '-1h', '1.5h', 'one hour'])('refuses %j (STS takes 900 to 129600 seconds)', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  // The whole value must be a duration: a valid start followed by words is a typo, not 1h30m.
  it.each(['1h30min', '3600 seconds', '2hours', '1h 30m'])('refuses %j (only h, m and s units, nothing after them)', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('modes and prompt orders', () => {
  it.each([['mfa', 'mfa'], ['ALWAYS', 'always'], [' never ', 'never'], ['sometimes', undefined], ['', undefined]])('mode %j → %s', (text, mode) => {
    expect(parseSessionMode(text)).toBe(mode);
  });

  it.each([
    ['process, desktop, terminal', ['process', 'desktop', 'terminal']], ['terminal', ['terminal']], ['desktop,process', ['desktop', 'process']],
    ['terminal, process,', ['terminal', 'process']], [' , ', undefined],
    ['', undefined], ['process,process', undefined], ['process,yubikey', undefined],
  ])('prompt order %j → %j', (text, order) => expect(parsePromptOrder(text)).toEqual(order));
});

/** The session settings for `profile` as policy/ sees them (top level, then the profile's own keys). */
function viaPolicy(fleet: string | undefined, user: string | undefined, profile: string): unknown {
  const policy = mergePolicy(fleet === undefined ? undefined : parsePolicy('/fleet.ini', fleet), user === undefined ? undefined : parsePolicy('/user.ini', user), []);
  const merged = { ...policy, ...policy.profiles[profile] };
  return { mode: merged.sessionCredentials, durationSeconds: merged.sessionDuration, prompt: merged.mfaPrompt.split(',') };
}

function viaShim(fleet: string | undefined, user: string | undefined, profile: string): unknown {
  return resolveSessionSettings(fleet === undefined ? undefined : readSessionLayer('/fleet.ini', fleet),
    user === undefined ? undefined : readSessionLayer('/user.ini', user), profile);
}

describe('the shim and policy/ read the session keys alike', () => {
  it.each<[string, string | undefined, string | undefined, Record<string, unknown>]>([
    ['nothing set: the defaults', undefined, undefined, { ...SESSION_DEFAULTS }],
    ['the user sets all three', undefined, 'session_credentials = always\nsession_duration = 2h\nmfa_prompt = terminal, process\n',
      { mode: 'always', durationSeconds: 7200, prompt: ['terminal', 'process'] }],
    ['a [profile] section opts one profile out', undefined, 'session_credentials = always\n[profile dev]\nsession_credentials = never\n', { mode: 'never' }],
    ['another profile\'s section does not apply', undefined, '[profile prod]\nsession_credentials = never\n', { mode: 'mfa' }],
    ['a profile name with a dot', undefined, '[profile dev]\nsession_duration = 1h\n[profile my.dev]\nsession_credentials = never\n', { mode: 'mfa' }],
    ['a locked mode: a user may only make it stricter', 'session_credentials = mfa\nlocked = session_credentials\n', 'session_credentials = never\n', { mode: 'mfa' }],
    ['a locked mode: always is stricter than mfa', 'locked = session_credentials\n', 'session_credentials = always\n', { mode: 'always' }],
    ['a locked mode holds in a profile section too', 'session_credentials = always\nlocked = session_credentials\n', '[profile dev]\nsession_credentials = never\n', { mode: 'always' }],
    ['a locked duration: only shorter', 'session_duration = 1h\nlocked = session_duration\n', 'session_duration = 12h\n[profile dev]\nsession_duration = 30m\n', { durationSeconds: 1800 }],
    ['a locked duration: a longer one alone is ignored', 'session_duration = 1h\nlocked = session_duration\n', 'session_duration = 12h\n', { durationSeconds: 3600 }],
    ['a locked prompt order cannot change', 'mfa_prompt = process\nlocked = mfa_prompt\n', 'mfa_prompt = terminal\n', { prompt: ['process'] }],
    // Not even to a subset of the locked order: the fleet may rely on a prompt being tried first.
    ['a locked default prompt order cannot shrink', 'locked = mfa_prompt\n', 'mfa_prompt = desktop\n', { prompt: ['process', 'desktop', 'terminal'] }],
    ['several keys locked in one line', 'session_credentials = always\nlocked = session_duration, session_credentials\n', 'session_credentials = never\n', { mode: 'always' }],
    ['the fleet\'s profile section beats the user\'s top level', '[profile dev]\nsession_credentials = always\n', 'session_credentials = never\n', { mode: 'always' }],
    ['locked written as a list', 'session_credentials = always\nlocked[] = fail_on\nlocked[] = session_credentials\n', 'session_credentials = never\n', { mode: 'always' }],
    ['inline comments and rule sections', undefined, 'session_duration = 2h ; two hours\n[rules.mfa-not-configured]\nenabled = false\n', { durationSeconds: 7200 }],
    ['quoted values', undefined, 'session_credentials = "always"\nsession_duration = \'2h\'\n', { mode: 'always', durationSeconds: 7200 }],
    ['a trailing comma in mfa_prompt', undefined, 'mfa_prompt = terminal, process,\n', { prompt: ['terminal', 'process'] }],
    // The shim only reads the session keys; the rest of the policy is policy/'s to check.
    ['other policy keys beside the session keys', undefined, 'fail_on = high\nmax_key_age_days = 30\nsession_duration = 2h\n', { durationSeconds: 7200 }],
    ['spaces inside a [profile NAME] header', undefined, '[ profile  dev ]\nsession_credentials = never\n', { mode: 'never' }],
    ['spaces after a [profile NAME] header', undefined, '[profile dev]   \nsession_credentials = never\n', { mode: 'never' }],
  ])('%s', (_name, fleet, user, expected) => {
    const shim = viaShim(fleet, user, 'dev');
    expect(shim).toEqual({ ...SESSION_DEFAULTS, ...(shim as object), ...expected });
    expect(shim).toEqual(viaPolicy(fleet, user, 'dev'));
  });

  it('a [profile NAME] whose name has dots (which the ini package splits) applies to that profile', () => {
    const user = '[profile my.dev.eu]\nsession_credentials = never\n';
    expect(viaShim(undefined, user, 'my.dev.eu')).toEqual({ ...SESSION_DEFAULTS, mode: 'never' });
    expect(viaPolicy(undefined, user, 'my.dev.eu')).toEqual({ ...SESSION_DEFAULTS, mode: 'never' });
  });

  it.each([['session_credentials = sometimes\n', 'session_credentials'], ['[profile dev]\nsession_duration = 1d\n', 'session_duration']])('both refuse %j', (text, key) => {
    const refusal = (read: () => unknown): string => {
      try {
        read();
      } catch (error) {
        if (isKeywardError(error)) return `${error.code}: ${key}`;
      }
      return 'accepted';
    };
    expect(refusal(() => viaShim(undefined, text, 'dev'))).toBe(`policy-invalid: ${key}`);
    expect(refusal(() => viaPolicy(undefined, text, 'dev'))).toBe(`policy-invalid: ${key}`);
  });
});

describe(readSessionLayer.name, () => {
  it('reads top-level keys and [profile NAME] sections only, skipping comments and lines that are no key', () => {
    const layer = readSessionLayer('/user.ini', [
      '; session_credentials = never', '# session_duration = 12h', 'session_duration', 'mfa_prompt = terminal',
      '[rules.mfa-not-configured]', 'enabled = false', '[default]', 'session_credentials = never',
      '[profile dev', 'session_credentials = never', '[profile dev]', 'session_duration = 30m',
    ].join('\r\n'));
    expect(layer).toEqual({ file: '/user.ini', top: new Map([['mfa_prompt', 'terminal']]), locked: [], profiles: new Map([['dev', new Map([['session_duration', '30m']])]]) });
  });

  // The same values the ini package (policy/'s reader) gives.
  it.each([
    ['2h ; two hours', '2h'], ['2h   # two hours', '2h'], ['  2h  ', '2h'], ['"always"', 'always'], ["'terminal, process'", 'terminal, process'],
    ['""', ''], ['"', '"'], ['"always', '"always'], ['"always\'', '"always\''],
  ])('reads the value %j as %j', (value, read) => {
    expect(readSessionLayer('/user.ini', `session_credentials = ${value}\n`).top.get('session_credentials')).toBe(read);
  });

  it('takes locked from the top level only, as a comma-separated list or as locked[] lines', () => {
    const layer = readSessionLayer('/fleet.ini', 'locked = session_credentials, \nlocked[] = mfa_prompt\n[profile dev]\nlocked = session_duration\n');
    expect(layer.locked).toEqual(['session_credentials', 'mfa_prompt']);
    expect(resolveSessionSettings(readSessionLayer('/fleet.ini', '[profile dev]\nlocked = session_credentials\n'),
      readSessionLayer('/user.ini', 'session_credentials = never\n'), 'dev')).toMatchObject({ mode: 'never' });
  });

  it('names the file, the key, what it accepts and the value refused', () => {
    let refusal: unknown;
    try {
      resolveSessionSettings(undefined, readSessionLayer('/user.ini', '[profile dev]\nsession_duration = 1d\n'), 'dev');
    } catch (error) {
      refusal = error;
    }
    expect(isKeywardError(refusal)).toBe(true);
    expect(refusal).toMatchObject({
      code: 'policy-invalid',
      message: "/user.ini: session_duration must be a duration between 15m and 36h (900-129600 seconds, e.g. 1h or 3600), not '1d'",
      hint: 'Fix or remove it; `keyward policy` lists the policy keys and the values in force.',
    });
  });
});

describe('policy/ with [profile NAME] sections', () => {
  it('keeps only what differs from the top level, and warns about a locked key a profile section tries to weaken', () => {
    const policy = mergePolicy(parsePolicy('/fleet.ini', 'session_credentials = mfa\nlocked = session_credentials\n'),
      parsePolicy('/user.ini', '[profile a]\nsession_credentials = never\n[profile b]\nsession_credentials = always\nsession_duration = 30m\n'), []);
    expect(policy.profiles).toEqual({ a: {}, b: { sessionCredentials: 'always', sessionDuration: 1800 } });
    expect(policy.warnings).toEqual(['/user.ini: session_credentials is locked by the fleet policy; the user value is ignored']);
  });

  it('refuses an unknown key in a profile section, with its line', () => {
    expect(() => parsePolicy('/user.ini', '\n[profile a]\nregion = eu-west-1\n')).toThrow(
      '/user.ini:3: unknown key region in [profile a] (use session_credentials, session_duration, mfa_prompt)');
  });
});

describe(isReusable.name, () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const session = (minutesLeft: number, mfaSerial?: string): SessionItem => ({
    v: 1, AccessKeyId: 'ASIAY34FZKBOKMUTVV7A', SecretAccessKey: 's', SessionToken: 't', createdAt: now.toISOString(),
    Expiration: new Date(now.getTime() + minutesLeft * 60_000).toISOString(), source: { file: '/f', section: 'dev' }, ...(mfaSerial ? { mfaSerial } : {}),
  });

  it('reuses a session while more than 15 minutes remain', () => {
    expect(REUSE_MARGIN_MS).toBe(15 * 60_000);
    expect(isReusable(session(16), now, undefined)).toBe(true);
    expect(isReusable(session(15), now, undefined)).toBe(false);
    expect(isReusable(session(-1), now, undefined)).toBe(false);
    expect(isReusable(undefined, now, undefined)).toBe(false);
  });

  it('reuses it only for the MFA device it was made with (none is not a device)', () => {
    expect(isReusable(session(60, 'arn:mfa/a'), now, 'arn:mfa/a')).toBe(true);
    expect(isReusable(session(60), now, 'arn:mfa/a')).toBe(false);
    expect(isReusable(session(60, 'arn:mfa/a'), now, 'arn:mfa/b')).toBe(false);
    expect(isReusable(session(60, 'arn:mfa/a'), now, undefined)).toBe(false);
  });

  it('treats an unreadable expiry as expired', () => {
    expect(isReusable({ ...session(60), Expiration: 'soon' }, now, undefined)).toBe(false);
  });
});
