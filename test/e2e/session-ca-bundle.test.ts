// The STS call of a session cache miss honours the profile's ca_bundle: against the emulator over
// HTTPS with a self-signed certificate (test/support/connect-proxy.ts), the shim gets a session
// when ca_bundle names that certificate, and fails with one sts-failed line when it does not.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAwsEmulator, type AwsEmulator } from '../support/aws-emulator.js';
import { selfSignedCertificate } from '../support/connect-proxy.js';
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
