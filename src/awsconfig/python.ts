// Python's notion of whitespace and line breaks, which configparser and shlex rely on. JavaScript's
// `\s` differs (it includes U+FEFF and excludes U+001C–U+001F and U+0085), so botocore-faithful
// parsing needs Python's own sets.

/** The characters for which Python's `str.isspace()` is true (also what `re`'s `\s` matches). */
export const PY_WHITESPACE =
  '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const leading = new RegExp(`^[${PY_WHITESPACE}]+`);
const trailing = new RegExp(`[${PY_WHITESPACE}]+$`);
const nonSpace = new RegExp(`[^${PY_WHITESPACE}]`);

export function pyStrip(text: string): string {
  return pyRstrip(text.replace(leading, ''));
}

export function pyRstrip(text: string): string {
  return text.replace(trailing, '');
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
