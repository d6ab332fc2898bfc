// Issue 10, item 12: what keyward prints for people to read or to paste. The paste test runs each
// shown command through the real /bin/sh (dash here) and bash with a stand-in program that prints
// its argv, so "the command runs keyward with exactly that profile and nothing else" is checked
// against real shells, not against our own idea of quoting.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandToShow, textToShow } from '../../src/display.js';

const HOSTILE = [
  'dev;touch /tmp/x', '$(id)', '`id`', 'dev\x1b[31mred', "it's", 'a b', '"q"', 'back\\slash', '$HOME', '*', '~root',
  'new\nline', 'trailing\n', 'nl\n🙂emoji', '\n', 'cr\r', 'tab\there', 'bell\x07', 'c1\u0085\u009b31m', 'bidi\u202egnp.exe', 'del\x7f',
  '-', '--profile', '', "'", "''\\''", '%s%n', '\\033', 'é ü 日本', 'emoji 🙂', '!!', '#comment', 'x&&y||z', '> /tmp/x', '\0nul'.slice(1),
];

/** Runs `shown` in `shell` with `prog` a function printing each argument NUL-terminated; returns the args. */
function argvThrough(shell: string, shown: string): string[] {
  const script = `prog() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${shown}\n`;
  const run = spawnSync(shell, ['-c', script], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return run.stdout.split('\0').slice(0, -1);
}

const SAFE_TO_SHOW = (text: string): boolean => !/[\x00-\x1f\x7f-\x9f\u202e]/.test(text); // eslint-disable-line no-control-regex

describe('textToShow', () => {
  it('escapes control characters, ESC, C1 and bidi overrides, and leaves the rest alone', () => {
    expect(textToShow('dev\x1b[31mred')).toBe('dev\\x1b[31mred');
    expect(textToShow('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(textToShow('c1\u0085\u009b')).toBe('c1\\x85\\x9b');
    expect(textToShow('bidi\u202e')).toBe('bidi\\u202e');
    expect(textToShow('del\x7f')).toBe('del\\x7f');
    expect(textToShow("plain 'name' $(id); é 日本 🙂")).toBe("plain 'name' $(id); é 日本 🙂");
  });

  it('never lets a control character through', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => SAFE_TO_SHOW(textToShow(text))));
  });
});

describe('commandToShow', () => {
  it('quotes every word for a POSIX shell, bare only where nothing is special', () => {
    expect(commandToShow(['keyward', 'migrate', '--profile', 'dev'])).toBe('keyward migrate --profile dev');
    expect(commandToShow(['keyward', 'migrate', '--profile', 'dev;touch /tmp/x'])).toBe("keyward migrate --profile 'dev;touch /tmp/x'");
    expect(commandToShow(['chmod', '600', "/h/it's"])).toBe("chmod 600 '/h/it'\\''s'");
    expect(commandToShow(['x', '$(id)'])).toBe("x '$(id)'");
    expect(commandToShow(['x', ''])).toBe("x ''");
  });

  it('shows control characters as printf substitutions, never raw', () => {
    expect(commandToShow(['x', 'dev\x1b[31m'])).toBe(`x dev"$(printf '\\033')"'[31m'`);
    for (const word of HOSTILE.filter((w) => !w.endsWith('\n'))) expect(SAFE_TO_SHOW(commandToShow(['prog', word]))).toBe(true);
  });

  for (const shell of ['sh', 'bash']) {
    it(`runs, pasted into ${shell} -c, the program with exactly the given arguments`, () => {
      for (const word of HOSTILE) expect(argvThrough(shell, commandToShow(['prog', '--profile', word]))).toEqual(['--profile', word]);
    });
  }

  it('round-trips any string through sh (generated)', () => {
    // NUL cannot be an argument of any program; everything else can.
    const word = fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replace(/\0/g, ''));
    fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), (words) => {
      expect(argvThrough('sh', commandToShow(['prog', ...words]))).toEqual(words);
    }), { numRuns: 150 });
  });
});
