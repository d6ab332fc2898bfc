// Shared by the daemon benchmarks: runs `keyward watch --format json` with `env` and returns the
// child and `next(match, timeoutMs)`, which resolves with the next event (one JSON object per line)
// that matches. Not a benchmark itself (bench.mjs runs only bench-*.mjs).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function startWatch(env) {
  const child = spawn(process.execPath, [path.join(root, 'bin/keyward'), 'watch', '--format', 'json'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const waiters = [];
  let buffer = '';
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const event = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      for (const waiter of waiters.splice(0).filter((w) => !w.match(event) || (w.resolve(event), false))) waiters.push(waiter);
    }
  });
  const next = (match, timeoutMs) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs / 1000} s`)), timeoutMs);
    waiters.push({ match, resolve: (event) => { clearTimeout(timer); resolve(event); } });
  });
  return { child, next };
}
