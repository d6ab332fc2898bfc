// redactText is the last line of defence before anything is printed or logged (scan messages,
// profile names, errors, the removed lines migrate shows).
import { describe, expect, it } from 'vitest';
import { redactText } from '../../src/redact.js';
import { KEY_ID, SECRET, SESSION_ID } from '../support/keys.js';

describe(redactText.name, () => {
  it('redacts key IDs and secrets left in text', () => {
    const text = redactText(`profile ${KEY_ID} with ${SECRET}`);
    expect(text).not.toContain(KEY_ID.slice(4, 12));
    expect(text).not.toContain(SECRET.slice(4, 12));
    expect(text).toBe('profile AKIA…ZAM2 with Jx8k…mN4o');
  });

  it('redacts known values, even short ones and each line of a multi-line one', () => {
    const text = redactText('aws_secret_access_key = abc123def456\n  continued-part-of-it', ['abc123def456\ncontinued-part-of-it']);
    expect(text).toBe('aws_secret_access_key = …\n  cont…f-it');
  });

  it('redacts a key ID on its own, an ASIA one too, and leaves a longer word holding one alone', () => {
    expect(redactText(`${KEY_ID}\n${SESSION_ID}`)).toBe('AKIA…ZAM2\nASIA…VV7A');
    expect(redactText(`X${KEY_ID}`)).toBe(`X${KEY_ID}`);
  });

  // A known value that contains another known value is redacted whole: replacing the shorter one
  // first would cut the longer one apart and leave its tail in the text.
  it('redacts the longest known value first', () => {
    const tail = 'abc-def-ghi-jkl-mno-pqr';
    const text = redactText(`token=short-${tail}`, ['short', `short-${tail}`]);
    expect(text).toBe('token=shor…-pqr');
    expect(text).not.toContain('jkl');
  });

  // A multi-line value as read keeps its continuation lines' indentation; shown alone, a line has none.
  it('redacts each line of a known value however it was indented', () => {
    expect(redactText('removed: continued-part-of-it', ['abc123def456\n    continued-part-of-it'])).toBe('removed: cont…f-it');
  });

  it('ignores an empty known value and blank lines of a known value', () => {
    expect(redactText('a b c', [''])).toBe('a b c');
    expect(redactText('a b c', ['one-known-value-here\n\n'])).toBe('a b c');
  });

  // A 40+ character run is a secret only when it mixes all three classes, as generated keys do.
  it.each([
    ['no digit', 'AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGhIjKlMnOp'],
    ['no lower case', 'AB12CD34EF56GH78IJ90KL12MN34OP56QR78ST90UV'],
    ['no upper case', 'ab12cd34ef56gh78ij90kl12mn34op56qr78st90uv'],
  ])('leaves a long run with %s alone', (_name, run) => {
    expect(redactText(`x ${run} y`)).toBe(`x ${run} y`);
  });

  it('redacts a long run of all three classes however long, and no shorter one', () => {
    expect(redactText(`x ${SECRET}${SECRET} y`)).toBe('x Jx8k…mN4o y');
    expect(redactText(`x ${SECRET.slice(1)} y`)).toBe(`x ${SECRET.slice(1)} y`);
  });

  it('leaves paths, hex hashes and words alone', () => {
    const text = '/home/user/.aws/credentials 0123456789abcdef0123456789abcdef01234567 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    expect(redactText(text)).toBe(text);
  });
});
