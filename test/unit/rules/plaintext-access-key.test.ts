import { describe, expect, it } from 'vitest';
import { plaintextAccessKey } from '../../../src/rules/plaintext-access-key.js';
import { EXAMPLE_KEY_ID, EXAMPLE_SECRET, KEY_ID, SECRET, SESSION_ID, TOKEN } from '../../support/keys.js';
import { CONFIG, CREDENTIALS, sources } from '../../support/rule-sources.js';

const check = plaintextAccessKey.check;

describe(plaintextAccessKey.id, () => {
  it('reports a pair in the credentials file, at the key ID line, with the profile', () => {
    const found = check(sources({ credentials: `[dev]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n` }));
    expect(found).toMatchObject([{ ruleId: 'plaintext-access-key', severity: 'high', file: CREDENTIALS, line: 2, profile: 'dev', evidence: 'AKIA…ZAM2' }]);
  });

  it('reports a pair in the config file under its CLI profile name', () => {
    const found = check(sources({ config: `[profile dev]\nregion = eu-west-1\nAWS_ACCESS_KEY_ID = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n` }));
    expect(found).toMatchObject([{ file: CONFIG, line: 3, profile: 'dev' }]);
  });

  it('counts the documentation example in a credentials field: botocore would send it', () => {
    const found = check(sources({ credentials: `[default]\naws_access_key_id = ${EXAMPLE_KEY_ID}\naws_secret_access_key = ${EXAMPLE_SECRET}\n` }));
    expect(found).toHaveLength(1);
  });

  it('reads CRLF files with the right line numbers', () => {
    const found = check(sources({ credentials: `[a]\r\nregion = x\r\n\r\n[b]\r\naws_access_key_id = ${KEY_ID}\r\naws_secret_access_key = ${SECRET}\r\n` }));
    expect(found).toMatchObject([{ line: 5, profile: 'b' }]);
  });

  it.each([
    ['a key ID without a secret', `[dev]\naws_access_key_id = ${KEY_ID}\n`],
    ['temporary credentials (plaintext-session-token)', `[dev]\naws_access_key_id = ${SESSION_ID}\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\n`],
    ['a commented pair (secret-in-free-text)', `[dev]\n# aws_access_key_id = ${KEY_ID}\n# aws_secret_access_key = ${SECRET}\n`],
    ['a pair in an sso-session section (not a profile)', `[sso-session s]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`],
    ['a keyward credential_process profile', '[dev]\ncredential_process = /usr/bin/keyward credential-process --profile dev\n'],
  ])('ignores %s', (_name, text) => {
    expect(check(sources({ config: text.replace('[dev]', '[profile dev]') }))).toEqual([]);
  });

  it('names `keyward migrate` adoption when the key sits next to keyward\'s line (aws configure set after migrating)', () => {
    const line = 'credential_process = /h/.local/share/keyward/bin/keyward-credential-process --profile work';
    for (const [credentials, config] of [[`[work]\n${line}\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`, ''],
      [`[work]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`, `[profile work]\n${line}\n`]]) {
      const [found] = check(sources({ credentials, config }));
      expect(found?.remediation).toContain('adopts this key');
      expect(found?.remediation).toContain('`keyward migrate --profile work`');
      expect(found?.remediation).toContain('`keyward remove --profile work --previous`');
    }
  });

  it('keeps the plain remediation next to another credential_process', () => {
    const [found] = check(sources({ credentials: `[work]\ncredential_process = /bin/other\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n` }));
    expect(found?.remediation).toBe('Run `keyward migrate --profile work` to move it into the OS keychain.');
  });
});
