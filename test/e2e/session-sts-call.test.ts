// The STS call of a session cache miss goes where rotate's calls go and the way they go
// (aws/client-config.ts): against the emulator over HTTPS with a self-signed certificate
// (test/support/connect-proxy.ts), the shim gets a session when ca_bundle names that certificate,
// fails with one sts-failed line when it does not, and reaches STS through HTTPS_PROXY (a CONNECT
// tunnel, so TLS and the certificate check stay end to end) unless NO_PROXY exempts the host.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAwsEmulator, type AwsEmulator } from '../support/aws-emulator.js';
import { selfSignedCertificate, startConnectProxy } from '../support/connect-proxy.js';
import { KEY_ID, SECRET } from '../support/keys.js';
import { MFA_SERIAL, createSessionFixture, putKey, type SessionFixture } from '../support/session-fixture.js';

let f: SessionFixture;
let aws: AwsEmulator;
let certFile: string;

beforeAll(async () => {
  f = await createSessionFixture('session-ca');
  const tls = selfSignedCertificate(f.home);
  certFile = tls.certFile;
  aws = await startAwsEmulator({ users: [{ name: 'alice', keys: [{ id: KEY_ID, secret: SECRET }] }], tls: { key: tls.key, cert: tls.cert } });
  aws.registerMfa('alice', MFA_SERIAL, { code: '123456' });
  await putKey(f, 'dev');
});
afterAll(async () => {
  await aws.close();
  await f.cleanup();
});

it('with ca_bundle naming the certificate: an ASIA session from the HTTPS emulator', async () => {
  f.config({ dev: { mfa_serial: MFA_SERIAL, mfa_process: 'echo 123456', ca_bundle: certFile } });
  const [run] = await f.shims('dev', 1, { AWS_ENDPOINT_URL_STS: aws.url });
  expect(run?.stderr).toBe('');
  expect((JSON.parse(run!.stdout) as { AccessKeyId: string }).AccessKeyId).toMatch(/^ASIA/);
  expect(aws.requests.filter((r) => r.action === 'GetSessionToken')).toEqual([{ service: 'sts', action: 'GetSessionToken', keyId: KEY_ID, status: 200, outcome: 'ok' }]);
});

it('without it: one line saying STS failed, and no session', async () => {
  await f.sessions.delete('dev');
  f.config({ dev: { mfa_serial: MFA_SERIAL, mfa_process: 'echo 123456' } });
  const [run] = await f.shims('dev', 1, { AWS_ENDPOINT_URL_STS: aws.url });
  expect(run?.status).toBe(1);
  expect(run?.stderr.trim().split('\n')).toEqual([expect.stringContaining("keyward credential-process: profile 'dev': STS GetSessionToken failed (")]);
  expect(await f.sessions.get('dev')).toBeNull();
});

it('through HTTPS_PROXY: one tunnel to the STS endpoint, the session checked against ca_bundle end to end', async () => {
  await f.sessions.delete('dev');
  f.config({ dev: { mfa_serial: MFA_SERIAL, mfa_process: 'echo 123456', ca_bundle: certFile } });
  const proxy = await startConnectProxy();
  try {
    const before = aws.requests.length;
    const [run] = await f.shims('dev', 1, { AWS_ENDPOINT_URL_STS: aws.url, HTTPS_PROXY: proxy.url, NO_PROXY: 'example.com' });
    expect(run?.stderr).toBe('');
    expect((JSON.parse(run!.stdout) as { AccessKeyId: string }).AccessKeyId).toMatch(/^ASIA/);
    expect(proxy.tunnels.map((t) => t.target)).toEqual([new URL(aws.url).host]);
    expect(aws.requests.slice(before).map((r) => r.action)).toEqual(['GetSessionToken']);
  } finally {
    await proxy.close();
  }
});

it('NO_PROXY naming the host goes straight to STS; a proxy that refuses the tunnel fails the miss with one line', async () => {
  f.config({ dev: { mfa_serial: MFA_SERIAL, mfa_process: 'echo 123456', ca_bundle: certFile } });
  const proxy = await startConnectProxy();
  try {
    await f.sessions.delete('dev');
    const [direct] = await f.shims('dev', 1, { AWS_ENDPOINT_URL_STS: aws.url, HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    expect(direct?.stderr).toBe('');
    expect(proxy.tunnels).toEqual([]);
    await f.sessions.delete('dev');
    // The test proxy refuses (502) any target but loopback: an endpoint by name stands for the outside world.
    const [refused] = await f.shims('dev', 1, { AWS_ENDPOINT_URL_STS: 'https://sts.example.org', HTTPS_PROXY: proxy.url });
    expect(refused?.status).toBe(1);
    expect(proxy.tunnels.map((t) => t.target)).toEqual(['sts.example.org:443']);
    expect(refused?.stderr.trim().split('\n')).toEqual([expect.stringContaining('STS GetSessionToken failed (')]);
    expect(await f.sessions.get('dev')).toBeNull();
  } finally {
    await proxy.close();
  }
});

it('without an endpoint, the SDK\'s endpoint rules pick the host from the profile: regional, FIPS (the proxy shows where it went)', async () => {
  const proxy = await startConnectProxy();
  try {
    const targets: string[] = [];
    for (const settings of [{ region: 'eu-west-1' }, { region: 'us-east-2', use_fips_endpoint: 'true' }] as Record<string, string>[]) {
      await f.sessions.delete('dev');
      f.config({ dev: { mfa_serial: MFA_SERIAL, mfa_process: 'echo 123456', ...settings } });
      // The fixture sets AWS_ENDPOINT_URL_STS (its fake STS) and AWS_REGION: empty, each counts as unset.
      const [run] = await f.shims('dev', 1, { HTTPS_PROXY: proxy.url, AWS_ENDPOINT_URL_STS: '', AWS_REGION: '' });
      expect(run?.status).toBe(1);
      targets.push(...proxy.tunnels.splice(0).map((t) => t.target));
    }
    expect(new Set(targets)).toEqual(new Set(['sts.eu-west-1.amazonaws.com:443', 'sts-fips.us-east-2.amazonaws.com:443']));
  } finally {
    await proxy.close();
  }
});
