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
    expect(parseShimArgs(argv)).toEqual({ profile });
  });

  it.each([
    [[]], [['--profile']], [['--profile=']], [['--profile', '']], [['dev']],
    [['--profile', 'a', '--profile', 'b']], [['--profile', 'a', 'extra']], [['-p', 'a']],
  ])('rejects %j as usage', (argv) => {
    expect(() => parseShimArgs(argv)).toThrow(expect.objectContaining({ code: 'usage' }));
  });
});
