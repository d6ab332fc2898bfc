// The sockets keyward's AWS calls use: Node's agents, plus what the JS SDK v3 does not do by itself
// and botocore does — trust `ca_bundle`/AWS_CA_BUNDLE instead of Node's roots, and reach the
// endpoint through HTTPS_PROXY/HTTP_PROXY (an HTTP CONNECT tunnel, so TLS stays end to end) unless
// NO_PROXY exempts the host.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import type { Env } from '../awsconfig/paths.js';
import { KeywardError } from '../errors.js';
import { proxyFor } from './proxy.js';

type Callback = (error: Error | null, socket?: Socket) => void;
type ConnectOptions = tls.ConnectionOptions & { host?: string; port?: number | string };

/** Opens a CONNECT tunnel to host:port through the proxy; calls back with the raw socket. */
function tunnel(proxy: URL, host: string, port: number, done: Callback): void {
  const headers: Record<string, string> = { host: `${host}:${port}` };
  if (proxy.username) {
    const user = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(user).toString('base64')}`;
  }
  const request = (proxy.protocol === 'https:' ? https : http).request({
    host: proxy.hostname.replace(/^\[|\]$/g, ''), port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
    method: 'CONNECT', path: `${host}:${port}`, headers, agent: false,
  });
  request.once('connect', (response, socket) => {
    if (response.statusCode === 200) return done(null, socket);
    socket.destroy();
    // The proxy's host only: its URL may hold a password.
    done(new Error(`the proxy ${proxy.hostname} refused the tunnel to ${host}:${port} (HTTP ${response.statusCode})`));
  });
  request.once('error', (error) => done(error));
  request.end();
}

function connectVia(env: Env, secure: boolean, options: ConnectOptions, done: Callback): Socket | undefined {
  const host = String(options.host ?? 'localhost');
  const port = Number(options.port ?? (secure ? 443 : 80));
  const proxy = proxyFor(host, port, secure, env);
  if (!proxy) return secure ? tls.connect(options) : net.connect({ host, port });
  tunnel(proxy, host, port, (error, socket) => {
    if (error || !socket) return done(error ?? new Error('no socket'));
    // SNI takes a host name only (RFC 6066), never an IP address.
    const servername = options.servername || (net.isIP(host) ? undefined : host);
    done(null, secure ? tls.connect({ ...options, socket, ...(servername ? { servername } : {}) }) : socket);
  });
  return undefined;
}

export interface Agents {
  httpAgent: http.Agent;
  httpsAgent: https.Agent;
}

function readBundle(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new KeywardError('usage', `cannot read the CA bundle ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      'Fix ca_bundle in the profile or AWS_CA_BUNDLE (the AWS CLI fails on it too), then run again; nothing was changed.');
  }
}

/** Agents for one client: the CA bundle (if any) and the proxy variables of `env`. */
export function createAgents(env: Env, caBundle: string | undefined): Agents {
  const ca = caBundle ? readBundle(caBundle) : undefined;
  const httpsAgent = new https.Agent({ keepAlive: true, ...(ca ? { ca } : {}) });
  const httpAgent = new http.Agent({ keepAlive: true });
  // Node calls createConnection(options, callback) and waits for the callback when it returns nothing.
  Object.assign(httpsAgent, { createConnection: (o: ConnectOptions, cb: Callback) => connectVia(env, true, o, cb) });
  Object.assign(httpAgent, { createConnection: (o: ConnectOptions, cb: Callback) => connectVia(env, false, o, cb) });
  return { httpAgent, httpsAgent };
}
