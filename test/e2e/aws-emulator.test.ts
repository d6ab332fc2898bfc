// The IAM + STS emulator (test/support/aws-emulator.ts) as the three real clients see it: each
// signs with a profile's key, and the emulator accepts only a signature made with the secret of an
// active key it knows, answers in XML they parse, and refuses with the codes AWS uses.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLIENTS, callAws, type AwsClient } from '../support/aws-call.js';
import { AwsFault, emulatorEnv, redirectCliV2, startAwsEmulator, totp, type AwsEmulator } from '../support/aws-emulator.js';
import { fakeKey } from '../support/keys.js';
import { createTempHome, type TempHome } from '../support/temp-home.js';

const alice = fakeKey(40);
const bob = fakeKey(41);
const stranger = fakeKey(42);
const MFA_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
let aws: AwsEmulator;
let home: TempHome;
let env: NodeJS.ProcessEnv;

function profile(name: string, id: string, secret: string, token?: string): string {
  return `[${name}]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n${token ? `aws_session_token = ${token}\n` : ''}`;
}

function writeCredentials(extra = ''): void {
  const text = [profile('alice', alice.id, alice.secret), profile('bob', bob.id, bob.secret),
    profile('wrong-secret', alice.id, bob.secret), profile('unknown', stranger.id, stranger.secret)].join('\n') + extra;
  fs.writeFileSync(home.aws('credentials'), text, { mode: 0o600 });
}

beforeAll(async () => {
  aws = await startAwsEmulator({ users: [{ name: 'alice', keys: [alice] }, { name: 'bob', keys: [bob] }] });
  home = createTempHome('emulator');
  env = { ...home.env, ...emulatorEnv(aws.url) };
  redirectCliV2(home.home, aws.url);
  fs.writeFileSync(home.aws('config'), '[default]\nregion = us-east-1\n', { mode: 0o600 });
  writeCredentials();
});

afterAll(async () => {
  await aws.close();
  home.cleanup();
});

describe.each(AWS_CLIENTS)('the emulator through %s', (client: AwsClient) => {
  it('names the user whose key signed, and records the key as used', async () => {
    const before = aws.requests.length;
    expect(await callAws(client, env, 'alice', 'sts', 'GetCallerIdentity')).toEqual({ ok: expect.objectContaining({ Arn: 'arn:aws:iam::123456789012:user/alice', Account: '123456789012' }) });
    expect(aws.requests.slice(before)).toEqual([{ service: 'sts', action: 'GetCallerIdentity', keyId: alice.id, status: 200, outcome: 'ok' }]);
    const used = await callAws(client, env, 'alice', 'iam', 'GetAccessKeyLastUsed', { AccessKeyId: alice.id });
    expect(used.ok?.AccessKeyLastUsed).toMatchObject({ ServiceName: 'sts', Region: 'us-east-1' });
  });

  it('refuses a wrong secret (SignatureDoesNotMatch) and an unknown key (InvalidClientTokenId)', async () => {
    expect(await callAws(client, env, 'wrong-secret', 'sts', 'GetCallerIdentity')).toMatchObject({ error: 'SignatureDoesNotMatch' });
    expect(await callAws(client, env, 'unknown', 'iam', 'ListAccessKeys')).toMatchObject({ error: 'InvalidClientTokenId' });
    expect(aws.requests.at(-1)).toMatchObject({ keyId: stranger.id, status: 403 });
  });

  it('creates keys up to two, refuses a third, and refuses a key once inactive or deleted', async () => {
    const created = await callAws(client, env, 'bob', 'iam', 'CreateAccessKey');
    const key = created.ok?.AccessKey as { AccessKeyId: string; SecretAccessKey: string; Status: string };
    expect(key.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(key.SecretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/);
    expect(key.Status).toBe('Active');
    expect(await callAws(client, env, 'bob', 'iam', 'CreateAccessKey')).toMatchObject({ error: 'LimitExceeded' });
    const listed = await callAws(client, env, 'bob', 'iam', 'ListAccessKeys');
    expect((listed.ok?.AccessKeyMetadata as { AccessKeyId: string }[]).map((k) => k.AccessKeyId)).toEqual([bob.id, key.AccessKeyId]);

    writeCredentials('\n' + profile('new', key.AccessKeyId, key.SecretAccessKey));
    expect(await callAws(client, env, 'new', 'sts', 'GetCallerIdentity')).toMatchObject({ ok: { Arn: 'arn:aws:iam::123456789012:user/bob' } });
    expect(await callAws(client, env, 'bob', 'iam', 'UpdateAccessKey', { AccessKeyId: key.AccessKeyId, Status: 'Inactive' })).toEqual({ ok: {} });
    expect(await callAws(client, env, 'new', 'sts', 'GetCallerIdentity')).toMatchObject({ error: 'InvalidClientTokenId' });
    expect(await callAws(client, env, 'bob', 'iam', 'DeleteAccessKey', { AccessKeyId: key.AccessKeyId })).toEqual({ ok: {} });
    expect(await callAws(client, env, 'new', 'sts', 'GetCallerIdentity')).toMatchObject({ error: 'InvalidClientTokenId' });
    expect(await callAws(client, env, 'bob', 'iam', 'DeleteAccessKey', { AccessKeyId: key.AccessKeyId })).toMatchObject({ error: 'NoSuchEntity' });
    expect(aws.keys('bob').map((k) => k.id)).toEqual([bob.id]);
  });

  it('hands out session credentials for a right MFA code only, and accepts them with their token', async () => {
    aws.registerMfa('alice', 'arn:aws:iam::123456789012:mfa/alice', { totpSecret: MFA_SECRET });
    const wrong = await callAws(client, env, 'alice', 'sts', 'GetSessionToken', { SerialNumber: 'arn:aws:iam::123456789012:mfa/alice', TokenCode: '000000' === totp(MFA_SECRET) ? '111111' : '000000' });
    expect(wrong).toMatchObject({ error: 'AccessDenied' });
    const session = await callAws(client, env, 'alice', 'sts', 'GetSessionToken', { SerialNumber: 'arn:aws:iam::123456789012:mfa/alice', TokenCode: totp(MFA_SECRET), DurationSeconds: 900 });
    const c = session.ok?.Credentials as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
    expect(c.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    writeCredentials('\n' + profile('session', c.AccessKeyId, c.SecretAccessKey, c.SessionToken) + '\n' + profile('no-token', c.AccessKeyId, c.SecretAccessKey));
    expect(await callAws(client, env, 'session', 'sts', 'GetCallerIdentity')).toMatchObject({ ok: { Arn: 'arn:aws:iam::123456789012:user/alice' } });
    expect(await callAws(client, env, 'no-token', 'sts', 'GetCallerIdentity')).toMatchObject({ error: 'InvalidClientTokenId' });
    expect(await callAws(client, env, 'session', 'sts', 'GetSessionToken')).toMatchObject({ error: 'AccessDenied' });
    expect(await callAws(client, env, 'session', 'iam', 'GetUser')).toMatchObject({ ok: { User: { UserName: 'alice' } } });
  });

  it('refuses IAM calls with a session made without MFA, as AWS does', async () => {
    const session = await callAws(client, env, 'bob', 'sts', 'GetSessionToken');
    const c = session.ok?.Credentials as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
    writeCredentials('\n' + profile('plain-session', c.AccessKeyId, c.SecretAccessKey, c.SessionToken));
    expect(await callAws(client, env, 'plain-session', 'sts', 'GetCallerIdentity')).toMatchObject({ ok: { Arn: 'arn:aws:iam::123456789012:user/bob' } });
    expect(await callAws(client, env, 'plain-session', 'iam', 'ListAccessKeys')).toMatchObject({ error: 'InvalidClientTokenId' });
  });

  it('assumes a role', async () => {
    const out = await callAws(client, env, 'alice', 'sts', 'AssumeRole', { RoleArn: 'arn:aws:iam::123456789012:role/deploy', RoleSessionName: 'kw' });
    expect(out.ok?.AssumedRoleUser).toEqual({ Arn: 'arn:aws:sts::123456789012:assumed-role/deploy/kw', AssumedRoleId: expect.stringMatching(/^AROA[A-Z2-7]{16}:kw$/) });
  });
});

it('computes TOTP codes as RFC 6238 does (its SHA-1 test vector at T=59 s)', () => {
  expect(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000)).toBe('287082');
});

describe('faults a test asks for', () => {
  it('fails an action once, then always, with the fault given', async () => {
    aws.failOnce('ListAccessKeys');
    expect(await callAws('js-sdk', env, 'alice', 'iam', 'ListAccessKeys')).toEqual({ error: 'AccessDenied', status: 403 });
    expect(await callAws('js-sdk', env, 'alice', 'iam', 'ListAccessKeys')).toHaveProperty('ok');
    aws.failAlways('GetUser', new AwsFault('Throttling', 400, 'Rate exceeded'));
    expect(await callAws('botocore', env, 'alice', 'iam', 'GetUser')).toEqual({ error: 'Throttling', status: 400 });
    expect(await callAws('botocore', env, 'alice', 'iam', 'GetUser')).toEqual({ error: 'Throttling', status: 400 });
    aws.clearFaults();
    expect(await callAws('botocore', env, 'alice', 'iam', 'GetUser')).toMatchObject({ ok: { User: { UserName: 'alice' } } });
  });

  it('refuses a new key for its first N calls (propagation), then accepts it', async () => {
    aws.delayPropagation({ calls: 2 });
    const created = await callAws('js-sdk', env, 'alice', 'iam', 'CreateAccessKey');
    aws.delayPropagation({});
    const key = created.ok?.AccessKey as { AccessKeyId: string; SecretAccessKey: string };
    writeCredentials('\n' + profile('fresh', key.AccessKeyId, key.SecretAccessKey));
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await callAws('js-sdk', env, 'fresh', 'sts', 'GetCallerIdentity'));
    expect(outcomes.map((o) => o.error ?? 'ok')).toEqual(['InvalidClientTokenId', 'InvalidClientTokenId', 'ok']);
    expect(await callAws('js-sdk', env, 'alice', 'iam', 'DeleteAccessKey', { AccessKeyId: key.AccessKeyId })).toEqual({ ok: {} });
  });
});
