import { describe, expect, it } from 'vitest';
import { insecureFilePermissions } from '../../../src/rules/insecure-file-permissions.js';
import { KEY_ID, SECRET } from '../../support/keys.js';
import { CREDENTIALS, HOME, fileStat, sources } from '../../support/rule-sources.js';

const WITH_KEY = `[default]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`;

function check(text: string, mode: number, dirMode = 0o700) {
  const s = sources({ credentials: text, patch: { awsDir: { path: `${HOME}/.aws`, stat: fileStat(dirMode, 1000, false) } } });
  if (s.credentials) s.credentials.stat = fileStat(mode);
  return insecureFilePermissions.check(s);
}

describe(insecureFilePermissions.id, () => {
  it('is high for a readable file that holds a key', () => {
    expect(check(WITH_KEY, 0o644)).toMatchObject([{ ruleId: 'insecure-file-permissions', severity: 'high', file: CREDENTIALS, line: 1 }]);
  });

  it('is low for a readable file with no secret', () => {
    expect(check('[default]\nregion = x\n', 0o640)).toMatchObject([{ severity: 'low' }]);
  });

  it('reports ~/.aws: low when listable, high when writable', () => {
    expect(check(WITH_KEY, 0o600, 0o755)).toMatchObject([{ severity: 'low', file: `${HOME}/.aws` }]);
    expect(check(WITH_KEY, 0o600, 0o777)).toMatchObject([{ severity: 'high', file: `${HOME}/.aws` }]);
  });

  it('accepts 0600 in 0700, and 0400', () => {
    expect(check(WITH_KEY, 0o600)).toEqual([]);
    expect(check(WITH_KEY, 0o400)).toEqual([]);
  });
});
