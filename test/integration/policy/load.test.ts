// loadPolicy on real files: the fleet policy and the user's config.ini in a temp HOME.
import { describe, expect, it } from 'vitest';
import { isKeywardError } from '../../../src/errors.js';
import { FLEET_POLICY_PATH, fleetPolicyPath, loadPolicy, userPolicyPath } from '../../../src/policy/load.js';
import { createTempHome, writeFileWithMode } from '../../support/temp-home.js';

async function setUp(fleet?: string, user?: string) {
  const temp = createTempHome('policy');
  const { home } = temp;
  const env = { KEYWARD_FLEET_POLICY: temp.fleetPolicy, XDG_CONFIG_HOME: temp.env.XDG_CONFIG_HOME as string };
  if (fleet !== undefined) writeFileWithMode(env.KEYWARD_FLEET_POLICY, fleet, 0o644);
  if (user !== undefined) writeFileWithMode(userPolicyPath(env, home), user, 0o644);
  return { env, home };
}

async function policyError(fleet?: string, user?: string): Promise<string> {
  try {
    await loadPolicy(await setUp(fleet, user));
  } catch (error) {
    if (isKeywardError(error) && error.code === 'policy-invalid') return error.message;
    throw error;
  }
  throw new Error('no error');
}

describe(loadPolicy.name, () => {
  it('has the built-in defaults when no file exists', async () => {
    const policy = await loadPolicy(await setUp());
    expect(policy).toMatchObject({
      failOn: 'medium', maxKeyAgeDays: 90, requireFips: false, requireImdsv2: false, extraPaths: [], autoMigrate: false,
      rescanSchedule: '0 * * * *', reminderSchedule: '0 9 * * *', keyAgeSchedule: '30 9 * * *', shimCheckSchedule: '15 * * * *',
      syslog: false, notify: true, warnings: [],
    });
    expect(policy.rules['plaintext-access-key']).toEqual({ enabled: true, severity: 'high' });
    expect(policy.rules['fips-endpoint-not-used']).toEqual({ enabled: false, severity: 'info' });
    expect(policy.files).toHaveLength(2);
  });

  it('layers user over fleet over defaults', async () => {
    const policy = await loadPolicy(await setUp(
      'fail_on = low\nmax_key_age_days = 60\nrequire_fips = true\nextra_paths = ~/.work.env, /etc/profile.d/aws.sh\n[rules.mfa-not-configured]\nseverity = medium\n',
      'max_key_age_days = 30\nnotify = false\nextra_paths[] = ~/.secrets.sh\n[rules.plaintext-session-token]\nenabled = false\n',
    ));
    expect(policy).toMatchObject({ failOn: 'low', maxKeyAgeDays: 30, requireFips: true, notify: false });
    expect(policy.extraPaths).toEqual(['~/.work.env', '/etc/profile.d/aws.sh', '~/.secrets.sh']);
    expect(policy.rules['mfa-not-configured']).toEqual({ enabled: true, severity: 'medium' });
    expect(policy.rules['plaintext-session-token']?.enabled).toBe(false);
    expect(policy.rules['fips-endpoint-not-used']?.enabled).toBe(true);
  });

  it('keeps locked fleet settings from being weakened, but lets the user tighten them', async () => {
    const policy = await loadPolicy(await setUp(
      'fail_on = medium\nmax_key_age_days = 60\nrequire_imdsv2 = true\nlocked = fail_on, max_key_age_days, require_imdsv2, plaintext-access-key, mfa-not-configured\n',
      'fail_on = high\nmax_key_age_days = 30\nrequire_imdsv2 = false\n[rules.plaintext-access-key]\nenabled = false\n[rules.mfa-not-configured]\nseverity = high\n',
    ));
    expect(policy).toMatchObject({ failOn: 'medium', maxKeyAgeDays: 30, requireImdsv2: true });
    expect(policy.rules['plaintext-access-key']?.enabled).toBe(true);
    expect(policy.rules['mfa-not-configured']?.severity).toBe('high');
    expect(policy.rules['imdsv1-allowed']?.enabled).toBe(true);
    expect(policy.warnings).toHaveLength(3);
  });

  it.each([
    ['an unknown severity', 'fail_on = critical\n', /policy\.ini:1: fail_on must be/],
    ['an unknown setting', 'region = x\nmax_key_age_days = soon\n', /policy\.ini:1: unknown setting region/],
    ['a bad number on its line', '\nmax_key_age_days = soon\n', /policy\.ini:2: max_key_age_days must be a whole number/],
    ['a bad boolean', 'notify = maybe\n', /policy\.ini:1: notify must be true or false/],
    ['an unknown rule', '\n\n[rules.no-such-rule]\nenabled = false\n', /policy\.ini:3: unknown rule/],
    ['a bad rule severity', '[rules.mfa-not-configured]\nseverity = severe\n', /policy\.ini:2: severity must be/],
    ['an unknown rule key', '[rules.mfa-not-configured]\nlevel = high\n', /policy\.ini:2: unknown key level/],
    ['an unknown section', '[general]\nx = 1\n', /policy\.ini:1: unknown section general/],
  ])('refuses %s with the file and line', async (_name, text, pattern) => {
    expect(await policyError(text)).toMatch(pattern);
  });

  // A missing file is no policy; a path that cannot be a file (under a regular file) is missing too.
  it('reads a fleet policy whose directory is a file as absent (ENOTDIR)', async () => {
    const temp = createTempHome('policy');
    writeFileWithMode(`${temp.root}/plain`, 'x', 0o644);
    const env = { KEYWARD_FLEET_POLICY: `${temp.root}/plain/policy.ini`, XDG_CONFIG_HOME: temp.env.XDG_CONFIG_HOME as string };
    const policy = await loadPolicy({ env, home: temp.home });
    expect(policy).toMatchObject({ failOn: 'medium', warnings: [] });
  });

  // Anything else (here a directory where the file should be) is refused, naming the file and errno.
  it('refuses a policy path it cannot read, naming the file and the error', async () => {
    const temp = createTempHome('policy');
    const env = { KEYWARD_FLEET_POLICY: temp.root, XDG_CONFIG_HOME: temp.env.XDG_CONFIG_HOME as string };
    const error = await loadPolicy({ env, home: temp.home }).then(() => undefined, (e: unknown) => e);
    expect(isKeywardError(error) && error.code).toBe('policy-invalid');
    expect(isKeywardError(error) && error.message).toBe(`cannot read the policy file ${temp.root} (EISDIR)`);
    expect(isKeywardError(error) && error.hint).toBe('Check its permissions, or remove it.');
  });

  it('names the user file when it is the bad one', async () => {
    expect(await policyError(undefined, 'syslog = perhaps\n')).toMatch(/keyward\/config\.ini:1: syslog/);
  });
});

describe(fleetPolicyPath.name, () => {
  it('is KEYWARD_FLEET_POLICY when set, else /etc/keyward/policy.ini', () => {
    expect(fleetPolicyPath({ KEYWARD_FLEET_POLICY: '/srv/p.ini' })).toBe('/srv/p.ini');
    expect(fleetPolicyPath({ KEYWARD_FLEET_POLICY: '' })).toBe('/etc/keyward/policy.ini');
    expect(fleetPolicyPath({})).toBe(FLEET_POLICY_PATH);
    expect(FLEET_POLICY_PATH).toBe('/etc/keyward/policy.ini');
  });
});

describe(userPolicyPath.name, () => {
  it('is under an absolute XDG_CONFIG_HOME, else ~/.config', () => {
    expect(userPolicyPath({ XDG_CONFIG_HOME: '/x' }, '/h')).toBe('/x/keyward/config.ini');
    expect(userPolicyPath({ XDG_CONFIG_HOME: 'relative' }, '/h')).toBe('/h/.config/keyward/config.ini');
    expect(userPolicyPath({ XDG_CONFIG_HOME: '' }, '/h')).toBe('/h/.config/keyward/config.ini');
    expect(userPolicyPath({}, '/h')).toBe('/h/.config/keyward/config.ini');
  });
});
