// `keyward watch` and a 20 MB shell history: the time from appending a command holding a secret to
// ~/.zsh_history to the `finding` event (20 appends, each a new secret), the time to the first
// `ready` (which reads the history whole once), and the daemon's CPU per typed command while 50
// ordinary commands are appended — with a 20 MB history and with a 20 KB one: flat means the same.
// Run with `npm run bench` (inside scripts/test-env.sh: temp HOME, private keyring). Linux for the
// CPU figures (/proc); the latency figures anywhere.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout } from 'node:timers';
import { startWatch } from './watch-events.mjs';

const TARGET_MS = 1000;
const APPENDS = 20;
const TYPED = 50;
const LINE = ': 1700000000:0;git status --short --branch && make -j4 test\n';

/** A random secret-shaped value (never a real key): 40 base64 characters mixing cases and digits. */
function secret() {
  for (;;) {
    const s = randomBytes(30).toString('base64');
    if (/[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s)) return s;
  }
}

function cpuTicks(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (USER_HZ, 100 on Linux)
  } catch {
    return NaN;
  }
}

async function run(historyBytes) {
  const home = fs.mkdtempSync(path.join(process.env.HOME, 'bench-history-'));
  const history = path.join(home, '.zsh_history');
  fs.writeFileSync(history, LINE.repeat(Math.ceil(historyBytes / LINE.length)), { mode: 0o600 });
  const env = { ...process.env, HOME: home, KEYWARD_SERVICE: `keyward-bench-${process.pid}`,
    XDG_CONFIG_HOME: path.join(home, '.config'), XDG_STATE_HOME: path.join(home, '.local/state'),
    XDG_DATA_HOME: path.join(home, '.local/share'), KEYWARD_FLEET_POLICY: path.join(home, 'fleet.ini') };
  const started = process.hrtime.bigint();
  const { child, next: nextEvent } = startWatch(env);
  const next = (match) => nextEvent(match, 20_000);
  await next((e) => e.event === 'ready');
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;

  const times = [];
  for (let i = 0; i < APPENDS; i++) {
    const value = secret();
    const evidence = `${value.slice(0, 4)}…${value.slice(-4)}`;
    const found = next((e) => e.event === 'finding' && e.ruleId === 'secret-in-shell-history' && e.evidence === evidence);
    const start = process.hrtime.bigint();
    fs.appendFileSync(history, `: ${1700000001 + i}:0;export AWS_SECRET_ACCESS_KEY=${value}\n`);
    await found;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }

  // Typing: one ordinary command every 200 ms; the daemon rescans after each (100 ms debounce).
  await new Promise((r) => setTimeout(r, 500));
  const before = cpuTicks(child.pid);
  for (let i = 0; i < TYPED; i++) {
    fs.appendFileSync(history, `: ${1800000000 + i}:0;ls -la src/${i}\n`);
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, 500));
  const cpuMsPerCommand = ((cpuTicks(child.pid) - before) * 10) / TYPED;
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  fs.rmSync(home, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return { readyMs, times, cpuMsPerCommand };
}

const fmt = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : 'n/a');
console.log(`node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const big = await run(20 * 1024 * 1024);
const small = await run(20 * 1024);
console.log('| history | first ready | appends | median | p90 | max | CPU per typed command | target |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [label, r] of [['20 MB', big], ['20 KB', small]]) {
  const median = (r.times[APPENDS / 2 - 1] + r.times[APPENDS / 2]) / 2;
  console.log(`| ${label} | ${fmt(r.readyMs)} | ${APPENDS} | ${fmt(median)} | ${fmt(r.times[Math.ceil(APPENDS * 0.9) - 1])} | ` +
    `${fmt(r.times.at(-1))} | ${fmt(r.cpuMsPerCommand)} | median < ${TARGET_MS} ms |`);
}
console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const median = (big.times[APPENDS / 2 - 1] + big.times[APPENDS / 2]) / 2;
process.exitCode = median < TARGET_MS ? 0 : 1;
