// keyward rotate end to end: a migrated profile, the real keyring, the IAM + STS emulator (which
// checks every signature), and the three real clients signing with whatever the profile resolves.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialProcessLine, parseCredentialProcessLine } from '../../../src/launcher/line.js';
import { versionsDir } from '../../../src/platform/install.js';
import { AWS_CLIENTS, callAws } from '../../support/aws-call.js';
import { emulatorEnv, redirectCliV2 } from '../../support/aws-emulator.js';
import { selfSignedCertificate, startConnectProxy } from '../../support/connect-proxy.js';
import { createTempHome, makeTempDir } from '../../support/temp-home.js';
import { fakeKey } from '../../support/keys.js';
import { PROFILE, makeRotateHome, type RotateHome } from '../../support/rotate-home.js';

let h: RotateHome | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** GetCallerIdentity signed with a bare key pair by each client, from a home of its own: is this key still accepted? */
async function keyWorks(home: RotateHome, id: string, secret: string): Promise<string[]> {
  const other = createTempHome('old-key', { files: { '.aws/credentials': `[k]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n` } });
  redirectCliV2(other.home, home.aws.url);
  try {
    const outcomes = [];
    for (const client of AWS_CLIENTS) outcomes.push((await callAws(client, { ...other.env, ...emulatorEnv(home.aws.url) }, 'k', 'sts', 'GetCallerIdentity')).error ?? 'ok');
    return outcomes;
  } finally {
    other.cleanup();
  }
}

function journalFiles(home: RotateHome): string[] {
  const dir = `${home.home}/.local/state/keyward/rotate`;
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

function noSecretIn(home: RotateHome, ...texts: string[]): void {
  const secrets = [home.first.secret, ...home.aws.keys('alice').map((k) => home.aws.secretOf(k.id) ?? '')];
  for (const text of texts) for (const s of secrets) expect(text).not.toContain(s);
}

describe('keyward rotate', () => {
  it('runs from the installed version the service runs (the AWS SDK inside its one-file bundle), not only from the checkout', async () => {
    h = await makeRotateHome('rotate-installed', 75);
    const versions = versionsDir(h.env, h.home);
    const [version] = fs.readdirSync(versions);
    const out = await h.keywardAt(path.join(versions, version as string, 'dist/keyward.mjs'), ['rotate', '--profile', PROFILE, '--yes']);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const [old, now] = h.aws.keys('alice');
    expect([old?.status, now?.status]).toEqual(['Inactive', 'Active']);
    expect(await h.itemKey('key')).toBe(now?.id);
    expect((await callAws('botocore', h.env, PROFILE, 'sts', 'GetCallerIdentity')).error).toBeUndefined();
  }, 120_000);

  it('creates, verifies and promotes a new key; every client signs with it; the old key is refused', async () => {
    h = await makeRotateHome('rotate-ok', 61);
    await h.store('session').set(PROFILE, JSON.stringify({ v: 1, cached: 'session' }));
    const out = await h.keyward(['rotate', '--profile', PROFILE, '--yes']);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const keys = h.aws.keys('alice');
    expect(keys.map((k) => [k.id === h!.first.id ? 'old' : 'new', k.status])).toEqual([['old', 'Inactive'], ['new', 'Active']]);
    const newId = keys[1]!.id;
    expect(out.stdout).toContain(`now uses ${newId.slice(0, 4)}…${newId.slice(-4)}`);
    expect(await h.itemKey('key')).toBe(newId);
    expect(JSON.parse((await h.store('key').get(PROFILE))!).SecretAccessKey).toBe(h.aws.secretOf(newId));
    expect(await h.itemKey('previous')).toBe(h.first.id);
    expect([await h.itemKey('pending'), await h.store('session').get(PROFILE)]).toEqual([null, null]);
    expect(journalFiles(h)).toEqual([]);
    noSecretIn(h, out.stdout, out.stderr);

    for (const client of AWS_CLIENTS) {
      const before = h.aws.requests.length;
      expect(await callAws(client, h.env, PROFILE, 'sts', 'GetCallerIdentity'), client).toMatchObject({ ok: { Arn: 'arn:aws:iam::123456789012:user/alice' } });
      expect(h.aws.requests.slice(before).map((r) => r.keyId), client).toEqual([newId]);
    }
    expect(await keyWorks(h, h.first.id, h.first.secret)).toEqual(['InvalidClientTokenId', 'InvalidClientTokenId', 'InvalidClientTokenId']);
    expect(await keyWorks(h, newId, h.aws.secretOf(newId)!)).toEqual(['ok', 'ok', 'ok']);
  });

  it('--delete-old deletes the old key in IAM and forgets it', async () => {
    h = await makeRotateHome('rotate-delete', 62);
    const out = await h.keyward(['rotate', '--profile', PROFILE, '--yes', '--delete-old']);
    expect(out.status).toBe(0);
    expect(h.aws.keys('alice').map((k) => k.id)).toEqual([await h.itemKey('key')]);
    expect(await h.itemKey('previous')).toBeNull();
    expect(out.stdout).toContain('was deleted in IAM');
  });

  it('stops when the user already has two keys, naming the unused one; nothing changes', async () => {
    h = await makeRotateHome('rotate-two', 63);
    const spare = fakeKey(64);
    h.aws.addKey('alice', spare);
    const out = await h.keyward(['rotate', '--profile', PROFILE, '--yes']);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain(`${spare.id.slice(0, 4)}…${spare.id.slice(-4)} (the other, active, never used)`);
    expect(out.stderr).toContain(`aws iam delete-access-key --access-key-id ${spare.id}`);
    expect(h.aws.keys('alice').map((k) => k.id)).toEqual([h.first.id, spare.id]);
    expect(await h.itemKey('key')).toBe(h.first.id);
    expect(journalFiles(h)).toEqual([]);
  });

  it('stops when CreateAccessKey fails; nothing changes', async () => {
    h = await makeRotateHome('rotate-create-fails', 65);
    h.aws.failOnce('CreateAccessKey');
    const out = await h.keyward(['rotate', '--profile', PROFILE, '--yes']);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/refused the call for profile 'work': AccessDenied \(HTTP 403\)/);
    expect(h.aws.keys('alice').map((k) => k.id)).toEqual([h.first.id]);
    expect([await h.itemKey('key'), await h.itemKey('pending')]).toEqual([h.first.id, null]);
    expect(journalFiles(h)).toEqual([]);
  });

  it('when the new key never works, deletes it in IAM and keeps the old one', async () => {
    h = await makeRotateHome('rotate-verify-fails', 66);
    h.aws.delayPropagation({ calls: 1000 });
    const out = await h.keyward(['rotate', '--profile', PROFILE, '--yes']);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/did not work: STS refused it \(InvalidClientTokenId\) after 8 tries; it was deleted in IAM and profile 'work' keeps its key/);
    expect(h.aws.keys('alice').map((k) => [k.id, k.status])).toEqual([[h.first.id, 'Active']]);
    expect([await h.itemKey('key'), await h.itemKey('pending')]).toEqual([h.first.id, null]);
    expect(journalFiles(h)).toEqual([]);
    expect(await callAws('botocore', h.env, PROFILE, 'sts', 'GetCallerIdentity')).toHaveProperty('ok');
  });

  it('waits out IAM\'s propagation delay (bounded retries)', async () => {
    h = await makeRotateHome('rotate-propagation', 67);
    h.aws.delayPropagation({ calls: 3 });
    const out = await h.keyward(['rotate', '--profile', PROFILE, '--yes']);
    expect(out.status).toBe(0);
    const newId = await h.itemKey('key');
    const verifying = h.aws.requests.filter((r) => r.keyId === newId && r.action === 'GetCallerIdentity').map((r) => r.outcome);
    expect(verifying).toEqual(['InvalidClientTokenId', 'InvalidClientTokenId', 'InvalidClientTokenId', 'ok']);
  });

  it('without --yes and no terminal, only says what it would do', async () => {
    h = await makeRotateHome('rotate-no-yes', 68);
    const out = await h.keyward(['rotate', '--profile', PROFILE]);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('Nothing was changed. Run `keyward rotate --profile work --yes` to apply.');
    expect(h.aws.requests).toEqual([]);
  });

  it('deletes a previous key once its grace period is over, then rotates', async () => {
    h = await makeRotateHome('rotate-grace', 69);
    expect((await h.keyward(['rotate', '--profile', PROFILE, '--yes'])).status).toBe(0);
    const second = await h.itemKey('key');
    const refused = await h.keyward(['rotate', '--profile', PROFILE, '--yes']); // two keys: the inactive one is in its grace period
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('(its previous, inactive, last used');
    expect(refused.stderr).toContain("this profile's previous key, kept for rotation_grace_days: `keyward rotate --profile work --delete-old` deletes it now");
    const previous = JSON.parse((await h.store('previous').get(PROFILE))!) as Record<string, unknown>;
    await h.store('previous').set(PROFILE, JSON.stringify({ ...previous, createdAt: new Date(Date.now() - 8 * 86_400_000).toISOString() }));
    const out = await h.keyward(['rotate', '--profile', PROFILE, '--yes']);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('inactive past rotation_grace_days');
    const keys = h.aws.keys('alice');
    expect(keys.map((k) => k.id)).not.toContain(h.first.id);
    expect(keys.map((k) => [k.id === second ? 'second' : 'third', k.status])).toEqual([['second', 'Inactive'], ['third', 'Active']]);
    expect(await h.itemKey('previous')).toBe(second);
  });

  it('keeps a previous key that still works for another user, and stops rather than replace it', async () => {
    h = await makeRotateHome('rotate-foreign-previous', 73);
    const bobs = fakeKey(74);
    h.aws.addUser('bob');
    h.aws.addKey('bob', bobs);
    const item = JSON.parse((await h.store('key').get(PROFILE))!) as Record<string, unknown>;
    await h.store('previous').set(PROFILE, JSON.stringify({ ...item, AccessKeyId: bobs.id, SecretAccessKey: bobs.secret, createdAt: '2020-01-01T00:00:00.000Z' }));
    const out = await h.keyward(['rotate', '--profile', PROFILE, '--yes', '--delete-old']);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain("still keeps a previous key, ");
    expect(out.stderr).toContain('keyward remove --profile work --previous');
    expect(await h.itemKey('previous')).toBe(bobs.id);
    expect(h.aws.keys('alice').map((k) => k.id)).toEqual([h.first.id]);
    expect(h.aws.keys('bob').map((k) => k.id)).toEqual([bobs.id]);
  });

  it('forgets a previous key AWS no longer accepts, then rotates', async () => {
    h = await makeRotateHome('rotate-dead-previous', 75);
    const dead = fakeKey(76);
    const item = JSON.parse((await h.store('key').get(PROFILE))!) as Record<string, unknown>;
    await h.store('previous').set(PROFILE, JSON.stringify({ ...item, AccessKeyId: dead.id, SecretAccessKey: dead.secret }));
    const out = await h.keyward(['rotate', '--profile', PROFILE, '--yes']);
    expect(out.status).toBe(0);
    expect(await h.itemKey('previous')).toBe(h.first.id);
  });

  it('reaches an HTTPS endpoint through HTTPS_PROXY, trusting the profile\'s ca_bundle', async () => {
    const dir = makeTempDir('rotate-tls');
    const proxy = await startConnectProxy();
    try {
      const cert = selfSignedCertificate(dir);
      h = await makeRotateHome('rotate-tls', 77, { tls: cert });
      const out = await h.keyward(['rotate', '--profile', PROFILE, '--yes'], { HTTPS_PROXY: proxy.url, NO_PROXY: 'example.com' });
      expect(out.stderr).toBe('');
      expect(out.status).toBe(0);
      expect(new Set(proxy.tunnels.map((t) => t.target))).toEqual(new Set([new URL(h.aws.url).host]));
      expect(h.aws.requests.map((r) => r.outcome).every((o) => o === 'ok')).toBe(true);
      expect(h.aws.keys('alice')).toHaveLength(2);
    } finally {
      await proxy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('works on the item the profile\'s --item names when it is not the profile name', async () => {
    h = await makeRotateHome('rotate-item', 78);
    const account = 'work (elsewhere)';
    // migrate put the credential_process line where the key was: the credentials file.
    const text = fs.readFileSync(h.credentials, 'utf8');
    const line = /^credential_process = (.*)$/m.exec(text)![1]!;
    const launcher = parseCredentialProcessLine(line)!.program;
    fs.writeFileSync(h.credentials, text.replace(line, credentialProcessLine(launcher, PROFILE, account)));
    await h.store('key').set(account, (await h.store('key').get(PROFILE))!);
    await h.store('key').delete(PROFILE);
    const out = await h.keyward(['rotate', '--profile', PROFILE, '--yes']);
    expect(out.status).toBe(0);
    const newId = h.aws.keys('alice')[1]!.id;
    expect(JSON.parse((await h.store('key').get(account))!).AccessKeyId).toBe(newId);
    expect(JSON.parse((await h.store('previous').get(account))!).AccessKeyId).toBe(h.first.id);
    expect([await h.store('key').get(PROFILE), await h.store('previous').get(PROFILE)]).toEqual([null, null]);
    expect(await callAws('js-sdk', h.env, PROFILE, 'sts', 'GetCallerIdentity')).toHaveProperty('ok');
    for (const kind of ['key', 'previous'] as const) await h.store(kind).delete(account);
  });

  it('refuses a profile keyward does not hold, and a missing --profile (exit 2)', async () => {
    h = await makeRotateHome('rotate-usage', 70);
    expect(await h.keyward(['rotate', '--yes'])).toMatchObject({ status: 2, stderr: expect.stringContaining('rotate needs --profile P') });
    expect(await h.keyward(['rotate', '--profile', 'nope', '--yes'])).toMatchObject({ status: 2, stderr: expect.stringContaining("no profile named 'nope'") });
    expect(await h.keyward(['rotate', '--profile', PROFILE, '--delete-old', '--deactivate-old'])).toMatchObject({ status: 2 });
  });

  it('accepts an AWS_CA_BUNDLE-free, proxy-free profile-only set-up (endpoint_url in the profile)', async () => {
    h = await makeRotateHome('rotate-endpoint', 71);
    const out = await h.keyward(['rotate', '--profile', PROFILE, '--yes'], { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    // AWS_ENDPOINT_URL beats the profile's endpoint_url (SDK precedence): nothing listens there.
    expect(out.status).toBe(1);
    expect(h.aws.requests).toEqual([]);
    expect((await h.keyward(['rotate', '--profile', PROFILE, '--yes'])).status).toBe(0);
  });
});

describe('keyward rotate killed at each step', () => {
  it('lists its steps', async () => {
    h = await makeRotateHome('rotate-steps', 72);
    const run = await h.rotateChild(-1);
    expect(run.signal).toBeNull();
    expect(run.steps).toEqual(STEPS);
  });

  const STEPS = ['journal-started', 'created-in-iam', 'pending-stored', 'journal-created', 'journal-verified', 'previous-stored',
    'key-promoted', 'pending-deleted', 'session-deleted', 'journal-promoted', 'deactivated-in-iam', 'journal-deactivated', 'done'];

  // The next rotate runs with --delete-old: it finishes (or undoes) the killed one and then leaves
  // exactly one key, so "the only working key" is easy to check. (After `done` it is a new rotation.)
  it.each(STEPS.map((step, i) => [step, i] as const))('after %s: the profile still works, and the next rotate completes', async (step, i) => {
    h = await makeRotateHome(`rotate-kill-${i}`, 80 + i);
    const killed = await h.rotateChild(i);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.steps.at(-1)).toBe(step);
    expect(await callAws('botocore', h.env, PROFILE, 'sts', 'GetCallerIdentity')).toHaveProperty('ok');
    const next = await h.keyward(['rotate', '--profile', PROFILE, '--yes', '--delete-old']);
    expect(next.stderr).toBe('');
    expect(next.status).toBe(0);
    const current = await h.itemKey('key');
    expect(h.aws.keys('alice').map((k) => [k.id, k.status])).toEqual([[current, 'Active']]);
    expect(current).not.toBe(h.first.id);
    expect([await h.itemKey('pending'), await h.itemKey('previous')]).toEqual([null, null]);
    expect(journalFiles(h)).toEqual([]);
    expect(await callAws('js-sdk', h.env, PROFILE, 'sts', 'GetCallerIdentity')).toHaveProperty('ok');
    noSecretIn(h, next.stdout, next.stderr, killed.stdout, killed.stderr);
  });
});
