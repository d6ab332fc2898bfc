// The dead end of issue 12, for real: a migrated profile gets a new key the way AWS documents it
// (`aws configure set`, which appends the key under keyward's credential_process line, where it
// wins). `keyward migrate` adopts it: the keychain item holds the new key, the file none, and the
// old key stays retrievable as the previous key until `keyward remove --previous`. The AWS CLI v2,
// botocore and the JS SDK resolve the new key through the shim.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeItem } from '../../../src/secrets/item.js';
import { openSecretStore } from '../../../src/secrets/open.js';
import type { ItemKind } from '../../../src/secrets/store.js';
import { resolveBotocore, resolveCliV2, resolveJsSdk } from '../../support/aws-clients.js';
import { fakeKey } from '../../support/keys.js';
import { makeMigrateHome } from '../../support/migrate-home.js';
import type { MigrateHome } from '../../support/migrate-home.js';
import { binKeyward } from '../../support/paths.js';

const OLD = fakeKey(201);
const NEW = fakeKey(202);
const CREDENTIALS = `[work]\naws_access_key_id = ${OLD.id}\naws_secret_access_key = ${OLD.secret}\n`;
const CONFIG = '[profile work]\nregion = eu-west-1\n';

let h: MigrateHome;
const store = (kind: ItemKind) => openSecretStore('command', h.env, kind);
const keyOf = async (kind: ItemKind): Promise<string | undefined> => {
  const password = await store(kind).get('work');
  return password === null ? undefined : decodeItem(password, 'work').AccessKeyId;
};

/** `aws configure set` with the AWS CLI v2, as the AWS docs tell a user to rotate a key. */
function awsConfigureSet(key: string, value: string): void {
  const run = spawnSync('/usr/bin/aws', ['configure', 'set', key, value, '--profile', 'work'], { env: h.env, encoding: 'utf8', timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
}

beforeAll(() => {
  h = makeMigrateHome('adopt', { credentials: CREDENTIALS, config: CONFIG });
  expect(h.keyward(['migrate', '--yes']).status).toBe(0);
  awsConfigureSet('aws_access_key_id', NEW.id);
  awsConfigureSet('aws_secret_access_key', NEW.secret);
}, 120_000);

afterAll(() => {
  h.keyward(['remove', '--orphans', '--yes']);
  h.cleanup();
});

describe('a key set with `aws configure set` after migration', () => {
  it('wins over keyward\'s line until adopted, and scan names the adoption', () => {
    const text = fs.readFileSync(h.credentials, 'utf8');
    expect(text).toContain('credential_process');
    expect(text).toContain(NEW.secret);
    expect(resolveCliV2(h.env, 'work').AccessKeyId).toBe(NEW.id);
    const scan = JSON.parse(h.keyward(['scan', '--format', 'json']).stdout) as { findings: { ruleId: string; remediation: string }[] };
    const finding = scan.findings.find((f) => f.ruleId === 'plaintext-access-key');
    expect(finding?.remediation).toContain('keyward migrate --profile work');
    expect(finding?.remediation).toContain('adopts this key');
    expect(finding?.remediation).toContain('keyward remove --profile work --previous');
  });

  it('migrate without --yes shows the replacement (old → new, redacted) and changes nothing', () => {
    const before = fs.readFileSync(h.credentials, 'utf8');
    const run = h.keyward(['migrate']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`replaces the key in keychain item 'work': ${OLD.id.slice(0, 4)}…${OLD.id.slice(-4)} → ${NEW.id.slice(0, 4)}…${NEW.id.slice(-4)}`);
    expect(run.stdout).not.toContain(NEW.secret);
    expect(run.stdout).not.toContain(NEW.id);
    expect(fs.readFileSync(h.credentials, 'utf8')).toBe(before);
  });

  it('on a terminal, migrate asks before replacing; "n" changes nothing', () => {
    const before = fs.readFileSync(h.credentials, 'utf8');
    const run = spawnSync('script', ['-q', '-e', '-c', `${process.execPath} ${binKeyward} migrate`, '/dev/null'], { env: h.env, input: 'n\n', encoding: 'utf8', timeout: 120_000 });
    expect(run.stdout).toContain("replaces the key in keychain item 'work'");
    expect(run.stdout).toContain('[y/N]');
    expect(run.stdout).toContain('Nothing was changed.');
    expect(fs.readFileSync(h.credentials, 'utf8')).toBe(before);
  });

  it('migrate --yes adopts it: exit 0, no plaintext in either file, the item holds the new key, the old one is the previous key, no cached session', async () => {
    // A session cached for the old key (the sessions feature stores it under this identity).
    await store('session').set('work', '{"v":1}');
    const run = h.keyward(['migrate', '--yes']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Adopted');
    for (const file of [h.credentials, h.config]) {
      const text = fs.readFileSync(file, 'utf8');
      for (const secret of [OLD.id, OLD.secret, NEW.id, NEW.secret]) expect(text).not.toContain(secret);
    }
    expect(fs.readFileSync(h.credentials, 'utf8').match(/credential_process/g)).toHaveLength(1);
    expect(await keyOf('key')).toBe(NEW.id);
    expect(await keyOf('previous')).toBe(OLD.id);
    expect(await store('session').get('work')).toBeNull();
    expect(h.keyward(['status']).stdout).toContain("Previous keys still held");
  });

  it('the profile resolves the new key in the AWS CLI v2, botocore and the JS SDK', () => {
    expect(resolveCliV2(h.env, 'work')).toEqual({ AccessKeyId: NEW.id, SecretAccessKey: NEW.secret });
    expect(resolveBotocore(h.env, ['work']).work?.credentials).toMatchObject({ AccessKeyId: NEW.id, SecretAccessKey: NEW.secret });
    expect(resolveJsSdk(h.env, ['work']).work).toEqual({ AccessKeyId: NEW.id, SecretAccessKey: NEW.secret });
  });

  it('a second migrate has nothing to do', () => {
    const run = h.keyward(['migrate', '--yes']);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('Adopted');
  });

  it('remove --previous retires only the previous key; the profile keeps working', async () => {
    const run = h.keyward(['remove', '--profile', 'work', '--previous', '--yes']);
    expect(run.status, run.stderr).toBe(0);
    expect(await keyOf('previous')).toBeUndefined();
    expect(await keyOf('key')).toBe(NEW.id);
    expect(resolveCliV2(h.env, 'work').AccessKeyId).toBe(NEW.id);
    expect(h.keyward(['status']).stdout).not.toContain('Previous keys still held');
    const again = h.keyward(['remove', '--profile', 'work', '--previous', '--yes']);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("has no previous key");
  });
});
