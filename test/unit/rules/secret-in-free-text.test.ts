import { describe, expect, it } from 'vitest';
import { secretInFreeText } from '../../../src/rules/secret-in-free-text.js';
import { EXAMPLE_KEY_ID, EXAMPLE_SECRET, KEY_ID, SECRET } from '../../support/keys.js';
import { CONFIG, CREDENTIALS, HOME, sources, shell } from '../../support/rule-sources.js';

const check = secretInFreeText.check;

describe(secretInFreeText.id, () => {
  it('reports a commented key pair in the credentials file', () => {
    const found = check(sources({ credentials: `[dev]\n# aws_access_key_id = ${KEY_ID}\n; aws_secret_access_key = ${SECRET}\nregion = x\n` }));
    expect(found).toMatchObject([
      { ruleId: 'secret-in-free-text', severity: 'high', file: CREDENTIALS, line: 2, evidence: 'AKIA…ZAM2' },
      { file: CREDENTIALS, line: 3, evidence: 'Jx8k…mN4o' },
    ]);
  });

  it('reports a key ID used as a profile name, and in another setting', () => {
    const found = check(sources({ config: `[profile ${KEY_ID}]\nregion = us-east-1\n[profile x]\ndescription = old key ${KEY_ID}\n` }));
    expect(found.map((f) => [f.file, f.line])).toEqual([[CONFIG, 1], [CONFIG, 4]]);
  });

  it('reports a pair in a section botocore ignores', () => {
    const found = check(sources({ config: `[sso-session corp]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n` }));
    expect(found).toHaveLength(2);
  });

  it('reports a key in ~/.boto and a commented export in .bashrc', () => {
    const found = check(sources({ texts: [
      { path: `${HOME}/.boto`, kind: 'boto', text: `[Credentials]\naws_access_key_id = ${KEY_ID}\n` },
      ...(shell(`# export AWS_SECRET_ACCESS_KEY=${SECRET}\n`) ?? []),
    ] }));
    expect(found.map((f) => [f.file, f.line])).toEqual([[`${HOME}/.boto`, 2], [`${HOME}/.bashrc`, 1]]);
  });

  it.each([
    ['an effective pair (plaintext-access-key reports it)', `[default]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`],
    ['the documentation examples in a comment', `[default]\n# aws_access_key_id = ${EXAMPLE_KEY_ID}\n# aws_secret_access_key = ${EXAMPLE_SECRET}\n`],
    ['role and user IDs', '[default]\n# role AROAQYLPMN5HHHFPZAM2 user AIDAQYLPMN5HHHFPZAM2\n'],
    ['a 40-character run with no keyword', `[default]\nnote = ${SECRET}\n`],
  ])('ignores %s', (_name, text) => {
    expect(check(sources({ credentials: text }))).toEqual([]);
  });

  it('leaves uncommented literal exports to secret-in-environment-file', () => {
    expect(check(sources({ texts: shell(`export AWS_SECRET_ACCESS_KEY=${SECRET}\n`) }))).toEqual([]);
  });
});
