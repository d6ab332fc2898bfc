// Python's whitespace and line breaks, as `str.strip`, `str.splitlines` and configparser see them.
import { describe, expect, it } from 'vitest';
import { pyIndent, pyRstrip, pySplitlines, pyStrip } from '../../../src/awsconfig/python.js';

describe('Python whitespace', () => {
  it.each([
    ['\t\n\x0b\x0c\r a', 'a'],
    ['\x1c\x1d\x1e\x1fa', 'a'],
    ['\x85\xa0\u1680a', 'a'],
    ['\u2000\u2005\u200aa', 'a'],
    ['\u2028\u2029\u202f\u205f\u3000a', 'a'],
  ])('pyStrip strips what str.isspace() accepts: %j', (text, stripped) => {
    expect(pyStrip(text)).toBe(stripped);
    expect(pyStrip(`${text}  `)).toBe(stripped);
    expect(pyRstrip(`a${text.slice(0, -1)}`)).toBe('a');
  });

  it.each(['\ufeffa', '\u200ba', '\x1ba', '\u180ea'])('pyStrip keeps what Python does not call whitespace: %j', (text) => {
    expect(pyStrip(text)).toBe(text);
  });

  it('pyRstrip strips the right end only; pyStrip both', () => {
    expect(pyRstrip('  a b  ')).toBe('  a b');
    expect(pyStrip('  a b  ')).toBe('a b');
    expect(pyStrip('   ')).toBe('');
    expect(pyStrip('')).toBe('');
  });

  it('pyIndent is the index of the first non-whitespace character, 0 when there is none', () => {
    expect(pyIndent('x')).toBe(0);
    expect(pyIndent('  \tx y')).toBe(3);
    expect(pyIndent('\x1c\x85x')).toBe(2);
    expect(pyIndent('   ')).toBe(0);
    expect(pyIndent('')).toBe(0);
  });
});

describe(pySplitlines.name, () => {
  it('splits at each of Python\'s line breaks, \\r\\n as one', () => {
    expect(pySplitlines('a\nb\r\nc\rd\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l')).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']);
  });

  it('drops one trailing empty line only, as str.splitlines() does', () => {
    expect(pySplitlines('')).toEqual([]);
    expect(pySplitlines('a')).toEqual(['a']);
    expect(pySplitlines('a\n')).toEqual(['a']);
    expect(pySplitlines('a\n\n')).toEqual(['a', '']);
    expect(pySplitlines('\n')).toEqual(['']);
    expect(pySplitlines('\r\r\n')).toEqual(['', '']);
  });

  it('does not split at \\x1f, U+FEFF or a tab', () => {
    expect(pySplitlines('a\x1fb\ufeffc\td')).toEqual(['a\x1fb\ufeffc\td']);
  });
});
