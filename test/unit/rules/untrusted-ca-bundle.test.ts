import { describe, expect, it } from 'vitest';
import { untrustedCaBundle } from '../../../src/rules/untrusted-ca-bundle.js';
import { CONFIG, HOME, fileStat, sources, shell } from '../../support/rule-sources.js';
import type { FileStat } from '../../../src/rules/types.js';

const BUNDLE = '/etc/corp/ca.pem';
const check = (stat: FileStat | null, extra: Parameters<typeof sources>[0] = {}) => untrustedCaBundle.check(sources({
  config: `[profile dev]\nca_bundle = ${BUNDLE}\n`, ...extra, patch: { caBundles: new Map([[BUNDLE, stat]]) },
}));

describe(untrustedCaBundle.id, () => {
  it.each([
    ['missing', null, 'does not exist'],
    ['group-writable', fileStat(0o664, 0), 'written by other users'],
    ['world-writable', fileStat(0o646, 1000), 'written by other users'],
    ['owned by another user', fileStat(0o644, 1234), 'another user'],
    ['a directory', fileStat(0o755, 0, false), 'not a regular file'],
  ])('reports a bundle that is %s', (_name, stat, text) => {
    const found = check(stat);
    expect(found).toMatchObject([{ ruleId: 'untrusted-ca-bundle', severity: 'medium', file: CONFIG, line: 2, profile: 'dev' }]);
    expect(found[0]?.message).toContain(text);
  });

  it.each([['root-owned 0644', fileStat(0o644, 0)], ['own 0600', fileStat(0o600, 1000)]])('accepts %s', (_name, stat) => {
    expect(check(stat)).toEqual([]);
  });

  it('checks an exported AWS_CA_BUNDLE', () => {
    const found = untrustedCaBundle.check(sources({ texts: shell(`export AWS_CA_BUNDLE=${BUNDLE}\n`), patch: { caBundles: new Map([[BUNDLE, null]]) } }));
    expect(found).toMatchObject([{ file: `${HOME}/.bashrc`, line: 1 }]);
  });
});
