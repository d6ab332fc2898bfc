import { describe, expect, it } from 'vitest';
import { formatProcessCredentials, toProcessCredentials } from '../../../src/shim/output.js';
import type { CredentialItem } from '../../../src/secrets/item.js';
import { EXAMPLE_KEY_ID, EXAMPLE_SECRET } from '../../support/keys.js';

const base: CredentialItem = {
  v: 1, AccessKeyId: EXAMPLE_KEY_ID, SecretAccessKey: EXAMPLE_SECRET,
  createdAt: '2026-01-01T00:00:00Z', source: { file: '/h/.aws/credentials', section: 'dev', lines: ['x'] },
};

describe(toProcessCredentials.name, () => {
  it('prints exactly Version, AccessKeyId and SecretAccessKey, in that order, for a long-term key', () => {
    expect(formatProcessCredentials(base)).toBe(
      '{"Version":1,"AccessKeyId":"AKIAIOSFODNN7EXAMPLE","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}\n');
  });

  it('adds SessionToken and Expiration when the item has them, and never keyward fields', () => {
    const out = toProcessCredentials({ ...base, AccessKeyId: `ASIA${EXAMPLE_KEY_ID.slice(4)}`, SessionToken: 'tok', Expiration: '2030-01-01T00:00:00Z' });
    expect(Object.keys(out)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    expect(out).not.toHaveProperty('source');
  });
});
