// migrate then restore on a realistic HOME, checked through the real AWS clients: every profile
// resolves the same credentials and settings before, after migrate and after restore, and only
// the credential lines change.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBotocore, resolveCliV2, resolveJsSdk } from '../../support/aws-clients.js';
import { CONFIG, CREDENTIALS, KEYS, PROFILES, SECRETS, lineChanges, makeMigrateHome } from '../../support/migrate-home.js';
import type { MigrateHome } from '../../support/migrate-home.js';
import type { Resolved } from '../../support/aws-clients.js';

const KEY_LINE = /^\s*(aws_access_key_id|aws_secret_access_key)\s*[=:]/i;
const SHIM_LINE = /^credential_process = \S*keyward-credential-process --profile /;

/** The static keys the fixture holds; migrate moves exactly these profiles to the keychain. */
const STATIC: Record<string, string> = {
  default: KEYS.default.id, ci: KEYS.ci.id, 'my dev': KEYS.myDev.id, "o'brien": KEYS.obrien.id, cost$center: KEYS.cost.id,
};
const MIGRATED = Object.keys(STATIC).sort();

/** 'the key' when `actual` is `id`; otherwise what was found, redacted, so no key reaches the log. */
function sameKey(actual: string | undefined, id: string): string {
  return actual === id ? 'the key' : `not the key: ${actual === undefined ? 'none' : `${actual.slice(0, 4)}…${actual.slice(-4)}`}`;
}

interface Snapshot {
  botocore: Record<string, { credentials: Resolved; settings: Record<string, unknown> }>;
  cliV2: Record<string, Resolved>;
  jsSdk: Record<string, Resolved>;
}

// Each client throws if it cannot run at all (resolveCliV2 also when a profile does not resolve).
function snapshot(h: MigrateHome): Snapshot {
  const cliV2 = Object.fromEntries(PROFILES.map((p) => [p, resolveCliV2(h.env, p)]));
  return { botocore: resolveBotocore(h.env, [...PROFILES, 'role']), cliV2, jsSdk: resolveJsSdk(h.env, PROFILES) };
}

describe('keyward migrate and restore, end to end', () => {
  let h: MigrateHome;
  let before: Snapshot;
  beforeAll(() => {
    h = makeMigrateHome('roundtrip');
    before = snapshot(h);
    // Looser than a user should keep them: migrate's write must tighten both to 0600.
    fs.chmodSync(h.credentials, 0o644);
    fs.chmodSync(h.config, 0o640);
  });
  afterAll(() => h.cleanup());

  it('resolves every profile as before, through the AWS CLI v1/v2 and the JS SDK', () => {
    // The fixture resolves to start with, in every client, to the very keys it holds: the
    // comparison below is between keys, never between two errors.
    for (const [profile, id] of Object.entries(STATIC)) {
      expect(sameKey(before.botocore[profile]?.credentials.AccessKeyId, id), `botocore ${profile}`).toBe('the key');
      expect(sameKey(before.cliV2[profile]?.AccessKeyId, id), `AWS CLI v2 ${profile}`).toBe('the key');
    }
    expect(before.botocore.temp?.credentials).toMatchObject({ AccessKeyId: expect.stringMatching(/^ASIA/), SessionToken: expect.any(String) });
    expect(before.cliV2.temp).toMatchObject({ AccessKeyId: expect.stringMatching(/^ASIA/), SessionToken: expect.any(String) });
    // The JS SDK sees [default] and [temp]; a space, ' or $ hides a profile from it, and it does
    // not lower-case [ci]'s AWS_ACCESS_KEY_ID.
    expect(sameKey(before.jsSdk.default?.AccessKeyId, KEYS.default.id), 'js sdk default').toBe('the key');
    expect(before.jsSdk.temp?.AccessKeyId).toMatch(/^ASIA/);
    for (const hidden of ['ci', 'my dev', "o'brien", 'cost$center']) expect(before.jsSdk[hidden]?.error, `js sdk ${hidden}`).toBe('CredentialsProviderError');

    const run = h.keyward(['migrate', '--yes']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // One intended difference (design §4): the JS SDK does not lower-case option names, so it could
    // not see [ci]'s AWS_ACCESS_KEY_ID before; the shim line is lower case, so now it resolves [ci]
    // to the same key botocore always saw.
    const expected = structuredClone(before);
    expected.jsSdk.ci = expected.botocore.ci?.credentials as Resolved;
    expect(snapshot(h)).toEqual(expected);
  });

  it('changes only the credential lines, keeps CRLF, and tightens a 0644 and a 0640 file to 0600', () => {
    const credentials = fs.readFileSync(h.credentials, 'utf8');
    const config = fs.readFileSync(h.config, 'utf8');
    for (const [original, now] of [[CREDENTIALS, credentials], [CONFIG, config]] as const) {
      const { added, removed } = lineChanges(original, now);
      expect(removed.length).toBeGreaterThan(0);
      expect(removed.every((line) => KEY_LINE.test(line))).toBe(true);
      expect(added.every((line) => SHIM_LINE.test(line.trim()))).toBe(true);
      expect(added.length * 2).toBe(removed.length);
    }
    expect(credentials.split('\r\n').length).toBe(credentials.split('\n').length);
    expect(credentials).toContain('aws_session_token'); // temporary credentials are left alone
    for (const file of [h.credentials, h.config]) expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('holds exactly the static keys in the keychain, as keyward status reads it', () => {
    const status = JSON.parse(h.keyward(['status', '--format', 'json']).stdout) as { profiles: { name: string; source: string; createdAt?: string }[] };
    const inKeychain = status.profiles.filter((p) => p.source === 'keychain' && p.createdAt !== undefined).map((p) => p.name).sort();
    expect(inKeychain).toEqual(MIGRATED);
    expect(status.profiles.find((p) => p.name === 'temp')?.source).toBe('plaintext');
  });

  it('writes no secret anywhere else in HOME, nor in its output', () => {
    const json = h.keyward(['migrate', '--yes', '--format', 'json']);
    const leaks = (text: string): string[] => SECRETS.filter((s) => text.includes(s));
    expect(leaks(json.stdout + json.stderr)).toEqual([]);
    const files = fs.readdirSync(h.home, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && !d.parentPath.endsWith('.aws'));
    for (const d of files) expect(leaks(fs.readFileSync(`${d.parentPath}/${d.name}`, 'utf8')), d.name).toEqual([]);
    const aws = fs.readFileSync(h.credentials, 'utf8') + fs.readFileSync(h.config, 'utf8');
    // Only the old key in a comment is left (compared by index: a failure names no key).
    expect(leaks(aws).filter((s) => s.startsWith('AKIA')).map((s) => SECRETS.indexOf(s))).toEqual([SECRETS.indexOf(KEYS.old.id)]);
  });

  it('is a no-op the second time', () => {
    const credentials = fs.readFileSync(h.credentials);
    const config = fs.readFileSync(h.config);
    const run = h.keyward(['migrate', '--yes']);
    expect(run.status).toBe(0);
    expect(fs.readFileSync(h.credentials).equals(credentials)).toBe(true);
    expect(fs.readFileSync(h.config).equals(config)).toBe(true);
  });

  it('restore puts back the exact bytes, and every client resolves as before', () => {
    const run = h.keyward(['restore', '--yes']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(fs.readFileSync(h.credentials, 'utf8')).toBe(CREDENTIALS);
    expect(fs.readFileSync(h.config, 'utf8')).toBe(CONFIG);
    expect(snapshot(h)).toEqual(before);
  });
});
