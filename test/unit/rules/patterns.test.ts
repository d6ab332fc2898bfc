import { describe, expect, it } from 'vitest';
import { findKeyIds, findSecrets, isComputed, isSecretLike } from '../../../src/rules/patterns.js';
import { KEY_ID, SECRET } from '../../support/rule-sources.js';

describe(findKeyIds.name, () => {
  it.each([
    ['bare', KEY_ID],
    ['ASIA', 'ASIAY34FZKBOKMUTVV7A'],
    ['ABIA', 'ABIAZ4PLXQ3MOK7TJWRV'],
    ['ACCA', 'ACCAZ4PLXQ3MOK7TJWRV'],
    ['gitleaks sample', 'AKIALALEMEL33243OLIB'],
    ['quoted', `"${KEY_ID}"`],
    ['in an assignment', `key=${KEY_ID};`],
  ])('finds a key ID: %s', (_name, text) => {
    expect(findKeyIds(text)).toHaveLength(1);
  });

  it.each([
    ['the documentation example', 'AKIAIOSFODNN7EXAMPLE'],
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
    ['the documentation example', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['a git SHA', 'key = 3f786850e387550fdab836ed7e6dc881de23001b'],
    ['39 characters', `secret = ${SECRET.slice(1)}`],
    ['41 characters', `secret = ${SECRET}x`],
    ['a path of words', 'key = /usr/share/doc/something/and/more/thing'],
  ])('ignores %s', (_name, text) => {
    expect(findSecrets(text)).toEqual([]);
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
