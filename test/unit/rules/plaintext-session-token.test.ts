import { describe, expect, it } from 'vitest';
import { plaintextSessionToken } from '../../../src/rules/plaintext-session-token.js';
import { KEY_ID, SECRET, SESSION_ID, TOKEN } from '../../support/keys.js';
import { CREDENTIALS, sources } from '../../support/rule-sources.js';

describe(plaintextSessionToken.id, () => {
  it('reports ASIA + secret + token', () => {
    const found = plaintextSessionToken.check(sources({ credentials: `[tmp]\naws_access_key_id = ${SESSION_ID}\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\n` }));
    expect(found).toMatchObject([{ ruleId: 'plaintext-session-token', severity: 'medium', file: CREDENTIALS, line: 2, profile: 'tmp', evidence: 'ASIA…VV7A' }]);
  });

  it('reports ASIA + secret without a token too', () => {
    expect(plaintextSessionToken.check(sources({ credentials: `[tmp]\naws_access_key_id = ${SESSION_ID}\naws_secret_access_key = ${SECRET}\n` }))).toHaveLength(1);
  });

  it('ignores a long-term pair', () => {
    expect(plaintextSessionToken.check(sources({ credentials: `[p]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n` }))).toEqual([]);
  });
});
