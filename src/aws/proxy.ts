// Which proxy a connection goes through, as curl, Python's requests (botocore) and the AWS CLI
// decide it from the environment (pure). The JS SDK v3 itself ignores these variables, so keyward's
// agent (agent.ts) applies them: corporate laptops reach AWS only through a proxy.
import type { Env } from '../awsconfig/paths.js';
import { KeywardError } from '../errors.js';

const pick = (env: Env, name: string): string | undefined => env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;

/**
 * True when NO_PROXY exempts the host: `*`, or an entry equal to the host or one of its parent
 * domains (`.example.com` and `example.com` both cover `a.example.com`), optionally with `:port`.
 */
export function bypassesProxy(host: string, port: number, env: Env): boolean {
  const list = pick(env, 'no_proxy');
  if (!list) return false;
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  for (const raw of list.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const colon = entry.lastIndexOf(':');
    const hasPort = colon > 0 && /^\d+$/.test(entry.slice(colon + 1)) && !entry.slice(0, colon).includes(':');
    const domain = (hasPort ? entry.slice(0, colon) : entry).replace(/^\*?\./, '');
    if (hasPort && Number(entry.slice(colon + 1)) !== port) continue;
    if (name === domain || name.endsWith(`.${domain}`)) return true;
  }
  return false;
}

/** The proxy for a connection to host:port (HTTPS_PROXY for TLS, HTTP_PROXY otherwise), or undefined. */
export function proxyFor(host: string, port: number, secure: boolean, env: Env): URL | undefined {
  const value = pick(env, secure ? 'https_proxy' : 'http_proxy');
  if (!value || bypassesProxy(host, port, env)) return undefined;
  try {
    // requests accepts a proxy without a scheme and treats it as http://.
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    const name = secure ? 'HTTPS_PROXY' : 'HTTP_PROXY';
    throw new KeywardError('usage', `${name} is not a URL keyward can use`, `Set it to http://HOST:PORT (as curl and the AWS CLI expect), or unset it; nothing was changed.`);
  }
}
