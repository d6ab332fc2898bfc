import { describe, expect, it } from 'vitest';
import { accessKeyTooOld } from '../../../src/rules/access-key-too-old.js';
import { CONFIG, sources } from '../../support/rule-sources.js';

const config = '[profile dev]\nregion = x\ncredential_process = /usr/bin/keyward credential-process --profile dev\n';

describe(accessKeyTooOld.id, () => {
  it('reports a keyward-held key older than max_key_age_days at its credential_process line', () => {
    const found = accessKeyTooOld.check(sources({ config, patch: { keyAges: [{ profile: 'dev', account: 'dev', createdAt: '2026-01-01T00:00:00Z' }] } }));
    expect(found).toMatchObject([{ ruleId: 'access-key-too-old', severity: 'medium', file: CONFIG, line: 3, profile: 'dev' }]);
    expect(found[0]?.message).toContain('151 days');
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
