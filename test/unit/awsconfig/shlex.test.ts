// shlexSplit against Python's shlex.split (POSIX mode) on hand-picked cases, each expectation as
// python3 prints it; test/e2e/awsconfig/shlex-differential.test.ts compares generated strings
// against the real python3.
import { describe, expect, it } from 'vitest';
import { ShlexError, shellQuote, shlexSplit } from '../../../src/awsconfig/shlex.js';

describe(shlexSplit.name, () => {
  it.each([
    ['', []],
    [' \t\r\n', []],
    ['a b  c', ['a', 'b', 'c']],
    [' lead trail ', ['lead', 'trail']],
    ['a\tb\nc\rd', ['a', 'b', 'c', 'd']],
    ['a"b c"d', ['ab cd']],
    ["a'b'c", ['abc']],
    ["''", ['']],
    ['"" x', ['', 'x']],
    ['x ""', ['x', '']],
    ['a\\ b', ['a b']],
    ['\\"a', ['"a']],
    ['\\\\', ['\\']],
    ['"a\\"b"', ['a"b']],
    ['"a\\\\b"', ['a\\b']],
    ['"a\\b"', ['a\\b']],
    ['"a\\$b"', ['a\\$b']],
    ["'a\\b'", ['a\\b']],
    ["'a\"b'", ['a"b']],
    ['"a\'b"', ["a'b"]],
    ["'it'\\''s'", ["it's"]],
    ['é ü', ['é', 'ü']],
    ['#not a comment', ['#not', 'a', 'comment']],
  ] as const)('%j', (text, tokens) => {
    expect(shlexSplit(text)).toEqual(tokens);
  });

  it.each([
    ['"abc', 'No closing quotation'],
    ["'abc", 'No closing quotation'],
    ['a "b c', 'No closing quotation'],
    ['\\', 'No escaped character'],
    ['abc\\', 'No escaped character'],
  ])('%j raises like Python: %s', (text, message) => {
    expect(() => shlexSplit(text)).toThrow(ShlexError);
    expect(() => shlexSplit(text)).toThrow(message);
  });
});

describe(shellQuote.name, () => {
  it.each([
    ['dev', 'dev'],
    ['a/b.c-d_e@f%g+h=i:j,k', 'a/b.c-d_e@f%g+h=i:j,k'],
    ['my prof', "'my prof'"],
    ["o'brien", "'o'\\''brien'"],
    ['', "''"],
    ['$HOME', "'$HOME'"],
    ['a\tb', "'a\tb'"],
  ])('%j is written %s', (arg, quoted) => {
    expect(shellQuote(arg)).toBe(quoted);
  });

  it.each(['dev', 'my prof', "o'brien", "''", '"', '\\', 'trailing\\', '$(id)', '`id`', '', ' ', 'a\nb', 'ünï'])('shlexSplit reads %j back', (arg) => {
    expect(shlexSplit(`x ${shellQuote(arg)} y`)).toEqual(['x', arg, 'y']);
  });
});
