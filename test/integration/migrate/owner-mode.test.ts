// Root migrating a user's files (sudo -E keyward migrate, a provisioning script): the rewritten
// files keep their owner and group, and a too-open mode is tightened to 0600. Through the real
// keyring and the built CLI; the atomic write's fchown and fchmod are what this checks.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG, CREDENTIALS, makeMigrateHome } from '../../support/migrate-home.js';
import type { MigrateHome } from '../../support/migrate-home.js';
import { isRoot, need } from '../../support/need.js';

const USER = 1000;
const GROUP = 1000;

let h: MigrateHome | undefined;
afterEach(() => {
  h?.cleanup();
  h = undefined;
});

function ownerAndMode(file: string): { uid: number; gid: number; mode: string } {
  const stat = fs.statSync(file);
  return { uid: stat.uid, gid: stat.gid, mode: (stat.mode & 0o777).toString(8) };
}

describe('keyward migrate run as root on files owned by a user', () => {
  it('keeps uid/gid 1000 and tightens a 0644 credentials file to 0600, then restore keeps them too', (ctx) => {
    need(ctx, isRoot, 'this test chowns files to uid 1000 and must run as root');
    h = makeMigrateHome('owner');
    fs.chownSync(path.dirname(h.credentials), USER, GROUP);
    for (const file of [h.credentials, h.config]) fs.chownSync(file, USER, GROUP);
    fs.chmodSync(h.credentials, 0o644);
    fs.chmodSync(h.config, 0o600);

    const run = h.keyward(['migrate', '--yes']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(fs.readFileSync(h.credentials, 'utf8')).not.toBe(CREDENTIALS); // really rewritten
    expect(fs.readFileSync(h.config, 'utf8')).not.toBe(CONFIG);
    expect(ownerAndMode(h.credentials)).toEqual({ uid: USER, gid: GROUP, mode: '600' });
    expect(ownerAndMode(h.config)).toEqual({ uid: USER, gid: GROUP, mode: '600' });

    const back = h.keyward(['restore', '--yes']);
    expect(back.status).toBe(0);
    expect(fs.readFileSync(h.credentials, 'utf8')).toBe(CREDENTIALS);
    expect(ownerAndMode(h.credentials)).toEqual({ uid: USER, gid: GROUP, mode: '600' });
    expect(ownerAndMode(h.config)).toEqual({ uid: USER, gid: GROUP, mode: '600' });
  });
});
