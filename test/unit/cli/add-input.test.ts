// What `keyward add --stdin` accepts: one `AKID SECRET` line or credential_process JSON, and what
// it refuses (without the secret in the message).
import { describe, expect, it } from 'vitest';
import { parseKeyInput } from '../../../src/cli/commands/add.js';
import { checkKey } from '../../../src/lifecycle/add.js';
import { KEY_ID, SECRET } from '../../support/keys.js';

describe(parseKeyInput.name, () => {
  it.each([
    ['one line', `${KEY_ID} ${SECRET}\n`],
    ['tabs and CRLF', `\t${KEY_ID}\t${SECRET}\r\n`],
    ['credential_process JSON', JSON.stringify({ Version: 1, AccessKeyId: KEY_ID, SecretAccessKey: SECRET })],
  ])('reads %s', (_name, input) => {
    expect(parseKeyInput(input)).toEqual({ accessKeyId: KEY_ID, secretAccessKey: SECRET });
  });

  it.each([
    ['nothing', ''],
    ['one word', KEY_ID],
    ['two lines of pairs', `${KEY_ID} ${SECRET}\n${KEY_ID} ${SECRET}\n`],
    ['broken JSON', `{"Version":1,"AccessKeyId":"${KEY_ID}","SecretAccessKey":"${SECRET}"`],
    ['JSON with Version 2', JSON.stringify({ Version: 2, AccessKeyId: KEY_ID, SecretAccessKey: SECRET })],
  ])('refuses %s without echoing the secret', (_name, input) => {
    let message = '';
    try {
      parseKeyInput(input);
    } catch (error) {
      message = `${(error as Error).message} ${(error as { hint: string }).hint}`;
    }
    expect(message).toMatch(/^cannot read a key from standard input/);
    expect(message).not.toContain(SECRET);
  });
});

describe(checkKey.name, () => {
  it('accepts a long-term key and refuses others, naming the key ID only redacted', () => {
    expect(() => checkKey({ accessKeyId: KEY_ID, secretAccessKey: SECRET })).not.toThrow();
    expect(() => checkKey({ accessKeyId: `ASIA${KEY_ID.slice(4)}`, secretAccessKey: SECRET })).toThrow(/^the access key ID ASIA…ZAM2 is not/);
    expect(() => checkKey({ accessKeyId: KEY_ID.toLowerCase(), secretAccessKey: SECRET })).toThrow(/not a long-term/);
    expect(() => checkKey({ accessKeyId: KEY_ID, secretAccessKey: `${SECRET} ` })).toThrow(/it has 41/);
  });
});
