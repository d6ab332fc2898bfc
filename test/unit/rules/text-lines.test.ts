// What the text rules read as a comment and as a variable assignment. A commented line can leak a
// secret (secret-in-free-text reads it) but never turns a setting on, so where a comment starts
// decides what tls-verification-disabled, plaintext-http-endpoint and secret-in-environment-file
// report.
import { describe, expect, it } from 'vitest';
import { assignments, isCommentLine, shellFiles, textLines } from '../../../src/rules/text-lines.js';
import { tlsVerificationDisabled } from '../../../src/rules/tls-verification-disabled.js';
import type { TextFile } from '../../../src/rules/types.js';
import { HOME, fileStat, sources } from '../../support/rule-sources.js';

const file = (kind: TextFile['kind'], text: string, name = `f.${kind}`): TextFile =>
  ({ path: `${HOME}/${name}`, kind, lines: text.split('\n'), stat: fileStat() });

describe(isCommentLine.name, () => {
  it.each([
    ['# x', 'shell', true], ['   # x', 'fish', true], ['\t#x', 'env', true],
    ['; x', 'alias', true], ['  ; x', 'boto', true], [';x', 's3cfg', true],
    // `;` is a command separator in sh and fish and an ordinary character in dotenv.
    ['; x', 'shell', false], ['; x', 'fish', false], [';x', 'env', false], [';x', 'fish-variables', false],
    ['x # y', 'shell', false], ['x ; y', 'boto', false], ['', 'shell', false],
  ] as const)('%j in a %s file: %s', (text, kind, comment) => {
    expect(isCommentLine(text, kind)).toBe(comment);
  });
});

describe(textLines.name, () => {
  it('numbers each file\'s lines from 1 and marks its comments', () => {
    const a = file('shell', 'export A=1\n# B=2');
    const b = file('boto', '[Boto]\n; c\nd = 1');
    expect([...textLines([a, b])].map((l) => [l.file.path, l.number, l.text, l.comment])).toEqual([
      [a.path, 1, 'export A=1', false], [a.path, 2, '# B=2', true],
      [b.path, 1, '[Boto]', false], [b.path, 2, '; c', true], [b.path, 3, 'd = 1', false],
    ]);
  });
});

describe(shellFiles.name, () => {
  it('keeps the files a shell or dotenv loader reads', () => {
    const kinds = ['shell', 'fish', 'env', 'alias', 'boto', 's3cfg', 'fish-variables'] as const;
    expect(shellFiles(kinds.map((k) => file(k, ''))).map((f) => f.kind)).toEqual(['shell', 'fish', 'env']);
  });
});

describe(assignments.name, () => {
  const seen = (text: string) => assignments(text).map((a) => [a.name, a.value, a.raw, a.index]);

  it.each([
    ['export', 'export AWS_REGION=eu-west-1', [['AWS_REGION', 'eu-west-1', 'eu-west-1', 18]]],
    ['dotenv, double quotes', 'A_1="x y"', [['A_1', 'x y', '"x y"', 4]]],
    ['single quotes', "A='x'", [['A', 'x', "'x'", 2]]],
    ['before a command, after ;', 'A=1 cmd; B=2', [['A', '1', '1', 2], ['B', '2', '2', 11]]],
    ['fish set -gx', 'set -gx AWS_PROFILE dev', [['AWS_PROFILE', 'dev', 'dev', 20]]],
    ['csh setenv', 'setenv AWS_PROFILE "a b"', [['AWS_PROFILE', 'a b', '"a b"', 19]]],
    ['not a name', 'echo 1A=2 a-b=3', []],
  ] as const)('%s', (_name, text, expected) => {
    expect(seen(text)).toEqual(expected);
  });

  it('finds the same assignments when called again (no regex state carried over)', () => {
    const text = 'export A=1 B=2';
    expect(seen(text)).toEqual(seen(text));
    expect(seen(text)).toHaveLength(2);
  });
});

describe('comments in INI-like files, through tls-verification-disabled', () => {
  const check = (kind: TextFile['kind'], name: string, text: string) =>
    tlsVerificationDisabled.check(sources({ texts: [{ path: `${HOME}/${name}`, kind, text }] }));

  it.each([
    ['alias', '.aws/cli/alias', '[toplevel]\n; x = s3 ls --no-verify-ssl\n'],
    ['boto', '.boto', '[Boto]\n  ; https_validate_certificates = False\n'],
    ['s3cfg', '.s3cfg', '[default]\n;check_ssl_certificate = False\n'],
  ] as const)('a `;` comment in %s turns nothing off', (kind, name, text) => {
    expect(check(kind, name, text)).toEqual([]);
  });
});
