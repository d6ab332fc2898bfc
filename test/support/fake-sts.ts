// A local stand-in for STS AssumeRole on 127.0.0.1: records each request's SigV4 Authorization
// header (to see which access key signed it) and answers with fixed temporary credentials.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeCredentials } from './keys.js';

/** Temporary credentials (keys.ts) and a token that is only a label. */
export const ROLE_CREDENTIALS = { ...fakeCredentials(1, 'ASIA'), SessionToken: 'fake-session-token' };

export interface FakeSts {
  url: string;
  /** The access key id named by each request's `Credential=` (SigV4). */
  signers: string[];
  close(): Promise<void>;
}

const response = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>${ROLE_CREDENTIALS.AccessKeyId}</AccessKeyId>
      <SecretAccessKey>${ROLE_CREDENTIALS.SecretAccessKey}</SecretAccessKey>
      <SessionToken>${ROLE_CREDENTIALS.SessionToken}</SessionToken>
      <Expiration>2099-01-01T00:00:00Z</Expiration>
    </Credentials>
    <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/test/keyward</Arn><AssumedRoleId>AROAFAKEROLE234567AB:keyward</AssumedRoleId></AssumedRoleUser>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>
</AssumeRoleResponse>`;

export async function startFakeSts(): Promise<FakeSts> {
  const signers: string[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const match = /Credential=([A-Z0-9]+)\//.exec(req.headers.authorization ?? '');
      signers.push(match?.[1] ?? '(unsigned)');
      res.writeHead(200, { 'content-type': 'text/xml' }).end(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, signers, close: () => new Promise((r) => server.close(() => r())) };
}
