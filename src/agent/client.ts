// The agent's client side for keyward's own commands: after migrate, restore (and, on their
// branches, add, remove, rotate) change an item, they tell a running agent to forget it so the
// next AWS call reads the keychain again. Never fails the command: no agent, a stale socket or a
// slow one all mean "nothing to tell".
import http from 'node:http';
import { agentSocketPath } from './paths.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * POST /v1/invalidate for `account` (one keychain item; all items when absent). Resolves true when
 * an agent acknowledged it, false otherwise (none running, or it did not answer within `timeoutMs`).
 */
export function notifyAgent(env: Env, account?: string, timeoutMs = 1000): Promise<boolean> {
  const body = account === undefined ? '' : JSON.stringify({ item: account });
  return new Promise((resolve) => {
    const request = http.request({
      socketPath: agentSocketPath(env), path: '/v1/invalidate', method: 'POST', timeout: timeoutMs,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode === 200));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
    request.end(body);
  });
}
