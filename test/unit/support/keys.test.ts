// The fake keys of test/support/keys.ts must stay ones the secret detector reports: a key that
// looked fake to it would make the leak and redaction tests pass without testing anything.
import { describe, expect, it } from 'vitest';
import { findKeyIds, isSecretLike } from '../../../src/rules/patterns.js';
import {
  KEY_ID, KEY_ID_2, KEY_ID_3, SECRET, SECRET_2, SECRET_3, SESSION_ID, fakeCredentials, fakeKey, looksReal,
} from '../../support/keys.js';

describe('test/support/keys.ts', () => {
  it('names keys the detector reports', () => {
    for (const id of [KEY_ID, KEY_ID_2, KEY_ID_3, SESSION_ID]) expect(findKeyIds(id).map((m) => m.value), id).toEqual([id]);
    for (const secret of [SECRET, SECRET_2, SECRET_3]) expect(isSecretLike(secret), secret).toBe(true);
  });

  it('generates realistic, distinct keys, the same in every run', () => {
    const keys = Array.from({ length: 500 }, (_, n) => fakeKey(n));
    for (const key of keys) {
      expect(looksReal(key), key.id).toBe(true);
      expect(findKeyIds(key.id).map((m) => m.value)).toEqual([key.id]);
      expect(isSecretLike(key.secret), key.secret).toBe(true);
    }
    expect(new Set(keys.map((k) => k.id)).size).toBe(keys.length);
    expect(new Set(keys.map((k) => k.secret)).size).toBe(keys.length);
    expect(fakeKey(7)).toEqual(fakeKey(7));
    expect(fakeKey(1, 'ASIA').id).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(fakeCredentials(3)).toEqual({ AccessKeyId: fakeKey(3).id, SecretAccessKey: fakeKey(3).secret });
  });
});
