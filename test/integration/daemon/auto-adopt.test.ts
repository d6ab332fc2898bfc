// The daemon with auto_migrate adopts a new key the way `keyward migrate` does (issue 12): after
// the first key was migrated, `aws configure set` puts a second key under keyward's line; the
// daemon moves it into the keychain item and keeps the first one as the previous key.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeItem } from '../../../src/secrets/item.js';
import { openSecretStore } from '../../../src/secrets/open.js';
import type { WatchProcess } from '../../support/daemon.js';
import { createWatchHome, credentialsText, is, startWatch } from '../../support/daemon.js';
import { KEY_ID, KEY_ID_2, SECRET, SECRET_2 } from '../../support/keys.js';
import { binKeyward } from '../../support/paths.js';

const AWS = '/usr/bin/aws';
let running: WatchProcess | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('keyward watch with auto_migrate = true and a new key next to keyward\'s line', () => {
  it('adopts the key: the item holds it, the file none, the old key is the previous key', async () => {
    const { env, aws, home } = createWatchHome('autoadopt');
    fs.mkdirSync(path.join(home, '.config/keyward'), { recursive: true });
    fs.writeFileSync(path.join(home, '.config/keyward/config.ini'), 'auto_migrate = true\n');
    const watch = startWatch(env);
    running = watch;
    await watch.next(is('ready'));
    fs.mkdirSync(path.dirname(aws('credentials')), { recursive: true, mode: 0o700 });
    fs.writeFileSync(aws('credentials'), credentialsText('auto', KEY_ID, SECRET), { mode: 0o600 });
    const first = await watch.next(is('migrated'));

    for (const [key, value] of [['aws_access_key_id', KEY_ID_2], ['aws_secret_access_key', SECRET_2]] as const) {
      const set = spawnSync(AWS, ['configure', 'set', key, value, '--profile', 'auto'], { env, encoding: 'utf8', timeout: 60_000 });
      expect(set.status, set.stderr).toBe(0);
    }
    const adopted = await watch.next((e) => is('migrated')(e) && e !== first);
    expect(adopted).toMatchObject({ profile: 'auto', file: aws('credentials') });
    const text = fs.readFileSync(aws('credentials'), 'utf8');
    expect(text).not.toContain(SECRET_2);
    expect(text).toContain('credential_process');
    const key = await openSecretStore('command', env).get('auto');
    const previous = await openSecretStore('command', env, 'previous').get('auto');
    expect(key && decodeItem(key, 'auto').AccessKeyId).toBe(KEY_ID_2);
    expect(previous && decodeItem(previous, 'auto').AccessKeyId).toBe(KEY_ID);

    expect(await watch.stop()).toBe(0);
    running = undefined;
    spawnSync(process.execPath, [binKeyward, 'remove', '--profile', 'auto', '--from-files', '--yes'], { env, encoding: 'utf8' });
  });
});
