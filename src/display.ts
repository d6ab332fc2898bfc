// Printing what users and files supply, safely. A profile name or a path comes from a file or the
// command line and may hold anything botocore accepts: `;`, `$(…)`, quotes, terminal escapes
// (`\x1b[31m`), other control characters. Two helpers, used wherever keyward prints such a string:
// - textToShow: for reading. Control characters are written as escapes, so a name cannot recolour
//   the terminal, rewrite a line, or hide text in a report, an error line, a log or a notification.
// - commandToShow: for pasting. Every word is quoted for a POSIX shell, so the command runs keyward
//   (or chmod) with exactly that argument and nothing else, and shows no raw control character.

/**
 * C0 controls, DEL, C1 controls, and the invisible characters that reorder or break displayed text
 * (bidirectional overrides and isolates, line and paragraph separators).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- as above.
const UNSAFE_ALL = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  return NAMED[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** A user-supplied string (profile name, path, line of output) with its control characters escaped. */
export function textToShow(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeChar) : text;
}

/** Characters a POSIX shell takes literally outside quotes. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One word in single quotes (`'` written as `'\''`), or bare when nothing in it is special. */
function singleQuoted(text: string): string {
  return PLAIN.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `"$(printf '\ooo…')"`: the bytes of `chars` without showing them (printf is a shell builtin). */
function printfWord(chars: string): string {
  const octal = [...Buffer.from(chars, 'utf8')].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('');
  return `"$(printf '${octal}')"`;
}

/**
 * One shell word for `word`. Runs of control characters become printf substitutions. `$(…)` drops
 * trailing newlines, so a run ending in a newline takes the next character into its printf; a
 * newline at the very end of a word has no such partner and stays, literal, inside quotes.
 */
function shellWord(word: string): string {
  if (word === '') return "''";
  if (!UNSAFE.test(word)) return singleQuoted(word);
  const parts: string[] = [];
  let plain = '';
  for (let i = 0; i < word.length;) {
    if (!UNSAFE.test(word.charAt(i))) {
      plain += word.charAt(i++);
      continue;
    }
    let end = i;
    while (end < word.length && UNSAFE.test(word.charAt(end))) end++;
    const run = word.slice(i, end);
    if (plain) parts.push(singleQuoted(plain));
    plain = '';
    if (!run.endsWith('\n')) parts.push(printfWord(run));
    else if (end < word.length) {
      end += (word.codePointAt(end) ?? 0) > 0xffff ? 2 : 1; // the whole next character, not half a surrogate pair
      parts.push(printfWord(word.slice(i, end)));
    }
    else parts.push(printfWord(run.replace(/\n+$/, '')), `'${run.match(/\n+$/)?.[0] ?? ''}'`);
    i = end;
  }
  if (plain) parts.push(singleQuoted(plain));
  return parts.filter((p) => p !== '"$(printf \'\')"').join('');
}

/**
 * A command line to show a user, for copying into a POSIX shell: `sh -c` runs `words[0]` with
 * exactly `words[1…]` as its arguments, whatever they hold. Quoted, never interpreted.
 */
export function commandToShow(words: readonly string[]): string {
  return words.map(shellWord).join(' ');
}

/** Several lines of output for reading: each line through textToShow, the line breaks kept. */
export function linesToShow(text: string): string {
  return text.split('\n').map(textToShow).join('\n');
}

const JSON_UNSAFE = /[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * JSON for a log or a terminal: JSON.stringify escapes C0 controls (ESC included) but leaves DEL,
 * C1 (U+009B is a CSI on many terminals) and bidi overrides raw; those become \uXXXX here, which
 * any JSON reader decodes back to the same string.
 */
export function jsonToShow(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(JSON_UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
