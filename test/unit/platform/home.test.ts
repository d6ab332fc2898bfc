// Where keyward (and the AWS CLI) puts HOME when the environment does not say: never a relative path.
import { describe, expect, it } from 'vitest';
import { homeDirectory } from '../../../src/platform/paths.js';

describe(homeDirectory.name, () => {
  it('uses an absolute HOME', () => expect(homeDirectory({ HOME: '/home/u' }, () => '/other')).toBe('/home/u'));

  it.each([[{}], [{ HOME: '' }]])('falls back to the password database when HOME is %j', (env) => {
    expect(homeDirectory(env, () => '/var/lib/u')).toBe('/var/lib/u');
  });

  it('refuses a relative HOME, and no home at all, with a usage error', () => {
    expect(() => homeDirectory({ HOME: 'relative/home' }, () => '/x')).toThrow(expect.objectContaining({ code: 'usage', message: expect.stringContaining('relative') }));
    expect(() => homeDirectory({}, () => { throw new Error('no passwd entry'); })).toThrow(expect.objectContaining({ code: 'usage' }));
    expect(() => homeDirectory({}, () => '')).toThrow(expect.objectContaining({ code: 'usage' }));
  });
});
