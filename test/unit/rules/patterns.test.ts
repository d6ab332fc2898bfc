import { describe, expect, it } from 'vitest';
import { findKeyIds, findSecrets, isComputed, isSecretLike, shannonEntropy } from '../../../src/rules/patterns.js';
import { secretInFreeText } from '../../../src/rules/secret-in-free-text.js';
import { EXAMPLE_KEY_ID, EXAMPLE_SECRET, KEY_ID, SECRET, SESSION_ID } from '../../support/keys.js';
import { sources } from '../../support/rule-sources.js';

/** mulberry32: a small seeded generator, so the random secrets below are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const RANDOM_SEED = 0x5ec2e7;

/** Secrets drawn as AWS draws them: 40 characters of the base64 alphabet, uniformly. */
function randomSecrets(count: number, seed: number): string[] {
  const next = seeded(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: 40 }, () => SECRET_ALPHABET[Math.floor(next() * 64)]).join(''));
}

/** A 40-character value with the given character counts, mixing lower case, upper case and digits. */
function withCounts(counts: number[]): string {
  const symbols = 'aB3cD4eF5gH6iJ7kL8mN9pQ';
  return counts.map((n, i) => (symbols[i] as string).repeat(n)).join('');
}

describe(findKeyIds.name, () => {
  it.each([
    ['bare', KEY_ID],
    ['ASIA', SESSION_ID],
    ['ABIA', 'ABIAZ4PLXQ3MOK7TJWRV'],
    ['ACCA', 'ACCAZ4PLXQ3MOK7TJWRV'],
    ['gitleaks sample', 'AKIALALEMEL33243OLIB'],
    ['quoted', `"${KEY_ID}"`],
    ['in an assignment', `key=${KEY_ID};`],
  ])('finds a key ID: %s', (_name, text) => {
    expect(findKeyIds(text)).toHaveLength(1);
  });

  it.each([
    ['the documentation example', EXAMPLE_KEY_ID],
    ['a low-entropy filler', 'AKIAXXXXXXXXXXXXXXXX'],
    ['a user ID (AIDA)', 'AIDAQYLPMN5HHHFPZAM2'],
    ['a role ID (AROA)', 'AROAQYLPMN5HHHFPZAM2'],
    ['digits outside base32', 'AKIA0123456789018899'],
    ['lower case', KEY_ID.toLowerCase()],
    ['too long', `${KEY_ID}A`],
    ['inside a word', `X${KEY_ID}`],
    ['too short', KEY_ID.slice(0, 19)],
  ])('ignores %s', (_name, text) => {
    expect(findKeyIds(text)).toEqual([]);
  });
});

describe(findSecrets.name, () => {
  it('finds a 40-character secret after a keyword', () => {
    expect(findSecrets(`aws_secret_access_key = ${SECRET}`).map((m) => m.value)).toEqual([SECRET]);
    expect(findSecrets(`# my secret: ${SECRET}`)).toHaveLength(1);
  });

  it.each([
    ['no keyword', `value = ${SECRET}`],
    ['the documentation example', `aws_secret_access_key = ${EXAMPLE_SECRET}`],
    ['a git SHA', 'key = 3f786850e387550fdab836ed7e6dc881de23001b'],
    ['39 characters', `secret = ${SECRET.slice(1)}`],
    ['41 characters', `secret = ${SECRET}x`],
    ['a path of words', 'key = /usr/share/doc/something/and/more/thing'],
  ])('ignores %s', (_name, text) => {
    expect(findSecrets(text)).toEqual([]);
  });

  // Real secrets are uniform over 64 symbols, yet 40 draws rarely hit 40 distinct ones: their
  // entropy spreads from about 4.2 to 5.1 bits (median 4.78), so a floor near 5 would miss most.
  it(`reports every one of 10,000 realistic random secrets (seed ${RANDOM_SEED})`, () => {
    const secrets = randomSecrets(10_000, RANDOM_SEED);
    const entropies = secrets.map(shannonEntropy).sort((a, b) => a - b);
    expect(entropies[100]).toBeLessThan(4.6); // the sample reaches well below the fixtures' 5.0+
    expect(entropies[5_000]).toBeLessThan(4.9);
    // Random strings without a digit or a letter case (about 1 in 800) are not key-like by design.
    const keyLike = secrets.filter((s) => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s));
    expect(keyLike.length).toBeGreaterThan(9_900);
    const missed = keyLike.filter((s) => findSecrets(`aws_secret_access_key = ${s}`).length !== 1);
    const examples = missed.slice(0, 5).map((s) => `${s.slice(0, 4)}…${s.slice(-4)} (${shannonEntropy(s).toFixed(2)} bits)`);
    expect(missed.length, `missed, e.g. ${examples.join(', ')}`).toBe(0);
  });

  it(`the free-text rule reports 500 random secrets in a commented line (seed ${RANDOM_SEED + 1})`, () => {
    const secrets = randomSecrets(500, RANDOM_SEED + 1).filter((s) => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s));
    const credentials = `[dev]\nregion = x\n${secrets.map((s) => `# aws_secret_access_key = ${s}`).join('\n')}\n`;
    expect(secretInFreeText.check(sources({ credentials }))).toHaveLength(secrets.length);
  });

  it.each([
    ['4.01 bits: 18 symbols, 11 thrice and 7 once', [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1], 4.0143, true],
    ['4.02 bits: 17 symbols, 3 four times and 14 twice', [4, 4, 4, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2], 4.0219, true],
    ['3.99 bits: 17 symbols, 2 five times and 15 twice', [5, 5, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2], 3.9914, false],
    ['3.97 bits: 16 symbols, 8 thrice and 8 twice', [3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2], 3.9710, false],
  ] as const)('the 4-bit floor: %s', (_name, counts, bits, reported) => {
    const value = withCounts([...counts]);
    expect(value).toHaveLength(40);
    expect(shannonEntropy(value)).toBeCloseTo(bits, 4);
    expect(isSecretLike(value)).toBe(reported);
    expect(findSecrets(`secret = ${value}`)).toHaveLength(reported ? 1 : 0);
  });

  it('shannonEntropy: bits per character of a string', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abab')).toBe(1);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(shannonEntropy(SECRET_ALPHABET)).toBe(6);
    expect(shannonEntropy('aab')).toBeCloseTo(0.9183, 4);
  });

  it('rejects low-entropy runs', () => {
    expect(isSecretLike('aA1aA1aA1aA1aA1aA1aA1aA1aA1aA1aA1aA1aA1a')).toBe(false);
  });
});

describe(isComputed.name, () => {
  it.each(['$(pass show aws)', '${SECRET}', '$SECRET', '`cat ~/.key`'])('%s is computed', (value) => {
    expect(isComputed(value)).toBe(true);
  });
  it('a literal is not', () => expect(isComputed(SECRET)).toBe(false));
});

describe(isSecretLike.name, () => {
  // A high-entropy 40-character value passes; each check below is the only reason its variant fails.
  const base = 'Jx8kP2mQ9vR4tY7wZ1aB3cD5eF6gH8iJ0kL2mN4o';
  it('accepts a mixed-case value with digits', () => expect(isSecretLike(base)).toBe(true));
  it.each([
    ['no lower case', 'JX8KP2MQ9VR4TY7WZ1AB3CD5EF6GH8IJ0KL2MN4O/+QWERTYUIOPASDFGHJ'.slice(0, 40)],
    ['no upper case', 'jx8kp2mq9vr4ty7wz1ab3cd5ef6gh8ij0kl2mn4o'],
    ['no digit', 'JxskPqmQrvRatYbwZcaBdcDeeFfgHhiJjkLlmNno'],
    ['a hex hash in upper case', '3F786850E387550FDAB836ED7E6DC881DE23001B'],
    ['a hex hash in mixed case', '3f786850E387550fdab836ed7e6dc881de23001b'],
    ['41 characters', `${base}x`],
    ['39 characters', base.slice(1)],
    ['a space inside', `${base.slice(0, 20)} ${base.slice(21)}`],
    ['a leading =', `=${base.slice(1)}`],
  ])('rejects %s', (_name, value) => {
    expect(isSecretLike(value)).toBe(false);
  });
  it('accepts = padding after the first character', () => expect(isSecretLike(`${base.slice(0, 38)}==`)).toBe(true));
});

describe('findSecrets, more', () => {
  it('needs the keyword before the value on the line, not after it', () => {
    expect(findSecrets(`${SECRET} is the secret`)).toEqual([]);
    expect(findSecrets(`token ${SECRET}`)).toHaveLength(1);
  });
  it('reports the match index', () => {
    expect(findSecrets(`key: ${SECRET}`)).toEqual([{ value: SECRET, index: 5 }]);
  });
  it('skips an example that ends in EXAMPLEKEY only at the end', () => {
    const mid = 'wJalrXUtnFEMI/K7MDENG/EXAMPLEKEYbPxRfiCY';
    expect(findSecrets(`secret = ${mid}`)).toHaveLength(1);
  });
});
