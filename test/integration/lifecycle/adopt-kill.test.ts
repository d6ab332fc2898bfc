// Adoption killed with SIGKILL at each of its steps (keeping the previous key, storing the new one,
// verifying, writing the temp file, checking, renaming): afterwards the profile still resolves the
// new key in botocore (from the file before the rename, from the item after), no key is lost, and
// the next `keyward migrate --yes` finishes the adoption.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeItem } from '../../../src/secrets/item.js';
import { openSecretStore } from '../../../src/secrets/open.js';
import type { ItemKind } from '../../../src/secrets/store.js';
import { resolveBotocore } from '../../support/aws-clients.js';
import { fakeKey } from '../../support/keys.js';
import { makeMigrateHome } from '../../support/migrate-home.js';
import { supportDir } from '../../support/paths.js';

const OLD = fakeKey(501);
const NEW = fakeKey(502);
const STEPS = ['previous-kept', 'stored', 'verified', 'temp-written', 'checked', 'renamed'];

describe('adoption killed at each step', () => {
  it.each(STEPS.map((step, i) => [step, i] as const))('after %s the profile resolves the new key and the next migrate completes', async (_step, killAt) => {
    const h = makeMigrateHome(`adopt-kill-${killAt}`, { credentials: `[work]\naws_access_key_id = ${OLD.id}\naws_secret_access_key = ${OLD.secret}\n`, config: '' });
    try {
      expect(h.keyward(['migrate', '--yes']).status).toBe(0);
      // What `aws configure set` does: the new key appended under keyward's line.
      fs.appendFileSync(h.credentials, `aws_access_key_id = ${NEW.id}\naws_secret_access_key = ${NEW.secret}\n`);
      const child = spawnSync(process.execPath, [path.join(supportDir, 'migrate-child.mjs')], {
        env: { ...h.env, KILL_AT_STEP: String(killAt), STEP_LOG: '1' }, encoding: 'utf8', timeout: 120_000 });
      expect(child.signal, child.stdout + child.stderr).toBe('SIGKILL');
      expect(child.stdout.trim().split('\n').at(-1)).toBe(STEPS[killAt]);
      expect(resolveBotocore(h.env, ['work']).work?.credentials.AccessKeyId).toBe(NEW.id);

      const again = h.keyward(['migrate', '--yes']);
      expect(again.status, again.stderr).toBe(0);
      const text = fs.readFileSync(h.credentials, 'utf8');
      expect(text).not.toContain(NEW.secret);
      expect(text.match(/credential_process/g)).toHaveLength(1);
      const key = async (kind: ItemKind) => {
        const password = await openSecretStore('command', h.env, kind).get('work');
        return password === null ? undefined : decodeItem(password, 'work').AccessKeyId;
      };
      expect(await key('key')).toBe(NEW.id);
      expect(await key('previous')).toBe(OLD.id);
      expect(resolveBotocore(h.env, ['work']).work?.credentials.AccessKeyId).toBe(NEW.id);
    } finally {
      h.keyward(['remove', '--profile', 'work', '--from-files', '--yes']);
      h.cleanup();
    }
  });

  it('refuses a second adoption while the previous key is still held (exit 1), keeping both keys', async () => {
    const THIRD = fakeKey(503);
    const h = makeMigrateHome('adopt-held', { credentials: `[work]\naws_access_key_id = ${OLD.id}\naws_secret_access_key = ${OLD.secret}\n`, config: '' });
    try {
      expect(h.keyward(['migrate', '--yes']).status).toBe(0);
      fs.appendFileSync(h.credentials, `aws_access_key_id = ${NEW.id}\naws_secret_access_key = ${NEW.secret}\n`);
      expect(h.keyward(['migrate', '--yes']).status).toBe(0);
      fs.appendFileSync(h.credentials, `aws_access_key_id = ${THIRD.id}\naws_secret_access_key = ${THIRD.secret}\n`);
      const run = h.keyward(['migrate', '--yes']);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('still has a previous key');
      expect(run.stdout).toContain('keyward remove --profile work --previous');
      expect(fs.readFileSync(h.credentials, 'utf8')).toContain(THIRD.secret);
      const previous = await openSecretStore('command', h.env, 'previous').get('work');
      expect(previous && decodeItem(previous, 'work').AccessKeyId).toBe(OLD.id);
    } finally {
      h.keyward(['remove', '--profile', 'work', '--from-files', '--yes']);
      h.cleanup();
    }
  });
});
