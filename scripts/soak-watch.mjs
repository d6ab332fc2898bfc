// Soak test of the daemon: 10,000 writes to a watched file, with the daemon's memory before and
// after (and after a forced GC when node runs with --expose-gc). The daemon runs in this process
// (dist/daemon/run.js) so its memory is ours to read; the writes come from a child process, as
// they would from an editor or a runaway script.
//   npm run build && bash scripts/test-env.sh node --expose-gc scripts/soak-watch.mjs
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

const WRITES = Number(process.argv[2] ?? 10_000);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { startDaemon } = await import(path.join(root, 'dist/daemon/run.js'));
const home = fs.mkdtempSync(path.join(process.env.HOME, 'soak-watch-'));
const env = { ...process.env, HOME: home, KEYWARD_SERVICE: `keyward-soak-${process.pid}`,
  XDG_CONFIG_HOME: path.join(home, '.config'), XDG_STATE_HOME: path.join(home, '.local/state'),
  KEYWARD_FLEET_POLICY: path.join(home, 'fleet.ini') };
const counts = {};
const ctx = {
  env, home, now: () => new Date(), interactive: false, prompt: async () => '',
  out: { isTTY: false, write: (line) => { const { event } = JSON.parse(line); counts[event] = (counts[event] ?? 0) + 1; } },
  err: { isTTY: false, write: () => undefined },
};
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const sample = () => { const m = process.memoryUsage(); return { rss: m.rss, heap: m.heapUsed }; };
const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));

const daemon = await startDaemon(ctx, { format: 'json', desktop: { notify: async () => false } });
const file = path.join(home, '.aws', 'credentials');
fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
fs.writeFileSync(file, '[soak]\nregion = us-east-1\n', { mode: 0o600 });
await settle();
globalThis.gc?.();
const before = sample();
const started = Date.now();
const writer = `const fs = require('node:fs'); for (let i = 0; i < ${WRITES}; i++) fs.writeFileSync(process.argv[1], i % 2 ? process.argv[2] : '[soak]\\nregion = r' + i + '\\n');`;
const key = '[soak]\naws_access_key_id = AKIASOAKWATCHQ234567\naws_secret_access_key = soakSecret/xxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n';
await new Promise((resolve) => spawn(process.execPath, ['-e', writer, file, key], { stdio: 'inherit' }).on('exit', resolve));
const writeMs = Date.now() - started;
await settle();
const after = sample();
globalThis.gc?.();
const afterGc = globalThis.gc ? sample() : undefined;
await daemon.stop();

console.log(`| writes | write time | RSS before | RSS after | RSS after GC | heap before | heap after GC | events |`);
console.log('|---|---|---|---|---|---|---|---|');
console.log(`| ${WRITES} | ${(writeMs / 1000).toFixed(1)} s | ${mb(before.rss)} | ${mb(after.rss)} | ${afterGc ? mb(afterGc.rss) : 'n/a (no --expose-gc)'} | ${mb(before.heap)} | ${afterGc ? mb(afterGc.heap) : mb(after.heap)} | ${JSON.stringify(counts)} |`);
