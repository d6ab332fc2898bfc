// Latency of `keyward watch`: the median time from a write to ~/.aws/credentials to the matching
// `finding` event on stdout, over 20 writes. Target: median < 300 ms (the watcher's debounce is
// 100 ms of it). Run with `npm run bench` (inside scripts/test-env.sh: temp HOME, private keyring).
import fs from 'node:fs';
import path from 'node:path';
import { startWatch } from './watch-events.mjs';

const TARGET_MS = 300;
const WRITES = 20;
const home = fs.mkdtempSync(path.join(process.env.HOME, 'bench-watch-'));
const env = { ...process.env, HOME: home, KEYWARD_SERVICE: `keyward-bench-${process.pid}`,
  XDG_CONFIG_HOME: path.join(home, '.config'), XDG_STATE_HOME: path.join(home, '.local/state'),
  KEYWARD_FLEET_POLICY: path.join(home, 'fleet.ini') };
const { child, next: nextEvent } = startWatch(env);
const next = (match) => nextEvent(match, 10_000);

// A fake key: AKIA + 16 of [A-Z2-7]; never a real one.
const key = (i) => `AKIABENCH${String(i).padStart(3, '0').replace(/[0189]/g, 'Z')}WATCHQZZ`;
const credentials = path.join(home, '.aws', 'credentials');
fs.mkdirSync(path.dirname(credentials), { recursive: true, mode: 0o700 });

await next((e) => e.event === 'ready');
const times = [];
for (let i = 0; i < WRITES; i++) {
  const profile = `bench${i}`;
  const found = next((e) => e.event === 'finding' && e.ruleId === 'plaintext-access-key' && e.profile === profile);
  const start = process.hrtime.bigint();
  fs.writeFileSync(credentials, `[${profile}]\naws_access_key_id = ${key(i)}\naws_secret_access_key = benchSecret/${'x'.repeat(28)}${i}\n`, { mode: 0o600 });
  await found;
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
child.kill('SIGTERM');
times.sort((a, b) => a - b);
const median = (times[WRITES / 2 - 1] + times[WRITES / 2]) / 2;
const fmt = (ms) => `${ms.toFixed(1)} ms`;
console.log('| writes | median | min | p90 | max | target |');
console.log('|---|---|---|---|---|---|');
console.log(`| ${WRITES} | ${fmt(median)} | ${fmt(times[0])} | ${fmt(times[Math.ceil(WRITES * 0.9) - 1])} | ${fmt(times.at(-1))} | < ${TARGET_MS} ms |`);
process.exitCode = median < TARGET_MS ? 0 : 1;
