// Python's `shlex.split(text)` (POSIX mode, no comments), which botocore applies to section names
// (`[profile "my name"]`) and to `credential_process` command lines.

const WHITESPACE = ' \t\r\n';
const QUOTES = `'"`;
const ESCAPE = '\\';

export class ShlexError extends Error {}

/** No quote and no backslash: shlex then only splits at runs of its whitespace. */
const PLAIN = /^[^'"\\]*$/;

/** Splits like `shlex.split`; throws ShlexError where Python raises ValueError. */
export function shlexSplit(text: string): string[] {
  // The common case (`profile dev`), without the character loop: a scan splits every header.
  if (PLAIN.test(text)) return text.split(/[ \t\r\n]+/).filter((word) => word !== '');
  const tokens: string[] = [];
  let state: 'space' | 'word' | "'" | '"' | 'escape' = 'space';
  let escapedState: 'word' | '"' = 'word';
  let token = '';
  let quoted = false;
  const emit = (): void => {
    if (token !== '' || quoted) tokens.push(token);
    token = '';
    quoted = false;
  };
  for (const char of text) {
    if (state === 'space' || state === 'word') {
      if (WHITESPACE.includes(char)) {
        if (state === 'word') emit();
        state = 'space';
      } else if (char === ESCAPE) {
        escapedState = 'word';
        state = 'escape';
      } else if (QUOTES.includes(char)) {
        state = char as "'" | '"';
      } else {
        token += char;
        state = 'word';
      }
    } else if (state === 'escape') {
      // Inside double quotes only the quote and the backslash itself can be escaped.
      if (escapedState === '"' && char !== ESCAPE && char !== '"') token += ESCAPE;
      token += char;
      state = escapedState;
    } else {
      quoted = true;
      if (char === state) state = 'word';
      else if (char === ESCAPE && state === '"') {
        escapedState = '"';
        state = 'escape';
      } else token += char;
    }
  }
  if (state === "'" || state === '"') throw new ShlexError('No closing quotation');
  if (state === 'escape') throw new ShlexError('No escaped character');
  emit();
  return tokens;
}

/**
 * Quotes one argument so that both `shlex.split` and a POSIX `/bin/sh` read it back unchanged:
 * single quotes, with each embedded `'` written as `'\''`. Plain words are left bare.
 */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
