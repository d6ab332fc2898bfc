// keyward's own IAM and STS clients (src/aws) against the emulator: the endpoint comes from the
// profile's [services] section (not from the default profile, which the SDK alone would read), the
// signature is the stored key's, and the proxy variables and ca_bundle are honoured end to end.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileViews } from '../../../src/awsconfig/profiles.js';
import { AwsCallError, openIam, openSts } from '../../../src/aws/clients.js';
import { resolveAwsSettings } from '../../../src/aws/settings.js';
import { loadAwsFiles } from '../../../src/migrate/files.js';
import { startAwsEmulator, type AwsEmulator } from '../../support/aws-emulator.js';
import { selfSignedCertificate, startConnectProxy, type ConnectProxy } from '../../support/connect-proxy.js';
import { fakeKey } from '../../support/keys.js';
import { createTempHome, type TempHome } from '../../support/temp-home.js';

const key = fakeKey(50);
const creds = { accessKeyId: key.id, secretAccessKey: key.secret };
let plain: AwsEmulator;
let secure: AwsEmulator;
let proxy: ConnectProxy;
let home: TempHome;
let certFile: string;

beforeAll(async () => {
  home = createTempHome('aws-clients');
  const cert = selfSignedCertificate(home.root);
  certFile = cert.certFile;
  plain = await startAwsEmulator({ users: [{ name: 'alice', keys: [key] }] });
  secure = await startAwsEmulator({ users: [{ name: 'alice', keys: [key] }], tls: cert });
  proxy = await startConnectProxy();
  fs.writeFileSync(home.aws('config'), `[default]
endpoint_url = http://127.0.0.1:9
region = us-west-2

[profile work]
region = eu-west-1
services = corp

[services corp]
iam =
  endpoint_url = ${plain.url}
sts =
  endpoint_url = ${plain.url}

[profile tls]
endpoint_url = ${secure.url}
ca_bundle = ${certFile}

[profile fips]
region = us-east-1
use_fips_endpoint = true

[profile plain]
region = eu-west-1

[profile tls-untrusted]
endpoint_url = ${secure.url}
`, { mode: 0o600 });
});

afterAll(async () => {
  await Promise.all([plain.close(), secure.close(), proxy.close()]);
  home.cleanup();
});

function settingsFor(profile: string, service: 'iam' | 'sts', extra: Record<string, string> = {}) {
  const env = { ...home.env, ...extra };
  const files = loadAwsFiles(env, home.home);
  const view = profileViews(files.config, files.credentials).get(profile);
  return { env, settings: resolveAwsSettings({ profile, ...(view ? { view } : {}), config: files.config, env, home: home.home }, service) };
}

async function caller(profile: string, extra: Record<string, string> = {}, credentials = creds) {
  const { env, settings } = settingsFor(profile, 'sts', extra);
  return (await openSts(profile, settings, env, credentials)).callerIdentity();
}

describe('keyward\'s AWS clients', () => {
  it('go where the profile\'s [services] section says, signed with the key given', async () => {
    const before = plain.requests.length;
    expect(await caller('work')).toEqual({ arn: 'arn:aws:iam::123456789012:user/alice', account: '123456789012', userId: expect.stringMatching(/^AIDA/) });
    const { env, settings } = settingsFor('work', 'iam');
    const iam = await openIam('work', settings, env, creds);
    expect(await iam.listAccessKeys()).toEqual([{ id: key.id, status: 'Active', created: expect.any(Date) }]);
    expect(await iam.lastUsed(key.id)).toBeInstanceOf(Date);
    expect(plain.requests.slice(before).map((r) => `${r.service}:${r.action}:${r.keyId}:${r.outcome}`))
      .toEqual([`sts:GetCallerIdentity:${key.id}:ok`, `iam:ListAccessKeys:${key.id}:ok`, `iam:GetAccessKeyLastUsed:${key.id}:ok`]);
  });

  it('report AWS refusals as code and status', async () => {
    const error = await caller('work', {}, { ...creds, secretAccessKey: fakeKey(51).secret }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
    const { env, settings } = settingsFor('work', 'iam');
    const iam = await openIam('work', settings, env, creds);
    await iam.createAccessKey();
    await expect(iam.createAccessKey()).rejects.toMatchObject({ code: 'LimitExceeded', status: 409 });
  });

  it('tunnel through HTTP_PROXY, and not for a host NO_PROXY names', async () => {
    const before = proxy.tunnels.length;
    expect((await caller('work', { HTTP_PROXY: proxy.url })).arn).toMatch(/user\/alice$/);
    expect(proxy.tunnels.slice(before).map((t) => t.target)).toEqual([new URL(plain.url).host]);
    await caller('work', { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' });
    expect(proxy.tunnels.length).toBe(before + 1);
  });

  it('trust the profile\'s ca_bundle (and only then), also through HTTPS_PROXY with credentials', async () => {
    await expect(caller('tls-untrusted')).rejects.toMatchObject({ code: 'network' });
    expect((await caller('tls')).arn).toMatch(/user\/alice$/);
    expect((await caller('tls-untrusted', { AWS_CA_BUNDLE: certFile })).arn).toMatch(/user\/alice$/);
    const before = proxy.tunnels.length;
    const withUser = proxy.url.replace('http://', 'http://corp%40user:pa%3Ass@');
    expect((await caller('tls', { HTTPS_PROXY: withUser })).arn).toMatch(/user\/alice$/);
    expect(proxy.tunnels.slice(before)).toEqual([{ target: new URL(secure.url).host, authorization: `Basic ${Buffer.from('corp@user:pa:ss').toString('base64')}` }]);
  });

  // No endpoint configured for the profile: the SDK's own endpoint rules choose, from the region and
  // FIPS setting keyward passed (never the default profile's endpoint_url). There is no network here,
  // so the CONNECT proxy shows where the call would have gone.
  it.each([
    ['fips', 'sts', 'sts-fips.us-east-1.amazonaws.com:443'],
    ['fips', 'iam', 'iam-fips.amazonaws.com:443'],
    ['plain', 'sts', 'sts.eu-west-1.amazonaws.com:443'],
    ['plain', 'iam', 'iam.amazonaws.com:443'],
  ] as const)('profile %s sends %s to %s by the SDK\'s endpoint rules', async (profile, service, target) => {
    const before = proxy.tunnels.length;
    const { env, settings } = settingsFor(profile, service, { HTTPS_PROXY: proxy.url, AWS_MAX_ATTEMPTS: '1' });
    const call = service === 'sts' ? (await openSts(profile, settings, env, creds)).callerIdentity() : (await openIam(profile, settings, env, creds)).getUser();
    await expect(call).rejects.toMatchObject({ code: 'network' });
    expect(proxy.tunnels.slice(before).map((t) => t.target)).toEqual([target]);
  });

  it('say which CA bundle cannot be read', async () => {
    const { env, settings } = settingsFor('tls', 'sts', { AWS_CA_BUNDLE: path.join(home.root, 'missing.pem') });
    await expect(openSts('tls', settings, env, creds)).rejects.toThrow(/cannot read the CA bundle .*missing\.pem \(ENOENT\)/);
  });
});
