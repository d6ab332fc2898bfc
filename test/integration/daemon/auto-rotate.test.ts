// auto_rotate end to end: the daemon's key-age check finds the profile's key too old and rotates
// it through IAM (the emulator), then the key-age finding is resolved and the clients sign with
// the new key.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callAws } from '../../support/aws-call.js';
import { is, startWatch, type WatchProcess } from '../../support/daemon.js';
import { PROFILE, makeRotateHome, type RotateHome } from '../../support/rotate-home.js';

let h: RotateHome | undefined;
let watch: WatchProcess | undefined;
afterEach(async () => {
  await watch?.stop();
  await h?.close();
  [h, watch] = [undefined, undefined];
});

async function ageKey(home: RotateHome, days: number): Promise<void> {
  const item = JSON.parse((await home.store('key').get(PROFILE))!) as Record<string, unknown>;
  await home.store('key').set(PROFILE, JSON.stringify({ ...item, createdAt: new Date(Date.now() - days * 86_400_000).toISOString() }));
}

function policy(home: RotateHome, text: string): void {
  fs.mkdirSync(path.join(home.home, '.config/keyward'), { recursive: true });
  fs.writeFileSync(path.join(home.home, '.config/keyward/config.ini'), text);
}

describe('keyward watch with auto_rotate = true', () => {
  it('rotates a key older than max_key_age_days and resolves the finding', async () => {
    h = await makeRotateHome('auto-rotate', 100);
    await ageKey(h, 40);
    policy(h, 'auto_rotate = true\nmax_key_age_days = 30\n');
    watch = startWatch(h.env);
    await watch.next(is('finding', 'access-key-too-old'));
    const rotated = await watch.next(is('rotated'));
    const newId = await h.itemKey('key');
    expect(rotated).toMatchObject({ profile: PROFILE, oldKey: `${h.first.id.slice(0, 4)}…${h.first.id.slice(-4)}`, newKey: `${newId!.slice(0, 4)}…${newId!.slice(-4)}` });
    await watch.next(is('resolved', 'access-key-too-old'));
    expect(h.aws.keys('alice').map((k) => [k.id, k.status])).toEqual([[h.first.id, 'Inactive'], [newId, 'Active']]);
    const before = h.aws.requests.length;
    expect(await callAws('botocore', h.env, PROFILE, 'sts', 'GetCallerIdentity')).toHaveProperty('ok');
    expect(h.aws.requests.slice(before).map((r) => r.keyId)).toEqual([newId]);
  });

  it('keyward rotate tells the running agent, which then serves the new key', async () => {
    h = await makeRotateHome('rotate-agent', 102);
    const runtime = path.join(h.root, 'run');
    fs.mkdirSync(runtime, { mode: 0o700 });
    h.env.XDG_RUNTIME_DIR = runtime;
    watch = startWatch(h.env);
    await watch.next(is('ready'));
    const signer = async (): Promise<string | undefined> => {
      const before = h!.aws.requests.length;
      expect(await callAws('botocore', h!.env, PROFILE, 'sts', 'GetCallerIdentity')).toHaveProperty('ok');
      return h!.aws.requests.slice(before).map((r) => r.keyId).join();
    };
    expect(await signer()).toBe(h.first.id);
    expect((await h.keyward(['rotate', '--profile', PROFILE, '--yes'])).status).toBe(0);
    expect(await signer()).toBe(await h.itemKey('key'));
  });

  it('leaves an old key alone without auto_rotate', async () => {
    h = await makeRotateHome('no-auto-rotate', 101);
    await ageKey(h, 40);
    policy(h, 'max_key_age_days = 30\n');
    watch = startWatch(h.env);
    await watch.next(is('ready'));
    expect(watch.events.some((e) => e.event === 'finding' && 'ruleId' in e && e.ruleId === 'access-key-too-old')).toBe(true);
    expect(h.aws.requests).toEqual([]);
  });
});
