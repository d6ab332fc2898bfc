// access-key-too-old end to end: a real keychain item (private keyring of scripts/test-env.sh)
// read by `keyward scan` through the keytar store.
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { encodeItem } from '../../../src/secrets/item.js';
import { keychainStore } from '../../support/keychain.js';
import { KEY_ID, SECRET } from '../../support/keys.js';
import { makeHome, testContext } from '../../support/home.js';

describe('keyward scan with keyward-held keys', () => {
  it('reports a keychain key older than max_key_age_days', async () => {
    const service = `keyward-scan-test-${process.pid}`;
    const store = keychainStore(service);
    const item = (createdAt: string) => encodeItem({
      v: 1, AccessKeyId: KEY_ID, SecretAccessKey: SECRET, createdAt,
      source: { file: '/x', section: 'x' },
    });
    await store.set('old', item('2025-12-01T00:00:00Z'));
    await store.set('young', item('2026-05-20T00:00:00Z'));
    try {
      const home = await makeHome({
        '.aws/config': '[profile old]\ncredential_process = /usr/bin/keyward credential-process --profile old\n' +
          '[profile young]\ncredential_process = /usr/bin/keyward credential-process --profile young\n',
      });
      const ctx = testContext(home, { KEYWARD_SERVICE: service, DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS ?? '' });
      await main(['scan', '--format', 'json'], ctx);
      const report = JSON.parse(ctx.stdout());
      const aged = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'access-key-too-old');
      expect(aged).toMatchObject([{ severity: 'medium', line: 2, profile: 'old' }]);
      expect(ctx.stdout()).not.toContain(SECRET.slice(0, 8));
    } finally {
      await store.delete('old');
      await store.delete('young');
    }
  });
});
