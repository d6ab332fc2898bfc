// The agent's HTTP API, version 1 (docs/architecture.md, The agent): one request handler over a
// lookup and a cache. No secret ever goes anywhere but the body of a 200 to /v1/credentials: not
// in an error body, not in the audit line, not in an event.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isKeywardError } from '../errors.js';
import type { AuditRecord } from '../shim/audit.js';
import { parentCommand } from '../shim/audit.js';
import type { CredentialLookup } from './lookup.js';
import { answerScan, parseScanRequest } from './scan-route.js';
import type { ScanCommand } from './scan-route.js';

export interface AgentApi {
  lookup: CredentialLookup;
  invalidate(account?: string): number;
  size(): number;
  /** The keychain service this agent reads (secrets/store.ts serviceName). */
  service: string;
  /** Appends one audit line (the shim's log and format, plus `via: agent`). */
  audit(record: AuditRecord): void;
  /** A credentials answer not ready by then is a 504 (the read goes on and fills the cache). */
  deadlineMs: number;
  now(): Date;
  /** `keyward scan` itself, when the daemon answers scans (scan-route.ts); absent: 404. */
  scan?: ScanCommand;
}

type Reply = { status: number; body: string; headers?: Record<string, string>; audit?: AuditRecord };

const json = (status: number, value: unknown): Reply => ({ status, body: `${JSON.stringify({ version: 1, ...value as object })}\n` });
const failure = (status: number, code: string, message: string): Reply => json(status, { error: { code, message } });

export function createHandler(api: AgentApi): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    void route(api, request).catch((): Reply => failure(500, 'internal', 'unexpected error'))
      // Two turns of the event loop first: a request that waited in the socket while the agent was
      // stopped arrives together with its caller's close. Node 20 and 22 apply the close in the
      // turn that read the request; Node 24 in the next poll phase (measured: the socket is not yet
      // destroyed after one setImmediate, it is after two). The FIN is already in the kernel's
      // buffer then, so one more poll phase reads it whatever the load.
      .then((reply) => setImmediate(() => setImmediate(() => send(api, request, response, reply))));
  };
}

/**
 * Writes the reply and, for served credentials, the audit line; unless the caller already gave up
 * (curl's --max-time, while the agent was stopped or the keychain slow): its launcher asked the
 * shim instead, which audits that call, so nothing is sent or audited here.
 */
function send(api: AgentApi, request: IncomingMessage, response: ServerResponse, reply: Reply): void {
  // readableEnded: the caller closed its side (curl's --max-time while the agent was stopped).
  if (response.destroyed || request.socket.destroyed || request.socket.readableEnded) {
    response.destroy();
    return;
  }
  response.writeHead(reply.status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...reply.headers });
  response.end(reply.body);
  if (reply.audit) api.audit(reply.audit);
}

async function route(api: AgentApi, request: IncomingMessage): Promise<Reply> {
  const url = new URL(request.url ?? '/', 'http://agent');
  const allowed = METHODS[url.pathname];
  if (allowed === undefined) return failure(404, 'not-found', `no such endpoint: ${url.pathname.slice(0, 100)}`);
  if (request.method !== allowed) return { ...failure(405, 'method-not-allowed', `${url.pathname} takes ${allowed}`), headers: { allow: allowed } };
  if (url.pathname === '/v1/health') return json(200, { ok: true, pid: process.pid, service: api.service, items: api.size() });
  if (url.pathname === '/v1/invalidate') return invalidate(api, request);
  if (url.pathname === '/v1/scan') return scanRoute(api, request, url.searchParams);
  return credentials(api, url.searchParams);
}

const METHODS: Record<string, string | undefined> = { '/v1/health': 'GET', '/v1/credentials': 'GET', '/v1/invalidate': 'POST', '/v1/scan': 'POST' };

/** `POST /v1/scan?argc=N[&tty=1]`: the scan's stdout as text, 200 / 299, or 503 for the caller's node to run it. */
async function scanRoute(api: AgentApi, request: IncomingMessage, query: URLSearchParams): Promise<Reply> {
  if (!api.scan) return failure(404, 'not-found', 'this agent does not answer scans');
  const body = await readBody(request, 1024 * 1024);
  if (body === undefined) return failure(413, 'too-large', 'the body is limited to 1 MB');
  const parsed = parseScanRequest(body, query.get('argc'));
  if (typeof parsed === 'string') return failure(400, 'usage', parsed);
  const answer = await answerScan(api.scan, parsed.args, parsed.env, query.get('tty') === '1', process.cwd());
  if ('declined' in answer) return failure(503, 'scan-via-node', answer.declined);
  return { status: answer.status, body: answer.body, headers: { 'content-type': 'text/plain; charset=utf-8' } };
}

/** `GET /v1/credentials?profile=P[&item=A][&pid=N][&service=S]` → exactly the credential_process JSON. */
async function credentials(api: AgentApi, query: URLSearchParams): Promise<Reply> {
  const profile = query.get('profile') ?? '';
  if (profile === '') return failure(400, 'usage', 'profile is required');
  const account = query.get('item') || profile;
  // A caller whose KEYWARD_SERVICE differs reads other items: the shim is the one to ask then.
  if ((query.get('service') || 'keyward') !== api.service) return failure(409, 'service-mismatch', 'this agent serves another keychain service');
  let body: string;
  try {
    body = await withDeadline(api.lookup(profile, account), api.deadlineMs);
  } catch (error) {
    if (error === TIMEOUT) return failure(504, 'keychain-timeout', 'the keychain has not answered yet');
    const code = isKeywardError(error) ? error.code : 'internal';
    // The shim the launcher falls back to prints the full message (and audits the failure).
    return failure(code === 'keychain-item-missing' ? 404 : 503, code, isKeywardError(error) ? error.message : 'unexpected error');
  }
  const pid = callerPid(query.get('pid'));
  return { status: 200, body, audit: { time: api.now().toISOString(), profile, ppid: pid, parent: pid > 0 ? parentCommand(pid) : undefined, outcome: 'ok', via: 'agent' } };
}

/** The launcher's `$PPID`: what the caller says, resolved here (no SO_PEERCRED in Node to check it). */
function callerPid(text: string | null): number {
  return text !== null && /^[1-9]\d{0,9}$/.test(text) ? Number(text) : 0;
}

/** `POST /v1/invalidate` with `{"item":"A"}` (one item) or an empty body (all). */
async function invalidate(api: AgentApi, request: IncomingMessage): Promise<Reply> {
  const text = await readBody(request, 4096);
  if (text === undefined) return failure(413, 'too-large', 'the body is limited to 4 KB');
  let item: unknown;
  try {
    item = text.trim() === '' ? undefined : (JSON.parse(text) as { item?: unknown }).item;
  } catch {
    return failure(400, 'usage', 'the body must be JSON: {"item":"ACCOUNT"} or empty');
  }
  if (item !== undefined && (typeof item !== 'string' || item === '')) return failure(400, 'usage', 'item must be a non-empty string');
  return json(200, { invalidated: api.invalidate(item) });
}

/** The request body as UTF-8, or undefined past `maxBytes`. */
async function readBody(request: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const TIMEOUT = Symbol('timeout');

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(TIMEOUT), ms); });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
