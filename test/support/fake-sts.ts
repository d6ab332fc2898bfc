// A local stand-in for STS on 127.0.0.1: records each request's SigV4 Authorization header (to
// see which access key signed it). AssumeRole answers with fixed temporary credentials;
// GetSessionToken (issue 13) with a new ASIA key per call, expiring after its DurationSeconds, and
// with an MFA serial it accepts only the codes in `acceptedCodes`. It checks no signature: the
// SigV4-verifying emulator (test/support/aws-emulator.ts, issue 12) does.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeCredentials } from './keys.js';

/** Temporary credentials (keys.ts) and a token that is only a label. */
export const ROLE_CREDENTIALS = { ...fakeCredentials(1, 'ASIA'), SessionToken: 'fake-session-token' };

export interface StsCall {
  action: string;
  signer: string;
  serial?: string;
  code?: string;
  duration?: number;
}

export interface FakeSts {
  url: string;
  /** The access key id named by each request's `Credential=` (SigV4). */
  signers: string[];
  /** Every request, in order. */
  calls: StsCall[];
  /** MFA codes GetSessionToken accepts (default 123456). */
  acceptedCodes: Set<string>;
  close(): Promise<void>;
}

let sessionCount = 0;

function sessionResponse(form: URLSearchParams): string {
  const creds = fakeCredentials(200 + (sessionCount++ % 800), 'ASIA');
  const expires = new Date(Date.now() + Number(form.get('DurationSeconds') ?? 43_200) * 1000).toISOString();
  return `<GetSessionTokenResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetSessionTokenResult><Credentials>
  <AccessKeyId>${creds.AccessKeyId}</AccessKeyId><SecretAccessKey>${creds.SecretAccessKey}</SecretAccessKey>
  <SessionToken>fake-session-token-${sessionCount}</SessionToken><Expiration>${expires}</Expiration>
  </Credentials></GetSessionTokenResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000001</RequestId></ResponseMetadata></GetSessionTokenResponse>`;
}

const WRONG_CODE = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code>
<Message>MultiFactorAuthentication failed with invalid MFA one time pass code. </Message></Error><RequestId>00000000-0000-0000-0000-000000000002</RequestId></ErrorResponse>`;

function record(req: http.IncomingMessage, form: URLSearchParams): StsCall {
  const match = /Credential=([A-Z0-9]+)\//.exec(req.headers.authorization ?? '');
  const call: StsCall = { action: form.get('Action') ?? '', signer: match?.[1] ?? '(unsigned)' };
  if (form.has('SerialNumber')) call.serial = form.get('SerialNumber') as string;
  if (form.has('TokenCode')) call.code = form.get('TokenCode') as string;
  if (form.has('DurationSeconds')) call.duration = Number(form.get('DurationSeconds'));
  return call;
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
  const calls: StsCall[] = [];
  const acceptedCodes = new Set(['123456']);
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => { body += chunk; });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const call = record(req, form);
      signers.push(call.signer);
      calls.push(call);
      const text = (status: number, xml: string): void => void res.writeHead(status, { 'content-type': 'text/xml' }).end(xml);
      if (call.action !== 'GetSessionToken') return text(200, response);
      if (call.serial !== undefined && !acceptedCodes.has(call.code ?? '')) return text(403, WRONG_CODE);
      return text(200, sessionResponse(form));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, signers, calls, acceptedCodes, close: () => new Promise((r) => server.close(() => r())) };
}
