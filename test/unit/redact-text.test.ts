// redactText is the last line of defence before anything is printed or logged (scan messages,
// profile names, errors, the removed lines migrate shows).
import { describe, expect, it } from 'vitest';
import { redactText } from '../../src/redact.js';
import { KEY_ID, SECRET } from '../support/keys.js';

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

  it('leaves paths, hex hashes and words alone', () => {
    const text = '/home/user/.aws/credentials 0123456789abcdef0123456789abcdef01234567 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    expect(redactText(text)).toBe(text);
  });
});
