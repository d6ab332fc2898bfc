// Auto-migration end to end: policy `auto_migrate = true`, a key lands in ~/.aws/credentials, the
// daemon migrates it (lead's migrate, issue 5) and its own atomic rewrite resolves the finding;
// then the real AWS CLI v2 resolves the key through keyward's credential_process shim (issue 3).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WatchProcess } from '../../support/daemon.js';
import { createWatchHome, credentialsText, is, startWatch } from '../../support/daemon.js';
import { KEY_ID, SECRET } from '../../support/keys.js';
import { binKeyward } from '../../support/paths.js';
import { need } from '../../support/need.js';

const AWS = '/usr/bin/aws';
let running: WatchProcess | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** `keyward watch` running with `auto_migrate = true`, then a plaintext key for profile `auto` written. */
async function watchWithAutoMigrate(label: string) {
  const home = createWatchHome(label);
  fs.mkdirSync(path.join(home.home, '.config/keyward'), { recursive: true });
  fs.writeFileSync(path.join(home.home, '.config/keyward/config.ini'), 'auto_migrate = true\n');
  const watch = startWatch(home.env);
  running = watch;
  await watch.next(is('ready'));
  fs.mkdirSync(path.dirname(home.aws('credentials')), { recursive: true, mode: 0o700 });
  fs.writeFileSync(home.aws('credentials'), credentialsText('auto'), { mode: 0o600 });
  return { ...home, watch };
}

describe('keyward watch with auto_migrate = true', () => {
  it('migrates a new plaintext key, resolves the finding, and the AWS CLI still gets the key', async (ctx) => {
    need(ctx, fs.existsSync(AWS), `the AWS CLI v2 is not at ${AWS} (apt-get install awscli)`);
    const { env, aws, logFile, watch } = await watchWithAutoMigrate('automigrate');
    const found = await watch.next(is('finding', 'plaintext-access-key'));
    await expect(watch.next(is('migrated'))).resolves.toMatchObject({ profile: 'auto', file: aws('credentials') });
    const resolved = await watch.next(is('resolved', 'plaintext-access-key'));
    expect('fingerprint' in resolved && 'fingerprint' in found && resolved.fingerprint === found.fingerprint).toBe(true);
    expect(fs.readFileSync(aws('credentials'), 'utf8')).not.toContain(SECRET);

    const cli = spawnSync(AWS, ['configure', 'export-credentials', '--profile', 'auto', '--format', 'process'],
      { env: { ...env, AWS_CONFIG_FILE: aws('config'), AWS_SHARED_CREDENTIALS_FILE: aws('credentials') }, encoding: 'utf8', timeout: 60_000 });
    expect(cli.stderr).toBe('');
    expect(JSON.parse(cli.stdout)).toMatchObject({ AccessKeyId: KEY_ID, SecretAccessKey: SECRET });

    expect(await watch.stop()).toBe(0);
    running = undefined;
    expect(fs.readFileSync(logFile, 'utf8')).not.toContain(SECRET);
  });

  it('stays paused for what keyward restore put back, until keyward migrate is run by hand', async () => {
    const { home, env, aws, watch } = await watchWithAutoMigrate('restorepause');
    await watch.next(is('migrated'));

    const restored = spawnSync(process.execPath, [binKeyward, 'restore', '--yes'], { env, encoding: 'utf8' });
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('will not migrate');
    // The daemon sees the plaintext key again and leaves it, saying why; the file keeps the key.
    const skipped = await watch.next(is('skipped'));
    expect(skipped).toMatchObject({ profile: 'auto', reason: expect.stringContaining('paused') });
    expect(watch.events.filter(is('migrated'))).toHaveLength(1);
    expect(fs.readFileSync(aws('credentials'), 'utf8')).toContain(SECRET);

    const again = spawnSync(process.execPath, [binKeyward, 'migrate', '--yes', '--profile', 'auto'], { env, encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    expect(fs.readFileSync(aws('credentials'), 'utf8')).not.toContain(SECRET);
    expect(fs.readFileSync(path.join(home, '.local/state/keyward/auto-migrate-paused.json'), 'utf8')).not.toContain('"auto"');
  });
});
