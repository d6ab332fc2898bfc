// Every fake AWS key the tests use: named keys for fixtures and assertions, and a deterministic
// generator for tests that need many. None is real. They look real on purpose: the secret detector
// (src/rules/patterns.ts) only reports key IDs of AKIA/ASIA + 16 base32 characters with Shannon
// entropy >= 3 and 40-character secrets that mix cases and digits with entropy >= 4, so a filler
// such as `AKIAXXXXXXXXXXXXXXXX` would silently test nothing. test/unit/support/keys.test.ts keeps
// every key here detectable.
import { createHash } from 'node:crypto';

export interface FakeKey {
  id: string;
  secret: string;
}

/** The same pair in the shape of a credential_process answer or a keychain item. */
export interface FakeCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
}

/** The key most tests use (a long-term pair). */
export const KEY_ID = 'AKIAQYLPMN5HHHFPZAM2';
export const SECRET = 'Jx8kP2mQ9vR4tY7wZ1aB3cD5eF6gH8iJ0kL2mN4o';
/** A second and a third, for tests that need different keys side by side. */
export const KEY_ID_2 = 'AKIAZ4PLXQ3MOK7TJWRV';
export const SECRET_2 = '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';
export const KEY_ID_3 = 'AKIAXB3KQ6JPT2NVMRWS';
export const SECRET_3 = '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';
/** Temporary (STS) credentials: an ASIA key ID, with SECRET_3 as its secret in the fixture homes, and a session token. */
export const SESSION_ID = 'ASIAY34FZKBOKMUTVV7A';
export const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDx7Y2kLmP9qR4sT6vW8yZ1aB3cD5eF7gH9iJ0kL2mN4oP6qR8sT0uV2wX4yZ6aB8cD0eF2gH4iJ6kL8mN0oP2qR4sT6vW8yZ0aB2cD4eF6gH8iJ0k';
/** A password in a proxy URL (credentials-in-url). */
export const PROXY_PASSWORD = 'Tr0ub4dor-and-3';
/** The AWS documentation's example pair: tools (and keyward's free-text rules) treat it as a placeholder. */
export const EXAMPLE_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+';

export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) entropy -= (count / text.length) * Math.log2(count / text.length);
  return entropy;
}

/** What a real pair looks like, with a margin over the detector's floors. */
export function looksReal({ id, secret }: FakeKey): boolean {
  return /^A[KS]IA[A-Z2-7]{16}$/.test(id) && shannonEntropy(id) >= 3.2
    && /^[A-Za-z0-9/+]{40}$/.test(secret) && /[a-z]/.test(secret) && /[A-Z]/.test(secret) && /[0-9]/.test(secret)
    && secret.includes('/') && secret.includes('+') && shannonEntropy(secret) >= 4.5;
}

function digest(seed: string): Buffer {
  return Buffer.concat([createHash('sha256').update(`${seed}/0`).digest(), createHash('sha256').update(`${seed}/1`).digest()]);
}

const made = new Map<string, FakeKey>();

/** Fake pair number `n`: the same for the same `n` in every run, different for different `n` (and prefix). */
export function fakeKey(n: number, prefix: 'AKIA' | 'ASIA' = 'AKIA'): FakeKey {
  const name = `${prefix}${n}`;
  const known = made.get(name);
  if (known) return known;
  for (let attempt = 0; ; attempt++) {
    const bytes = digest(`keyward-fake-key/${name}/${attempt}`);
    const id = prefix + [...bytes.subarray(0, 16)].map((b) => BASE32[b & 31]).join('');
    const secret = [...bytes.subarray(16, 56)].map((b) => SECRET_ALPHABET[b & 63]).join('');
    const key = { id, secret };
    if (!looksReal(key)) continue;
    made.set(name, key);
    return key;
  }
}

/** fakeKey(n) as AccessKeyId/SecretAccessKey, for keychain items and credential_process output. */
export function fakeCredentials(n: number, prefix: 'AKIA' | 'ASIA' = 'AKIA'): FakeCredentials {
  const { id, secret } = fakeKey(n, prefix);
  return { AccessKeyId: id, SecretAccessKey: secret };
}
