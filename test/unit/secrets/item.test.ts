import { describe, expect, it } from 'vitest';
import { decodeItem, encodeItem, type CredentialItem } from '../../../src/secrets/item.js';
import { EXAMPLE_KEY_ID, EXAMPLE_SECRET as secret } from '../../support/keys.js';

const item: CredentialItem = {
  v: 1, AccessKeyId: EXAMPLE_KEY_ID, SecretAccessKey: secret, SessionToken: 'tok', Expiration: '2030-01-01T00:00:00Z',
  createdAt: '2026-01-01T00:00:00Z', source: { file: '/h/.aws/credentials', section: 'dev', lines: ['a = b'] },
};

describe(decodeItem.name, () => {
  it('round-trips an item through encodeItem', () => {
    expect(decodeItem(encodeItem(item), 'dev')).toEqual(item);
  });

  it.each([
    ['not JSON', secret],
    ['a JSON string', JSON.stringify(secret)],
    ['version 2', JSON.stringify({ ...item, v: 2 })],
    ['no secret', JSON.stringify({ ...item, SecretAccessKey: '' })],
    ['no source', JSON.stringify({ ...item, source: undefined })],
    ['a non-string token', JSON.stringify({ ...item, SessionToken: 5 })],
  ])('rejects %s as keychain-item-corrupt without echoing the text', (_, text) => {
    let error: unknown;
    try {
      decodeItem(text, 'dev');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'keychain-item-corrupt' });
    expect(JSON.stringify({ m: (error as Error).message, h: (error as { hint: string }).hint })).not.toContain(secret);
  });
});
