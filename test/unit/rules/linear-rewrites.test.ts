// Issue 10, item 9: the hand-written scanners that replaced backtracking regexes give the same
// answers as those regexes. Each property runs the old pattern (kept here, as the specification)
// and the new function on generated short strings made of the characters that matter to it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandPath } from '../../../src/awsconfig/paths.js';
import { pyRstrip, pyStrip, PY_WHITESPACE } from '../../../src/awsconfig/python.js';
import { urlCredentials } from '../../../src/rules/credentials-in-url.js';
import { findSecrets, isComputed } from '../../../src/rules/patterns.js';
import { iniSetting } from '../../../src/rules/tls-verification-disabled.js';

const from = (chars: string[], maxLength = 16): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...chars), { maxLength }).map((parts) => parts.join(''));

describe('hand-written scanners agree with the regexes they replaced', () => {
  it('urlCredentials', () => {
    const old = /\b([a-z][a-z0-9+.-]*):\/\/([^\s/?#@'":]+):([^\s/?#@'"]+)@/gi;
    const oldCredentials = (text: string) => [...text.matchAll(old)].filter((m) => !isComputed(m[3] as string))
      .map((m) => ({ scheme: (m[1] as string).toLowerCase(), user: m[2] as string }));
    const chars = ['a', 'B', '1', '_', '.', '+', '-', ':', '/', '://', '@', ' ', '?', '#', "'", '"', '$', 'é', '\t'];
    fc.assert(fc.property(from(chars), (text) => {
      expect(urlCredentials(text)).toEqual(text.includes('@') ? oldCredentials(text) : []);
    }), { numRuns: 5000 });
  });

  it('iniSetting (for the values that matter: the false words)', () => {
    const old = /^\s*([^=:\s]+)\s*[=:]\s*(.*?)\s*$/;
    fc.assert(fc.property(from(['k', 'F', 'false', '0', '=', ':', ' ', '\t', '\u00a0', '\u2028']), (text) => {
      const m = old.exec(text);
      const got = iniSetting(text);
      const want = m ? { key: m[1], value: m[2] } : undefined;
      if (['false', '0'].includes(want?.value ?? '') || ['false', '0'].includes(got?.value ?? '')) expect(got).toEqual(want);
    }), { numRuns: 5000 });
  });

  it('expandPath (posixpath.expandvars)', () => {
    const env = { A: 'x', B_1: 'y', '': 'empty' };
    const old = (value: string) => value.replace(/\$(\w+)|\$\{([^}]*)\}/g, (whole, bare?: string, braced?: string) =>
      (env as Record<string, string>)[bare ?? braced ?? ''] ?? whole);
    fc.assert(fc.property(from(['$', '{', '}', 'A', 'B', '_', '1', 'x', '/']), (text) => {
      fc.pre(!text.startsWith('~'));
      expect(expandPath(text, env, '/home/u')).toBe(old(text));
    }), { numRuns: 5000 });
  });

  it('pyStrip / pyRstrip', () => {
    const leading = new RegExp(`^[${PY_WHITESPACE}]+`);
    const trailing = new RegExp(`[${PY_WHITESPACE}]+$`);
    fc.assert(fc.property(from(['a', ' ', '\t', '\x1c', '\x85', '\u00a0', '\u3000', '\ufeff', '\u200b']), (text) => {
      expect(pyRstrip(text)).toBe(text.replace(trailing, ''));
      expect(pyStrip(text)).toBe(text.replace(leading, '').replace(trailing, ''));
    }), { numRuns: 3000 });
  });

  it('findSecrets: a run counts only after a whole keyword', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCY1234567890';
    expect(findSecrets(`${secret} secret`)).toEqual([]);
    expect(findSecrets(`secret ${secret}`)).toEqual([{ value: secret, index: 7 }]);
    expect(findSecrets(`passwor${secret} password`)).toEqual([]);
  });
});
