// `keyward remove` and the orphan clean-up for real (bin/keyward, the private keyring, files in a
// temp HOME): a profile is never left pointing at nothing without --from-files, which removes only
// keyward's line; every item kind of the profile goes; items no profile uses go with --orphans and
// `restore --purge`, except a key from a file this environment does not read.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { journalPath, writeJournal } from '../../../src/lifecycle/journal.js';
import { encodeItem } from '../../../src/secrets/item.js';
import { openSecretStore } from '../../../src/secrets/open.js';
import type { ItemKind } from '../../../src/secrets/store.js';
import { fakeKey } from '../../support/keys.js';
import { lineChanges, makeMigrateHome } from '../../support/migrate-home.js';
import type { MigrateHome } from '../../support/migrate-home.js';
import { binKeyward } from '../../support/paths.js';

const WORK = fakeKey(301);
const OTHER = fakeKey(302);
const STRAY = fakeKey(303);
const CREDENTIALS = `# keys\n[work]\naws_access_key_id = ${WORK.id}\naws_secret_access_key = ${WORK.secret}\nregion = eu-west-1\n\n` +
  `[other]\naws_access_key_id = ${OTHER.id}\naws_secret_access_key = ${OTHER.secret}\n`;

let h: MigrateHome | undefined;
afterEach(() => {
  h?.keyward(['remove', '--orphans', '--yes']);
  h?.cleanup();
  h = undefined;
});

const store = (home: MigrateHome, kind: ItemKind) => openSecretStore('command', home.env, kind);
const item = (key: { id: string; secret: string }, file: string, section: string): string =>
  encodeItem({ v: 1, AccessKeyId: key.id, SecretAccessKey: key.secret, createdAt: '2026-01-01T00:00:00.000Z', source: { file, section } });

function migrated(label: string): MigrateHome {
  const home = makeMigrateHome(label, { credentials: CREDENTIALS, config: '' });
  expect(home.keyward(['migrate', '--yes']).status).toBe(0);
  return home;
}

describe('keyward remove --profile', () => {
  it('refuses while keyward\'s line still names the item: exit 2, one line naming --from-files, nothing changed', async () => {
    h = migrated('remove-refuse');
    const before = fs.readFileSync(h.credentials, 'utf8');
    const run = h.keyward(['remove', '--profile', 'work', '--yes']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('keyward remove --profile work --from-files');
    expect(fs.readFileSync(h.credentials, 'utf8')).toBe(before);
    expect(await store(h, 'key').get('work')).not.toBeNull();
  });

  it('without --yes off a terminal only shows what it would delete', async () => {
    h = migrated('remove-preview');
    const before = fs.readFileSync(h.credentials, 'utf8');
    const run = h.keyward(['remove', '--profile', 'work', '--from-files']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`'work' (key ${WORK.id.slice(0, 4)}…${WORK.id.slice(-4)})`);
    expect(run.stdout).toContain('Nothing was changed.');
    expect(run.stdout).not.toContain(WORK.secret);
    expect(fs.readFileSync(h.credentials, 'utf8')).toBe(before);
  });

  it('--from-files removes only keyward\'s line and deletes the key, previous, pending and session items', async () => {
    h = migrated('remove-files');
    for (const kind of ['previous', 'pending', 'session'] as const) await store(h, kind).set('work', item(STRAY, h.credentials, 'work'));
    const before = fs.readFileSync(h.credentials, 'utf8');
    const run = h.keyward(['remove', '--profile', 'work', '--from-files', '--yes']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('the profile now has no credentials');
    const changes = lineChanges(before, fs.readFileSync(h.credentials, 'utf8'));
    expect(changes.added).toEqual([]);
    expect(changes.removed).toHaveLength(1);
    expect(changes.removed[0]).toMatch(/^credential_process = .*--profile work$/);
    for (const kind of ['key', 'previous', 'pending', 'session'] as const) expect(await store(h, kind).get('work')).toBeNull();
    expect(await store(h, 'key').get('other')).not.toBeNull();
    expect(fs.statSync(h.credentials).mode & 0o777).toBe(0o600);
  });

  it('on a terminal it asks; only "y" deletes', async () => {
    h = migrated('remove-prompt');
    const before = fs.readFileSync(h.credentials, 'utf8');
    const ask = (reply: string) => spawnSync('script', ['-q', '-e', '-c', `${process.execPath} ${binKeyward} remove --profile work --from-files`, '/dev/null'],
      { env: h!.env, input: `${reply}\n`, encoding: 'utf8', timeout: 120_000 });
    const no = ask('n');
    expect(no.status).toBe(0);
    expect(no.stdout).toContain('Delete them now? [y/N]');
    expect(no.stdout).toContain('Nothing was changed.');
    expect(fs.readFileSync(h.credentials, 'utf8')).toBe(before);
    expect(await store(h, 'key').get('work')).not.toBeNull();
    expect(ask('y').status).toBe(0);
    expect(await store(h, 'key').get('work')).toBeNull();
    expect(fs.readFileSync(h.credentials, 'utf8')).not.toContain('--profile work');
  });

  it('a profile with nothing to remove is an error (exit 2)', () => {
    h = migrated('remove-nothing');
    const run = h.keyward(['remove', '--profile', 'nosuch', '--yes']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("no keyward item for profile 'nosuch'");
    expect(h.keyward(['remove', '--profile', 'work', '--previous', '--from-files']).status).toBe(2);
    expect(h.keyward(['remove', '--yes']).status).toBe(2);
  });
});

describe('items no profile uses', () => {
  it('remove --orphans deletes them, and keeps a key from a file this environment does not read', async () => {
    h = migrated('remove-orphans');
    expect(h.keyward(['restore', '--yes', '--profile', 'other']).status).toBe(0);
    await store(h, 'key').set('elsewhere', item(STRAY, '/somewhere/else/credentials', 'elsewhere'));
    await store(h, 'previous').set('gone', item(STRAY, h.credentials, 'gone'));
    expect(h.keyward(['status']).stdout).toContain("'other'");
    const run = h.keyward(['remove', '--orphans', '--yes']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("'other' (key");
    expect(run.stdout).toContain("Kept: 'elsewhere'");
    expect(await store(h, 'key').get('other')).toBeNull();
    expect(await store(h, 'previous').get('gone')).toBeNull();
    expect(await store(h, 'key').get('elsewhere')).not.toBeNull();
    expect(await store(h, 'key').get('work')).not.toBeNull();
    await store(h, 'key').delete('elsewhere');
  });

  it('keeps the pending key of an unfinished rotation (it is active in IAM), in restore --purge and remove --orphans, and names the fix', async () => {
    h = migrated('pending-orphans');
    const NEW = fakeKey(304);
    await store(h, 'pending').set('work', item(NEW, h.credentials, 'work'));
    await store(h, 'pending').set('old-run', item(STRAY, h.credentials, 'old-run'));
    // The journal rotate writes after CreateAccessKey (lifecycle/journal.ts): no secret in it.
    writeJournal(journalPath(h.env, h.home, 'work'), { v: 1, profile: 'work', account: 'work', step: 'created', oldKeyId: WORK.id, newKeyId: NEW.id,
      userArn: 'arn:aws:iam::123456789012:user/alice', startedAt: new Date().toISOString(), deleteOld: false });
    const purge = h.keyward(['restore', '--yes', '--purge']);
    expect(purge.status, purge.stderr).toBe(0);
    expect(purge.stdout).toContain("'work' (pending key AKIA…");
    expect(purge.stdout).toContain("a rotation of profile 'work' is unfinished and its new key AKIA");
    expect(purge.stdout).toContain("run 'keyward migrate --profile work' and 'keyward rotate --profile work' to finish it");
    expect(await store(h, 'pending').get('work')).not.toBeNull();
    // A pending item with no rotation behind it is an orphan like any other.
    expect(await store(h, 'pending').get('old-run')).toBeNull();
    const orphans = h.keyward(['remove', '--orphans', '--yes']);
    expect(orphans.status, orphans.stderr).toBe(0);
    expect(await store(h, 'pending').get('work')).not.toBeNull();
    // remove --profile refuses too, naming the command that finishes the rotation.
    const refused = h.keyward(['remove', '--profile', 'work', '--yes']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^keyward: a rotation of profile 'work' is unfinished \(its new key AKIA…\w{4} exists in IAM\)\. Run `keyward rotate --profile work` to finish it/);
    expect(await store(h, 'pending').get('work')).not.toBeNull();
    // Once the rotation is over (its journal gone), the item goes.
    fs.rmSync(journalPath(h.env, h.home, 'work'));
    expect(h.keyward(['remove', '--orphans', '--yes']).status).toBe(0);
    expect(await store(h, 'pending').get('work')).toBeNull();
    for (const run of [purge, orphans]) expect(run.stdout + run.stderr).not.toContain(NEW.secret);
  });

  it('restore --purge deletes orphan items too, but keeps a previous key not yet retired', async () => {
    h = migrated('purge-orphans');
    await store(h, 'key').set('stale', item(STRAY, h.credentials, 'stale'));
    await store(h, 'previous').set('work', item(STRAY, h.credentials, 'work'));
    await store(h, 'session').set('work', '{"v":1}');
    const run = h.keyward(['restore', '--yes', '--purge']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Deleted items no profile uses: 'stale'");
    expect(run.stdout).toContain("Kept in the keychain: 'work' (previous key");
    expect(await store(h, 'key').get('stale')).toBeNull();
    expect(await store(h, 'session').get('work')).toBeNull();
    expect(await store(h, 'previous').get('work')).not.toBeNull();
    expect(fs.readFileSync(h.credentials, 'utf8')).toBe(CREDENTIALS);
  });
});
