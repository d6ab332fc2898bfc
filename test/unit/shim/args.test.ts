import { describe, expect, it } from 'vitest';
import { parseShimArgs } from '../../../src/shim/args.js';

describe(parseShimArgs.name, () => {
  it.each([
    [['--profile', 'dev'], 'dev'],
    [['--profile=dev'], 'dev'],
    [['--profile', 'my prof'], 'my prof'],
    [['--profile=a=b'], 'a=b'],
    [['--profile', '--weird'], '--weird'],
  ])('reads %j', (argv, profile) => {
    expect(parseShimArgs(argv)).toEqual({ profile, account: profile });
  });

  it('reads the keychain account from --item, in either spelling', () => {
    expect(parseShimArgs(['--profile', 'dev', '--item', 'dev (/p/credentials)'])).toEqual({ profile: 'dev', account: 'dev (/p/credentials)' });
    expect(parseShimArgs(['--item=x', '--profile=dev'])).toEqual({ profile: 'dev', account: 'x' });
  });

  it.each([
    [['--item', 'x']], [['--profile', 'a', '--item', '']], [['--profile', 'a', '--item', 'x', '--item', 'y']],
    [[]], [['--profile']], [['--profile=']], [['--profile', '']], [['dev']],
    [['--profile', 'a', '--profile', 'b']], [['--profile', 'a', 'extra']], [['-p', 'a']],
  ])('rejects %j as usage', (argv) => {
    expect(() => parseShimArgs(argv)).toThrow(expect.objectContaining({ code: 'usage' }));
  });
});
