import { describe, expect, it } from 'vitest';
import { accessKeyTooOld } from '../../../src/rules/access-key-too-old.js';
import { CONFIG, CREDENTIALS, HOME, sources } from '../../support/rule-sources.js';

const config = '[profile dev]\nregion = x\ncredential_process = /usr/bin/keyward credential-process --profile dev\n';

describe(accessKeyTooOld.id, () => {
  it('reports a keyward-held key older than max_key_age_days at its credential_process line', () => {
    const found = accessKeyTooOld.check(sources({ config, patch: { keyAges: [{ profile: 'dev', account: 'dev', createdAt: '2026-01-01T00:00:00Z' }] } }));
    expect(found).toMatchObject([{ ruleId: 'access-key-too-old', severity: 'medium', file: CONFIG, line: 3, profile: 'dev' }]);
    expect(found[0]?.message).toContain('151 days');
  });

  const old = (profile: string) => [{ profile, account: profile, createdAt: '2026-03-02T00:00:00Z' }];

  it('says how old the key is and what the limit is, one day over it', () => {
    const [found] = accessKeyTooOld.check(sources({ config, patch: { keyAges: old('dev') } }));
    expect(found?.message).toBe("The access key keyward holds for profile 'dev' is 91 days old (the limit is 90).");
    expect(found?.remediation).toBe('Run `keyward rotate --profile dev`: it creates a new key in IAM, switches the profile to it and deactivates the old one.');
  });

  // Where the finding points when the profile no longer runs keyward's credential_process, or is gone.
  it.each([
    ['at its [section] line without a credential_process', '[default]\n\n[profile ops]\nregion = x\n', undefined, [CONFIG, 3]],
    ['at its credentials section', undefined, '[a]\n[ops]\nregion = x\n', [CREDENTIALS, 2]],
    ['at the config file when no file has the profile', '[profile dev]\n', '[dev]\n', [CONFIG, 1]],
    ['at the credentials file when there is no config', undefined, '[dev]\n', [CREDENTIALS, 1]],
    ['at HOME when there is no file', undefined, undefined, [HOME, 1]],
  ])('reports a held key %s', (_name, configText, credentials, where) => {
    const found = accessKeyTooOld.check(sources({ config: configText, credentials, patch: { keyAges: old('ops') } }));
    expect(found.map((f) => [f.file, f.line])).toEqual([where]);
  });

  it.each([
    ['a young key', [{ profile: 'dev', account: 'dev', createdAt: '2026-05-01T00:00:00Z' }], 90],
    ['exactly the limit', [{ profile: 'dev', account: 'dev', createdAt: '2026-03-03T00:00:00Z' }], 90],
    ['a longer policy limit', [{ profile: 'dev', account: 'dev', createdAt: '2026-01-01T00:00:00Z' }], 365],
    ['a bad date', [{ profile: 'dev', account: 'dev', createdAt: 'yesterday' }], 90],
    ['no keychain (no input)', [], 90],
  ])('ignores %s', (_name, keyAges, maxKeyAgeDays) => {
    expect(accessKeyTooOld.check(sources({ config, patch: { keyAges, maxKeyAgeDays } }))).toEqual([]);
  });
});
