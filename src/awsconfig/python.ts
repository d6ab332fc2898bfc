// Python's notion of whitespace and line breaks, which configparser and shlex rely on. JavaScript's
// `\s` differs (it includes U+FEFF and excludes U+001C–U+001F and U+0085), so botocore-faithful
// parsing needs Python's own sets.

/** The characters for which Python's `str.isspace()` is true (also what `re`'s `\s` matches). */
export const PY_WHITESPACE =
  '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const nonSpace = new RegExp(`[^${PY_WHITESPACE}]`);

/** `str.isspace()` for one UTF-16 code unit (every Python whitespace character is in the BMP). */
export function isPyWhitespace(code: number): boolean {
  return (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x20) || code === 0x85 || code === 0xa0 ||
    code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000;
}

// Loops, not `/[…]+$/`: a regex engine that backtracks retries a trailing-space pattern at every
// position of a long interior run of spaces, which is quadratic (issue 10, item 9).
export function pyStrip(text: string): string {
  let start = 0;
  while (start < text.length && isPyWhitespace(text.charCodeAt(start))) start++;
  return pyRstrip(start === 0 ? text : text.slice(start));
}

export function pyRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && isPyWhitespace(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Index of the first non-whitespace character, or 0 when there is none (configparser's indent). */
export function pyIndent(text: string): number {
  const match = nonSpace.exec(text);
  return match ? match.index : 0;
}

/** Python's `str.splitlines()` without keepends. */
export function pySplitlines(text: string): string[] {
  // eslint-disable-next-line no-control-regex -- these control characters are Python's line breaks.
  const parts = text.split(/\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
