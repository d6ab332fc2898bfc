// A local IAM + STS for the tests, on 127.0.0.1 at a random port: the Query protocol (form POST in,
// AWS's XML out), every request's SigV4 signature recomputed against the secret of the key it names
// (aws-emulator-auth.ts), and the refusals AWS sends: an unknown, deleted or inactive key is
// InvalidClientTokenId, a wrong secret SignatureDoesNotMatch, an expired session ExpiredToken (all
// 403); a third key LimitExceeded (409). Tests seed users and keys, register MFA devices, make an
// action fail once or always, and delay a new key's propagation. Point clients at it with
// `AWS_ENDPOINT_URL_IAM`/`_STS` (botocore, JS SDK) or `redirectCliV2` (CLI v2 2.9 predates those).
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseAmzDate, parseAuthorization, signatureMatches, type SigV4Header } from './aws-emulator-auth.js';
import { EmulatorState, SERVICE_OF, type Caller, type EmulatedKey } from './aws-emulator-state.js';
import { AwsFault, FAULTS, errorXml, successXml, type Service } from './aws-emulator-xml.js';
import type { FakeKey } from './keys.js';

export { totp } from './aws-emulator-auth.js';
export { AwsFault } from './aws-emulator-xml.js';

export const EMULATOR_ACCOUNT = '123456789012';

export interface EmulatorOptions {
  /** Users to create, each with its keys (from keys.ts). */
  users?: { name: string; keys?: FakeKey[] }[];
  account?: string;
  /** Serve HTTPS with this key and certificate (PEM) instead of HTTP: for ca_bundle tests. */
  tls?: { key: string; cert: string };
}

/** One request as the emulator judged it: who signed it and what it answered. */
export interface EmulatorRequest {
  service: Service | '?';
  action: string;
  /** The access key id named in `Credential=` ('' when unsigned). */
  keyId: string;
  status: number;
  /** The error code, or 'ok'. */
  outcome: string;
}

export interface KeyView {
  id: string;
  user: string;
  status: 'Active' | 'Inactive';
  created: Date;
  lastUsed?: Date;
}

export interface AwsEmulator {
  url: string;
  account: string;
  requests: EmulatorRequest[];
  addUser(name: string): { arn: string; userId: string };
  /** A key the user holds (a seed from keys.ts); the two-key limit is the test's business here. */
  addKey(user: string, key: FakeKey, status?: 'Active' | 'Inactive'): void;
  /** The user's keys, oldest first (ListAccessKeys' view, plus last use). */
  keys(user: string): KeyView[];
  /** The secret of a key the emulator issued (tests compare it with what keyward stored). */
  secretOf(keyId: string): string | undefined;
  /** An MFA device that accepts a fixed code, or TOTP codes from a base32 secret (see `totp`). */
  registerMfa(user: string, serial: string, device: { code: string } | { totpSecret: string }): void;
  /** The next call (or every call) of `action` fails with `fault` (default AccessDenied, 403). */
  failOnce(action: string, fault?: AwsFault): void;
  failAlways(action: string, fault?: AwsFault): void;
  clearFaults(): void;
  /** Keys created from now on are refused (InvalidClientTokenId) for `ms` ms and/or their first `calls` signed requests. */
  delayPropagation(delay: { ms?: number; calls?: number }): void;
  close(): Promise<void>;
}

interface Faults {
  once: Map<string, AwsFault[]>;
  always: Map<string, AwsFault>;
}

const accessDenied = (action: string): AwsFault =>
  new AwsFault('AccessDenied', 403, `User is not authorized to perform: ${SERVICE_OF[action] ?? 'aws'}:${action}`);

/** The caller a signature names, or the fault AWS answers (checked before the signature, as AWS does). */
function findCaller(state: EmulatorState, auth: SigV4Header, token: string | undefined): { caller: Caller; secret: string } {
  const key = state.keys.get(auth.keyId);
  if (key) {
    if (key.status !== 'Active' || notPropagated(key)) throw FAULTS.invalidToken();
    return { caller: { kind: 'key', key }, secret: key.secret };
  }
  const session = state.sessions.get(auth.keyId);
  if (!session || session.token !== token) throw FAULTS.invalidToken();
  if (session.expiration.getTime() <= Date.now()) throw FAULTS.expired();
  // A session's keys die with the key that made it only in AWS's caches; here the user must still exist.
  return { caller: { kind: 'session', session }, secret: session.secret };
}

function notPropagated(key: EmulatedKey): boolean {
  if (key.refusedCalls > 0) {
    key.refusedCalls--;
    return true;
  }
  return key.refusedUntil > Date.now();
}

async function authenticate(state: EmulatorState, req: http.IncomingMessage, body: Buffer, auth: SigV4Header | undefined): Promise<Caller> {
  if (!auth) throw FAULTS.missingAuth();
  const tokenHeader = req.headers['x-amz-security-token'];
  const token = Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader;
  const { caller, secret } = findCaller(state, auth, token);
  const signed = { method: req.method ?? 'POST', url: req.url ?? '/', headers: req.headers, body };
  if (!(await signatureMatches(signed, auth, secret, token))) throw FAULTS.badSignature();
  const date = parseAmzDate(String(req.headers['x-amz-date'] ?? ''));
  if (date && Math.abs(date.getTime() - Date.now()) > 15 * 60_000) {
    throw new AwsFault('SignatureDoesNotMatch', 403, 'Signature expired: the request time is more than 15 minutes from the server time.');
  }
  return caller;
}

function injected(faults: Faults, action: string): AwsFault | undefined {
  const queued = faults.once.get(action);
  if (queued?.length) return queued.shift();
  return faults.always.get(action);
}

async function handle(state: EmulatorState, faults: Faults, req: http.IncomingMessage, body: Buffer): Promise<{ service: Service | '?'; action: string; keyId: string; status: number; xml: string; outcome: string }> {
  const params = new URLSearchParams(body.toString('utf8'));
  for (const [k, v] of new URLSearchParams((req.url ?? '').split('?')[1] ?? '')) params.set(k, v);
  const action = params.get('Action') ?? '';
  const auth = parseAuthorization(req.headers.authorization);
  const service: Service | '?' = SERVICE_OF[action] ?? (auth?.service === 'iam' || auth?.service === 'sts' ? auth.service : '?');
  const xmlService: Service = service === '?' ? 'sts' : service;
  try {
    const caller = await authenticate(state, req, body, auth);
    if (service === '?' || auth?.service !== service) throw FAULTS.invalidAction(action);
    // GetSessionToken credentials reach IAM only when the session was made with MFA (AWS: "cannot be
    // used to call IAM API operations unless MFA authentication information is included").
    if (service === 'iam' && caller.kind === 'session' && caller.session.user && !caller.session.mfa) throw FAULTS.invalidToken();
    const fault = injected(faults, action);
    if (fault) throw fault;
    const result = service === 'iam' ? state.iam(action, params, caller) : state.sts(action, params, caller);
    if (caller.kind === 'key') caller.key.lastUsed = { date: new Date(), service, region: auth.region };
    return { service, action, keyId: auth.keyId, status: 200, xml: successXml(xmlService, action, result), outcome: 'ok' };
  } catch (error) {
    if (!(error instanceof AwsFault)) throw error;
    return { service, action, keyId: auth?.keyId ?? '', status: error.status, xml: errorXml(xmlService, error.code, error.message, error.status), outcome: error.code };
  }
}

export async function startAwsEmulator(options: EmulatorOptions = {}): Promise<AwsEmulator> {
  const state = new EmulatorState(options.account ?? EMULATOR_ACCOUNT);
  for (const user of options.users ?? []) {
    state.addUser(user.name);
    for (const key of user.keys ?? []) state.addKey(user.name, key.id, key.secret);
  }
  const faults: Faults = { once: new Map(), always: new Map() };
  const requests: EmulatorRequest[] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(state, faults, req, Buffer.concat(chunks)).then((r) => {
        requests.push({ service: r.service, action: r.action, keyId: r.keyId, status: r.status, outcome: r.outcome });
        res.writeHead(r.status, { 'content-type': 'text/xml', 'x-amzn-requestid': '00000000-0000-0000-0000-000000000000' }).end(r.xml);
      }, (error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      });
    });
  };
  const server = options.tls ? https.createServer(options.tls, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    account: state.account,
    requests,
    addUser: (name) => state.addUser(name),
    addKey: (user, key, status) => void state.addKey(user, key.id, key.secret, status),
    keys: (user) => state.keysOf(user).map((k) => ({ id: k.id, user: k.user, status: k.status, created: k.created, ...(k.lastUsed ? { lastUsed: k.lastUsed.date } : {}) })),
    secretOf: (id) => state.keys.get(id)?.secret,
    registerMfa: (user, serial, device) => void state.user(user).mfa.set(serial, device),
    failOnce: (action, fault = accessDenied(action)) => void faults.once.set(action, [...(faults.once.get(action) ?? []), fault]),
    failAlways: (action, fault = accessDenied(action)) => void faults.always.set(action, fault),
    clearFaults: () => {
      faults.once.clear();
      faults.always.clear();
    },
    delayPropagation: ({ ms = 0, calls = 0 }) => void (state.propagation = { ms, calls }),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * The AWS CLI v2 here (2.9.19) predates `AWS_ENDPOINT_URL_*`; botocore reads `~/.aws/models`
 * first, so an endpoint ruleset there sends every IAM and STS call to `url`.
 */
export function redirectCliV2(home: string, url: string): void {
  for (const [service, version] of [['sts', '2011-06-15'], ['iam', '2010-05-08']]) {
    const dir = path.join(home, '.aws/models', service!, version!);
    fs.mkdirSync(dir, { recursive: true });
    const ruleset = { version: '1.0', parameters: { Region: { builtIn: 'AWS::Region', required: false, type: 'String' } },
      rules: [{ conditions: [], endpoint: { url, properties: {}, headers: {} }, type: 'endpoint' }] };
    fs.writeFileSync(path.join(dir, 'endpoint-rule-set-1.json'), JSON.stringify(ruleset));
  }
}

/** Env that sends botocore (>= 1.31) and the JS SDK to the emulator. */
export function emulatorEnv(url: string): Record<string, string> {
  return { AWS_ENDPOINT_URL_IAM: url, AWS_ENDPOINT_URL_STS: url, AWS_DEFAULT_REGION: 'us-east-1', AWS_REGION: 'us-east-1' };
}
